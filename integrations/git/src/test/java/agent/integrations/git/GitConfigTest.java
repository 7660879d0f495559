package agent.integrations.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.Config;
import agent.rpcdef.ConfigException;
import agent.rpcdef.Json;
import org.junit.jupiter.api.Test;

class GitConfigTest {
  private static GitConfig parse(String json) throws Exception {
    return GitConfig.parse(Config.of(Json.mapper().readTree(json)));
  }

  private static String error(String json) {
    return assertThrows(ConfigException.class, () -> parse(json)).getMessage();
  }

  @Test
  void locationsGetStableIdsAndReadableNames() throws Exception {
    GitConfig c = parse("{\"repos\":[\"/src/./api/\",\"https://git.example.com/acme/web.git\",\"git@github.com:acme/cli.git\"],"
        + "\"branches\":[\"main\"],\"max_file_size\":1000}");
    assertEquals("/src/api", c.repos().get(0).refId());
    assertEquals("api", c.repos().get(0).name());
    assertTrue(c.repos().get(0).local());
    assertEquals("acme/web", c.repos().get(1).name());
    assertEquals("acme/cli", c.repos().get(2).name());
    assertEquals(1000, c.maxFileSize());
  }

  @Test
  void mistakesAreExplained() {
    assertTrue(error("{}").contains("\"repos\" is required"));
    assertTrue(error("{\"repos\":[\"src/api\"]}").contains("relative path"));
    assertTrue(error("{\"repos\":[\"https://me:secret@host/a/b.git\"]}").contains("put credentials in \"username\""));
    assertTrue(error("{\"repos\":[\"ftp://host/a.git\"]}").contains("not supported"));
    assertTrue(error("{\"repos\":[\"/a\",\"/a/\"]}").contains("twice"));
    assertTrue(error("{\"repos\":[\"/a\"],\"username\":\"me\"}").contains("go together"));
  }

  @Test
  void thePasswordStaysOutOfToString() throws Exception {
    GitConfig c = parse("{\"repos\":[\"/a\"],\"username\":\"me\",\"password\":\"hunter22\"}");
    assertTrue(!c.toString().contains("hunter22"), c.toString());
  }
}
