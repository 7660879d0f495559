package agent.devbackend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.devbackend.TestBackend.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrollTest {
  @TempDir Path dataDir;
  TestBackend backend;

  @BeforeEach
  void start() throws Exception {
    backend = new TestBackend(dataDir);
  }

  @AfterEach
  void stop() {
    backend.close();
  }

  @Test
  void aMintedCodeEnrollsOnceAndTheKeyAuthenticates() throws Exception {
    String code = backend.mintCode();
    Reply first = backend.api("POST", "/enroll", null, TestBackend.enrollBody(code, "req-1"));
    assertEquals(201, first.status(), first.raw().body());
    JsonNode j = first.json();
    assertEquals("acme", j.get("customer_id").asText());
    assertTrue(j.get("device_id").asText().startsWith("dev-"), j.toString());
    String apiKey = j.get("api_key").asText();
    assertEquals("1", first.header("X-Agent-Api-Version"));

    Reply again = backend.api("POST", "/enroll", null, TestBackend.enrollBody(code, "req-2"));
    assertEquals(410, again.status());
    assertEquals("enrollment_code_used", again.errorCode());
    assertFalse(again.json().path("error").path("message").asText().isEmpty());

    Reply heartbeat = backend.api("POST", "/heartbeat", apiKey, Map.of("agent_version", "0.1.0"));
    assertEquals(200, heartbeat.status(), heartbeat.raw().body());
  }

  @Test
  void theSameRequestIdAgainGetsTheSameDeviceAndRevokesTheLostKey() throws Exception {
    String code = backend.mintCode();
    JsonNode first = backend.api("POST", "/enroll", null, TestBackend.enrollBody(code, "req-1")).json();
    Reply retry = backend.api("POST", "/enroll", null, TestBackend.enrollBody(code, "req-1"));

    assertEquals(200, retry.status(), retry.raw().body());
    assertEquals(first.get("device_id"), retry.json().get("device_id"));
    String newKey = retry.json().get("api_key").asText();
    assertNotEquals(first.get("api_key").asText(), newKey);
    assertEquals(401, backend.api("POST", "/heartbeat", first.get("api_key").asText(), Map.of()).status());
    assertEquals(200, backend.api("POST", "/heartbeat", newKey, Map.of()).status());
  }

  @Test
  void anUnknownCodeIs404AndAMissingCodeIs400() throws Exception {
    Reply unknown = backend.api("POST", "/enroll", null, TestBackend.enrollBody("AAAA-BBBB-CCCC", "r"));
    assertEquals(404, unknown.status());
    assertEquals("enrollment_code_unknown", unknown.errorCode());

    Reply missing = backend.api("POST", "/enroll", null, Map.of("request_id", "r"));
    assertEquals(400, missing.status());
    assertEquals("invalid_request", missing.errorCode());
  }

  @Test
  void aWrongOrMissingApiKeyIs401() throws Exception {
    backend.enroll();
    Reply wrong = backend.api("POST", "/heartbeat", "ak_not-a-real-key", Map.of());
    assertEquals(401, wrong.status());
    assertEquals("unauthorized", wrong.errorCode());
    assertEquals(401, backend.api("GET", "/commands?wait=0", null, null).status());
  }

  @Test
  void theAdminApiNeedsTheAdminTokenNotAnApiKey() throws Exception {
    TestBackend.Agent agent = backend.enroll();
    Reply asAgent =
        backend.send(
            java.net.http.HttpRequest.newBuilder(backend.uri("/admin/devices"))
                .header("Authorization", "Bearer " + agent.apiKey())
                .GET()
                .build());
    assertEquals(401, asAgent.status());
    assertEquals(200, backend.admin("GET", "/devices", null).status());
  }

  @Test
  void theApiKeyIsNotStoredInTheDataFolder() throws Exception {
    TestBackend.Agent agent = backend.enroll();
    try (Stream<Path> files = Files.walk(dataDir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertFalse(Files.readString(f).contains(agent.apiKey()), f + " holds the API key");
      }
    }
  }

  @Test
  void enrollmentSurvivesARestart() throws Exception {
    TestBackend.Agent agent = backend.enroll();
    backend.close();
    backend = new TestBackend(dataDir);
    assertEquals(200, backend.api("POST", "/heartbeat", agent.apiKey(), Map.of()).status());
  }
}
