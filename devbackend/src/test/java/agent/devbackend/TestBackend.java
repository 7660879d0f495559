package agent.devbackend;

import agent.devbackend.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

/**
 * A devbackend on 127.0.0.1:0 in this JVM, and a real HTTP client talking to it: what every test
 * of this module goes through.
 */
final class TestBackend implements AutoCloseable {
  static final String ADMIN_TOKEN = "test-admin-token";

  final DevBackendServer server;
  final Path dataDir;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** An enrolled device as the agent would hold it. */
  record Agent(String deviceId, String customerId, String apiKey) {}

  /** A response: status, headers and the body as text and, when it is JSON, parsed. */
  record Reply(int status, HttpResponse<String> raw) {
    JsonNode json() {
      try {
        return Json.mapper().readTree(raw.body());
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + raw.body(), e);
      }
    }

    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    String errorCode() {
      return json().path("error").path("code").asText();
    }
  }

  TestBackend(Path dataDir) throws IOException {
    this(DevBackendOptions.defaults(0, dataDir, ADMIN_TOKEN));
  }

  TestBackend(DevBackendOptions options) throws IOException {
    this.dataDir = options.dataDir();
    this.server = DevBackendServer.start(options);
  }

  URI uri(String path) {
    return server.baseUri().resolve(path);
  }

  /** A call of the admin API with the admin token. */
  Reply admin(String method, String path, Object body) throws Exception {
    return send(request(method, "/admin" + path, "Bearer " + ADMIN_TOKEN, body));
  }

  /** A call of the v1 API with {@code apiKey} (none when null) and a JSON body (none when null). */
  Reply api(String method, String path, String apiKey, Object body) throws Exception {
    return send(request(method, "/api/v1" + path, apiKey == null ? null : "Bearer " + apiKey, body));
  }

  /** Uploads {@code bytes} announcing {@code sha256}. */
  Reply put(Agent agent, String exportId, String path, byte[] bytes, String sha256) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(uri("/api/v1/exports/" + exportId + "/files/" + path))
            .header("Authorization", "Bearer " + agent.apiKey())
            .header("X-Content-SHA256", sha256)
            .header("Content-Type", "application/octet-stream")
            .PUT(BodyPublishers.ofByteArray(bytes))
            .build();
    return send(request);
  }

  Reply send(HttpRequest request) throws Exception {
    HttpResponse<String> response = http.send(request, BodyHandlers.ofString());
    return new Reply(response.statusCode(), response);
  }

  /** Mints a code with the admin API and enrolls with it. */
  Agent enroll() throws Exception {
    String code = mintCode();
    Reply reply = api("POST", "/enroll", null, enrollBody(code, UUID.randomUUID().toString()));
    if (reply.status() != 201) {
      throw new AssertionError("enroll: " + reply.status() + " " + reply.raw().body());
    }
    JsonNode j = reply.json();
    return new Agent(j.get("device_id").asText(), j.get("customer_id").asText(), j.get("api_key").asText());
  }

  String mintCode() throws Exception {
    return admin("POST", "/enrollment-codes", Map.of("customer_id", "acme")).json().get("code").asText();
  }

  static Map<String, Object> enrollBody(String code, String requestId) {
    return Map.of(
        "code", code, "request_id", requestId, "hostname", "build-01", "os", "linux",
        "agent_version", "0.1.0-test", "channel", "dev");
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private HttpRequest request(String method, String path, String authorization, Object body)
      throws IOException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    if (body == null) {
      b.method(method, BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json");
      b.method(method, BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(body)));
    }
    return b.build();
  }

  @Override
  public void close() {
    server.close();
  }
}
