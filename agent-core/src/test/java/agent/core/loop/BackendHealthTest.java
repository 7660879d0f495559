package agent.core.loop;

import static agent.core.loop.BackendHealth.Caller.HEARTBEAT;
import static agent.core.loop.BackendHealth.Caller.LOGS;
import static agent.core.loop.BackendHealth.Caller.POLL;
import static agent.core.loop.BackendHealth.Caller.UPLOAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import agent.core.backend.BackendException;
import agent.core.backend.Heartbeat;
import agent.core.testing.CapturedLogs;
import agent.core.testing.LocalBackend;
import agent.core.testing.SteppingClock;
import ch.qos.logback.classic.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link BackendHealth}: one line per outage and one per recovery, whatever order the answers come in. */
class BackendHealthTest {
  @RegisterExtension final LocalBackend backend = LocalBackend.enrolled();
  @RegisterExtension final CapturedLogs logs = CapturedLogs.of(BackendHealth.class);
  final SteppingClock clock = new SteppingClock(Instant.parse("2026-11-22T10:00:00Z"));
  final BackendHealth health = new BackendHealth(() -> clock.instant().toEpochMilli() * 1_000_000L);
  BackendException refused;

  @BeforeEach
  void aRealNetworkFailure() {
    backend.close(); // connection refused from now on
    refused = assertThrows(BackendException.class,
        () -> backend.client().heartbeat(new Heartbeat("2026-11-22T10:00:00Z", "test", "h", "linux", 1, List.of())));
  }

  @Test
  void oneOutageLogsOneLineEachWay() {
    health.unreachable(POLL, refused, health.attemptStarting());
    health.unreachable(POLL, refused, health.attemptStarting());
    health.reachable(POLL, health.attemptStarting());
    health.reachable(POLL, health.attemptStarting());
    assertEquals(1, logs.messages(Level.WARN).size(), logs.events().toString());
    assertEquals(1, logs.messages(Level.INFO).size(), logs.events().toString());
  }

  @Test
  void aCallSentBeforeTheOutageDoesNotEndIt() {
    // An upload sent while the backend was up succeeds after the long poll saw it go away.
    long uploadSent = health.attemptStarting();
    health.unreachable(POLL, refused, health.attemptStarting());
    health.reachable(UPLOAD, uploadSent);
    // The upload's next call fails: still the same outage.
    health.unreachable(UPLOAD, refused, health.attemptStarting());
    assertEquals(1, logs.messages(Level.WARN).size(), logs.events().toString());
    assertEquals(List.of(), logs.messages(Level.INFO));

    health.reachable(POLL, health.attemptStarting());
    health.reachable(UPLOAD, health.attemptStarting());
    assertEquals(1, logs.messages(Level.INFO).size(), logs.events().toString());
  }

  @Test
  void aCallSentDuringTheOutageDoesNotStartAnother() {
    health.unreachable(POLL, refused, health.attemptStarting());
    long sentDuringOutage = health.attemptStarting();
    health.reachable(POLL, health.attemptStarting());
    health.unreachable(HEARTBEAT, refused, sentDuringOutage); // its failure arrives after the recovery
    assertEquals(1, logs.messages(Level.WARN).size(), logs.events().toString());

    health.unreachable(POLL, refused, health.attemptStarting()); // a new outage
    assertEquals(2, logs.messages(Level.WARN).size(), logs.events().toString());
  }

  @Test
  void onlyUploadsFailingIsOneOutageUntilUploadsSucceed() {
    // 30 s of polls that succeed and uploads that fail, one each per second, as the issue saw it.
    for (int s = 0; s < 30; s++) {
      health.reachable(POLL, health.attemptStarting());
      health.unreachable(UPLOAD, refused, health.attemptStarting());
      health.reachable(LOGS, health.attemptStarting());
      clock.advance(Duration.ofSeconds(1));
    }
    assertEquals(1, logs.messages(Level.WARN).size(), logs.events().toString());
    assertEquals(List.of(), logs.messages(Level.INFO), "no recovery while uploads keep failing");

    health.reachable(UPLOAD, health.attemptStarting());
    assertEquals(List.of("the backend is reachable again after 30 s"), logs.messages(Level.INFO));
  }

  @Test
  void everyCallerThatFailedMustSucceedBeforeTheRecovery() {
    health.unreachable(POLL, refused, health.attemptStarting());
    health.unreachable(HEARTBEAT, refused, health.attemptStarting());
    clock.advance(Duration.ofSeconds(5));
    health.reachable(POLL, health.attemptStarting());
    assertEquals(List.of(), logs.messages(Level.INFO), "the heartbeat has not been answered yet");
    clock.advance(Duration.ofSeconds(25));
    health.reachable(HEARTBEAT, health.attemptStarting());
    assertEquals(List.of("the backend is reachable again after 30 s"), logs.messages(Level.INFO));
  }
}
