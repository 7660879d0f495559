package agent.devbackend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import agent.devbackend.TestBackend.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogsAndHeartbeatsTest extends EnrolledBackendTest {

  @Test
  void aLogBatchSentTwiceIsStoredOnce() throws Exception {
    Map<String, Object> batch =
        Map.of(
            "batch_id", "b-1",
            "source", "export",
            "lines", List.of(Map.of("level", "INFO", "message", "integration mock completed")));

    Reply first = backend.api("POST", "/logs", agent.apiKey(), batch);
    Reply second = backend.api("POST", "/logs", agent.apiKey(), batch);

    assertEquals(201, first.status(), first.raw().body());
    assertEquals(200, second.status());
    JsonNode stored = backend.admin("GET", "/logs?device_id=" + agent.deviceId(), null).json();
    assertEquals(1, stored.get("batches").size());
    assertEquals("integration mock completed", stored.at("/batches/0/lines/0/message").asText());
  }

  @Test
  void aBatchWithoutIdOrLinesIs400() throws Exception {
    assertEquals(400, backend.api("POST", "/logs", agent.apiKey(), Map.of("lines", List.of())).status());
    Reply noLines = backend.api("POST", "/logs", agent.apiKey(), Map.of("batch_id", "b-2"));
    assertEquals(400, noLines.status());
    assertEquals("invalid_request", noLines.errorCode());
  }

  @Test
  void heartbeatsAreRecordedWithTheServersTime() throws Exception {
    for (int i = 1; i <= 3; i++) {
      Reply r = backend.api("POST", "/heartbeat", agent.apiKey(), Map.of("uptime_seconds", i, "running_commands", List.of()));
      assertEquals(200, r.status());
      assertFalse(r.json().get("server_time").asText().isEmpty());
    }
    JsonNode beats = backend.admin("GET", "/devices/" + agent.deviceId() + "/heartbeats", null).json().get("heartbeats");
    assertEquals(3, beats.size());
    assertEquals(3, beats.get(2).get("uptime_seconds").asInt());
    assertFalse(beats.get(0).get("received").asText().isEmpty());

    JsonNode devices = backend.admin("GET", "/devices", null).json().get("devices");
    assertEquals(1, devices.size());
    assertEquals(3, devices.at("/0/heartbeats").asInt());
    assertEquals(agent.deviceId(), devices.at("/0/device/device_id").asText());
  }
}
