package agent.rpcdef;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The stderr line format the host re-logs. */
class PluginLoggerTest {

  @Test
  void oneJsonObjectPerLineWithTsLevelMsgAndFields() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PluginLogger log = new PluginLogger(new PrintStream(out, true, StandardCharsets.UTF_8));
    log.info("fetched", "repo", "api", "prs", 12, "partial", false, "note", "two\nlines");
    log.warn("rate limited");
    log.error("odd", "dangling");
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n", -1);
    assertEquals(4, lines.length);
    assertEquals("", lines[3], "every line ends with \\n");

    JsonNode first = Json.mapper().readTree(lines[0]);
    Instant.parse(first.get("ts").asText());
    assertTrue(lines[0].startsWith("{\"ts\":\""), lines[0]);
    assertTrue(lines[0].endsWith(",\"level\":\"info\",\"msg\":\"fetched\",\"repo\":\"api\",\"prs\":12,\"partial\":false,"
        + "\"note\":\"two\\nlines\"}"), lines[0]);
    assertEquals("warn", Json.mapper().readTree(lines[1]).get("level").asText());
    JsonNode third = Json.mapper().readTree(lines[2]);
    assertEquals("error", third.get("level").asText());
    assertEquals(3, third.size(), "a key without a value is dropped");
  }
}
