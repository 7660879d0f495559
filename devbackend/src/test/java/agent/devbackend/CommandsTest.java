package agent.devbackend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.devbackend.TestBackend.Agent;
import agent.devbackend.TestBackend.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CommandsTest extends EnrolledBackendTest {
  static final Map<String, Object> EXPORT_PARAMS =
      Map.of(
          "integrations", List.of(Map.of("name", "mock", "config", Map.of("organizations", 1))),
          "reprocess_historical", true);

  @Test
  void aQueuedCommandIsReturnedByThePollWithItsParameters() throws Exception {
    String id = queue("export", EXPORT_PARAMS).get("id").asText();

    Reply poll = backend.api("GET", "/commands?wait=5", agent.apiKey(), null);

    assertEquals(200, poll.status(), poll.raw().body());
    JsonNode commands = poll.json().get("commands");
    assertEquals(1, commands.size());
    JsonNode c = commands.get(0);
    assertEquals(id, c.get("id").asText());
    assertEquals("export", c.get("type").asText());
    assertEquals("mock", c.at("/parameters/integrations/0/name").asText());
    assertTrue(c.at("/parameters/reprocess_historical").asBoolean());
  }

  @Test
  void aHeldPollAnswersAsSoonAsACommandIsQueued() throws Exception {
    CompletableFuture<Reply> poll =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return backend.api("GET", "/commands?wait=20", agent.apiKey(), null);
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            });
    awaitHeldPoll();
    String id =
        queue("cancel", Map.of("command_id", "cmd-1-abc")).get("id").asText();

    // Well before the 20 s wait: the queueing woke the poll.
    Reply reply = poll.get(10, TimeUnit.SECONDS);
    assertEquals(200, reply.status());
    assertEquals(id, reply.json().at("/commands/0/id").asText());
    assertEquals("cmd-1-abc", reply.json().at("/commands/0/parameters/command_id").asText());
  }

  @Test
  void aPollWithNothingQueuedAnswers204AfterItsWait() throws Exception {
    Reply reply = backend.api("GET", "/commands?wait=0.3", agent.apiKey(), null);
    assertEquals(204, reply.status());
    assertEquals("", reply.raw().body());
  }

  @Test
  void aDeliveredCommandIsNotDeliveredAgainBeforeItsRedeliveryTime() throws Exception {
    queue("validate-config", Map.of("integrations", List.of(Map.of("name", "mock"))));
    assertEquals(200, backend.api("GET", "/commands?wait=0", agent.apiKey(), null).status());
    assertEquals(204, backend.api("GET", "/commands?wait=0", agent.apiKey(), null).status());
  }

  @Test
  void aCommandWithoutEventsIsDeliveredAgainAfterTheRedeliveryTime() throws Exception {
    backend.close();
    backend =
        new TestBackend(
            new DevBackendOptions(
                0, dataDir, TestBackend.ADMIN_TOKEN, Duration.ofSeconds(5), Duration.ofMillis(200), 1 << 20));
    String id = queue("export", EXPORT_PARAMS).get("id").asText();
    assertEquals(200, backend.api("GET", "/commands?wait=0", agent.apiKey(), null).status());

    Reply again = backend.api("GET", "/commands?wait=3", agent.apiKey(), null);
    assertEquals(200, again.status());
    assertEquals(id, again.json().at("/commands/0/id").asText());
    assertEquals(2, backend.admin("GET", "/commands/" + id, null).json().at("/command/deliveries").asInt());
  }

  @Test
  void commandsAreForTheirDeviceOnly() throws Exception {
    Agent other = backend.enroll();
    queue("export", EXPORT_PARAMS);
    assertEquals(204, backend.api("GET", "/commands?wait=0", other.apiKey(), null).status());
    assertEquals(200, backend.api("GET", "/commands?wait=0", agent.apiKey(), null).status());
  }

  @Test
  void aCommandTheAgentCouldNotRunIsRefusedWhenQueued() throws Exception {
    Reply unknownType = backend.admin("POST", "/commands", Map.of("device_id", agent.deviceId(), "type", "reboot"));
    assertEquals(400, unknownType.status());
    Reply noObjectType =
        backend.admin(
            "POST",
            "/commands",
            Map.of(
                "device_id", agent.deviceId(),
                "type", "export-onboard-data",
                "parameters", Map.of("integrations", List.of(Map.of("name", "mock")))));
    assertEquals(400, noObjectType.status());
    assertTrue(noObjectType.json().at("/error/message").asText().contains("object_type"));
  }

  @Test
  void statusEventsAreStoredOnceAndNothingFollowsTheEnd() throws Exception {
    String id = queue("export", EXPORT_PARAMS).get("id").asText();
    backend.api("GET", "/commands?wait=0", agent.apiKey(), null);
    String events = "/commands/" + id + "/events";

    assertEquals(201, backend.api("POST", events, agent.apiKey(), Map.of("event_id", "e1", "type", "started")).status());
    assertEquals(200, backend.api("POST", events, agent.apiKey(), Map.of("event_id", "e1", "type", "started")).status());
    Map<String, Object> progress =
        Map.of("event_id", "e2", "type", "progress",
            "integrations", Map.of("mock", Map.of("current", 3, "total", 10)));
    assertEquals(201, backend.api("POST", events, agent.apiKey(), progress).status());
    Map<String, Object> completed =
        Map.of("event_id", "e3", "type", "completed", "export_id", "20261122T103000Z-3fa2c1",
            "integrations", List.of(Map.of("id", "mock", "status", "completed", "objects", Map.of("sourcecode.Repo", 2))));
    assertEquals(201, backend.api("POST", events, agent.apiKey(), completed).status());
    Reply late = backend.api("POST", events, agent.apiKey(), Map.of("event_id", "e4", "type", "progress"));
    assertEquals(409, late.status());
    assertEquals("command_finished", late.errorCode());

    JsonNode stored = backend.admin("GET", "/commands/" + id, null).json();
    assertEquals("completed", stored.at("/command/state").asText());
    assertEquals(3, stored.get("events").size());
    assertEquals(3, stored.at("/events/1/integrations/mock/current").asInt());
    assertEquals(2, stored.at("/events/2/integrations/0/objects/sourcecode.Repo").asInt());
  }

  @Test
  void eventsOfAnotherDevicesCommandAre404AndBadEvents400() throws Exception {
    String id = queue("export", EXPORT_PARAMS).get("id").asText();
    Agent other = backend.enroll();
    Reply foreign = backend.api("POST", "/commands/" + id + "/events", other.apiKey(), Map.of("event_id", "e1", "type", "started"));
    assertEquals(404, foreign.status());
    assertEquals("command_unknown", foreign.errorCode());
    Reply badType = backend.api("POST", "/commands/" + id + "/events", agent.apiKey(), Map.of("event_id", "e1", "type", "done"));
    assertEquals(400, badType.status());
  }

  @Test
  void aQueuedCommandSurvivesARestart() throws Exception {
    String id = queue("export", EXPORT_PARAMS).get("id").asText();
    backend.close();
    backend = new TestBackend(dataDir);
    Reply poll = backend.api("GET", "/commands?wait=0", agent.apiKey(), null);
    assertEquals(id, poll.json().at("/commands/0/id").asText());
  }

  private JsonNode queue(String type, Map<String, Object> parameters) throws Exception {
    Reply reply =
        backend.admin(
            "POST", "/commands", Map.of("device_id", agent.deviceId(), "type", type, "parameters", parameters));
    assertEquals(201, reply.status(), reply.raw().body());
    assertEquals("queued", reply.json().get("state").asText());
    return reply.json();
  }

  /** Returns once a poll thread is waiting in the store (no sleep-and-hope). */
  private void awaitHeldPoll() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (t.getName().startsWith("devbackend-http-") && t.getState() == Thread.State.TIMED_WAITING
            && stackMentions(t, "CommandStore.poll")) {
          return;
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no poll is held after 10 s");
  }

  private static boolean stackMentions(Thread t, String frame) {
    for (StackTraceElement e : t.getStackTrace()) {
      if ((e.getClassName() + "." + e.getMethodName()).endsWith(frame)) {
        return true;
      }
    }
    return false;
  }
}
