package agent.cmd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The distribution's {@code bin/devbackend} as a real process on 127.0.0.1 and a free port, with
 * an admin token for minting codes. Close it in {@code @AfterEach}.
 */
final class DevBackendProcess implements AutoCloseable {
  static final String ADMIN = "it-admin";

  private final Process process;
  private final String url;

  private DevBackendProcess(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  static DevBackendProcess start(Path dataDir) throws Exception {
    Process p = new ProcessBuilder(List.of(Dist.home().resolve("bin/devbackend").toString(), "--port", "0",
        "--data-dir", dataDir.toString(), "--admin-token", ADMIN))
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    String first = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
    Matcher m = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)").matcher(String.valueOf(first));
    if (!m.matches()) {
      p.destroyForcibly();
      throw new AssertionError("devbackend's first stdout line: " + first);
    }
    return new DevBackendProcess(p, m.group(1));
  }

  /** {@code http://127.0.0.1:<port>}. */
  String url() {
    return url;
  }

  /** A fresh enrollment code for {@code customerId}, from the admin API. */
  String mintCode(String customerId) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(url + "/admin/enrollment-codes"))
            .header("Authorization", "Bearer " + ADMIN)
            .POST(HttpRequest.BodyPublishers.ofString("{\"customer_id\":\"" + customerId + "\"}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(201, r.statusCode(), r.body());
    JsonNode n = Json.mapper().readTree(r.body());
    return n.get("code").asText();
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    assertTrue(process.waitFor(10, TimeUnit.SECONDS), "devbackend did not stop");
  }
}
