package agent.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import agent.core.backend.BackendException;
import agent.core.backend.Heartbeat;
import agent.core.testing.CapturedLogs;
import agent.core.testing.LocalBackend;
import ch.qos.logback.classic.Level;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link BackendHealth}: one line per outage and one per recovery, whatever order the answers come in. */
class BackendHealthTest {
  @RegisterExtension final LocalBackend backend = LocalBackend.enrolled();
  @RegisterExtension final CapturedLogs logs = CapturedLogs.of(BackendHealth.class);
  final BackendHealth health = new BackendHealth();
  BackendException refused;

  @BeforeEach
  void aRealNetworkFailure() {
    backend.close(); // connection refused from now on
    refused = assertThrows(BackendException.class,
        () -> backend.client().heartbeat(new Heartbeat("2026-11-22T10:00:00Z", "test", "h", "linux", 1, List.of())));
  }

  @Test
  void oneOutageLogsOneLineEachWay() {
    health.unreachable(refused, health.attemptStarting());
    health.unreachable(refused, health.attemptStarting());
    health.reachable(health.attemptStarting());
    health.reachable(health.attemptStarting());
    assertEquals(1, logs.messages(Level.WARN).size(), logs.events().toString());
    assertEquals(1, logs.messages(Level.INFO).size(), logs.events().toString());
  }

  @Test
  void aCallSentBeforeTheOutageDoesNotEndIt() {
    // An upload sent while the backend was up succeeds after the long poll saw it go away.
    long uploadSent = health.attemptStarting();
    health.unreachable(refused, health.attemptStarting());
    health.reachable(uploadSent);
    // The upload's next call fails: still the same outage.
    health.unreachable(refused, health.attemptStarting());
    assertEquals(1, logs.messages(Level.WARN).size(), logs.events().toString());
    assertEquals(List.of(), logs.messages(Level.INFO));

    health.reachable(health.attemptStarting());
    assertEquals(1, logs.messages(Level.INFO).size(), logs.events().toString());
  }

  @Test
  void aCallSentDuringTheOutageDoesNotStartAnother() {
    health.unreachable(refused, health.attemptStarting());
    long sentDuringOutage = health.attemptStarting();
    health.reachable(health.attemptStarting());
    health.unreachable(refused, sentDuringOutage); // its failure arrives after the recovery
    assertEquals(1, logs.messages(Level.WARN).size(), logs.events().toString());

    health.unreachable(refused, health.attemptStarting()); // a new outage
    assertEquals(2, logs.messages(Level.WARN).size(), logs.events().toString());
  }
}
