package agent.cmd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.backend.BackendClient;
import agent.core.backend.EnrollRequest;
import agent.core.config.Enrollment;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;

/** {@code bin/devbackend} as a process on a free loopback port, and its admin API. Close it to stop it. */
final class DevBackend implements AutoCloseable {
  private static final String ADMIN_TOKEN = "admin-secret";
  private final Process process;
  final String url;
  private final HttpClient http = HttpClient.newHttpClient();

  private DevBackend(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  static DevBackend start(Path dataDir) throws IOException {
    return start(dataDir, 0);
  }

  /** @param port 0 for a free one; the port of a stopped instance to bring "the same backend" back */
  static DevBackend start(Path dataDir, int port) throws IOException {
    Process p = new ProcessBuilder(List.of(Dist.home().resolve("bin/devbackend").toString(), "--port", Integer.toString(port),
        "--data-dir", dataDir.toString(), "--admin-token", ADMIN_TOKEN, "--max-wait-seconds", "2"))
        .redirectError(dataDir.resolveSibling(dataDir.getFileName() + ".stderr").toFile())
        .start();
    String first = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
    Matcher m = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)").matcher(String.valueOf(first));
    if (!m.matches()) {
      p.destroyForcibly();
      throw new AssertionError("devbackend did not start: " + first);
    }
    return new DevBackend(p, m.group(1));
  }

  int port() {
    return URI.create(url).getPort();
  }

  /** Mints a code, enrolls through {@link BackendClient} and writes {@code config.json} under {@code root}. */
  Enrollment enroll(Path root) throws Exception {
    String code = admin("POST", "/enrollment-codes", "{\"customer_id\":\"acme\"}").path("code").asText();
    BackendClient client = new BackendClient(new OkHttpClient(), URI.create(url), null, "test");
    agent.core.backend.Enrollment e = client.enroll(
        new EnrollRequest(code, UUID.randomUUID().toString(), "it-host", "linux", "amd64", "test", "dev"));
    Enrollment config = new Enrollment(url, e.customerId(), e.deviceId(), e.apiKey(), "dev", e.enrolled());
    config.write(root);
    return config;
  }

  /** Queues a command; returns its id. */
  String queue(String deviceId, String type, String parametersJson) throws Exception {
    return admin("POST", "/commands",
        "{\"device_id\":\"" + deviceId + "\",\"type\":\"" + type + "\",\"parameters\":" + parametersJson + "}")
        .path("id").asText();
  }

  JsonNode command(String id) throws Exception {
    return admin("GET", "/commands/" + id, null);
  }

  /** What is stored of an export: {@code {"export": {...}, "manifest": {...}}}; an empty object before any file. */
  JsonNode export(String id) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/admin/exports/" + id))
        .header("Authorization", "Bearer " + ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() == 404) {
      return ExportDir.JSON.createObjectNode();
    }
    assertEquals(200, r.statusCode(), r.body());
    return ExportDir.JSON.readTree(r.body());
  }

  /** {@code {"path_regex", "method", "count", "status", "retry_after_seconds", "delay_ms"}}. */
  void fail(String ruleJson) throws Exception {
    admin("POST", "/failures", ruleJson);
  }

  JsonNode admin(String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + "/admin" + path))
        .header("Authorization", "Bearer " + ADMIN_TOKEN)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertTrue(r.statusCode() / 100 == 2, method + " " + path + ": " + r.statusCode() + " " + r.body());
    return r.body().isEmpty() ? ExportDir.JSON.createObjectNode() : ExportDir.JSON.readTree(r.body());
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    assertEquals(false, process.isAlive());
  }
}
