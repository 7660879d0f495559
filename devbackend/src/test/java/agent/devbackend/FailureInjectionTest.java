package agent.devbackend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.devbackend.TestBackend.Reply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailureInjectionTest extends EnrolledBackendTest {

  @Test
  void theNextNRequestsGet500ThenTheBackendRecovers() throws Exception {
    Reply rule = backend.admin("POST", "/failures", Map.of("path_regex", "^/heartbeat$", "count", 2, "status", 500));
    assertEquals(201, rule.status(), rule.raw().body());

    Reply first = heartbeat();
    Reply second = heartbeat();
    Reply third = heartbeat();

    assertEquals(500, first.status());
    assertEquals("injected_failure", first.errorCode());
    assertEquals(500, second.status());
    assertEquals(200, third.status());
    assertEquals(1, backend.server.devices().heartbeats(agent.deviceId()).size(), "only the served heartbeat is recorded");
  }

  @Test
  void a429CarriesRetryAfter() throws Exception {
    backend.admin("POST", "/failures", Map.of("path_regex", "^/commands", "status", 429, "retry_after_seconds", 7));

    Reply limited = backend.api("GET", "/commands?wait=0", agent.apiKey(), null);

    assertEquals(429, limited.status());
    assertEquals("7", limited.header("Retry-After"));
    assertEquals(204, backend.api("GET", "/commands?wait=0", agent.apiKey(), null).status());
  }

  @Test
  void aDelayedRequestIsServedAfterTheDelay() throws Exception {
    backend.admin("POST", "/failures", Map.of("path_regex", "^/heartbeat$", "delay_ms", 300));
    long start = System.nanoTime();
    Reply slow = heartbeat();
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;

    assertEquals(200, slow.status());
    assertTrue(elapsedMs >= 300, "served after " + elapsedMs + " ms, before the 300 ms delay");
    assertEquals(1, backend.server.devices().heartbeats(agent.deviceId()).size());
  }

  @Test
  void aFailedUploadStoresNothingAndTheRetrySucceeds() throws Exception {
    backend.admin("POST", "/failures", Map.of("path_regex", "^/exports/", "method", "PUT", "count", 1, "status", 503));
    byte[] bytes = "{\"id\":1}\n".getBytes(StandardCharsets.UTF_8);
    String sha = TestBackend.sha256(bytes);

    assertEquals(503, backend.put(agent, "e-1", "mock/m/000000.json.gz", bytes, sha).status());
    assertTrue(Files.notExists(dataDir.resolve("exports/e-1/files/mock/m/000000.json.gz")));
    assertEquals(201, backend.put(agent, "e-1", "mock/m/000000.json.gz", bytes, sha).status());
  }

  @Test
  void aRuleMayNameItsErrorCodeToStandForADamagedUpload() throws Exception {
    backend.admin("POST", "/failures",
        Map.of("path_regex", "^/exports/", "method", "PUT", "status", 422, "code", "checksum_mismatch"));
    byte[] bytes = "{\"id\":1}\n".getBytes(StandardCharsets.UTF_8);
    String sha = TestBackend.sha256(bytes);

    Reply damaged = backend.put(agent, "e-1", "mock/m/000000.json.gz", bytes, sha);

    assertEquals(422, damaged.status());
    assertEquals("checksum_mismatch", damaged.errorCode());
    assertEquals(201, backend.put(agent, "e-1", "mock/m/000000.json.gz", bytes, sha).status());
  }

  @Test
  void rulesCanBeListedAndClearedAndNeverHitTheAdminApi() throws Exception {
    backend.admin("POST", "/failures", Map.of("path_regex", ".*", "count", 5, "status", 500));
    assertEquals(200, backend.admin("GET", "/devices", null).status());
    Reply pending = backend.admin("GET", "/failures", null);
    assertEquals(5, pending.json().at("/rules/0/count").asInt());

    assertEquals(204, backend.admin("DELETE", "/failures", null).status());
    assertEquals(200, heartbeat().status());
  }

  @Test
  void aRuleThatCouldNotFireIsRefused() throws Exception {
    assertEquals(400, backend.admin("POST", "/failures", Map.of("path_regex", "^/heartbeat$", "count", 1)).status());
    assertEquals(400, backend.admin("POST", "/failures", Map.of("path_regex", "([", "status", 500)).status());
    assertEquals(400, backend.admin("POST", "/failures", Map.of("path_regex", "x", "status", 200)).status());
  }

  private Reply heartbeat() throws Exception {
    return backend.api("POST", "/heartbeat", agent.apiKey(), Map.of("uptime_seconds", 1));
  }
}
