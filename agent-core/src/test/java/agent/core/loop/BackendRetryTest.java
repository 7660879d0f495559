package agent.core.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.backend.BackendException;
import agent.core.backend.CommandEvent;
import agent.core.backend.Heartbeat;
import agent.core.testing.LocalBackend;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link BackendRetry} against the reference backend with injected failures: bounded, prompt, honest. */
class BackendRetryTest {
  @RegisterExtension final LocalBackend backend = LocalBackend.enrolled();
  final StopSignal stop = new StopSignal();
  final BackendRetry retry =
      new BackendRetry(stop, new BackendHealth(), Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(60),
          BackendHealth.Caller.POLL);
  final AtomicInteger attempts = new AtomicInteger();

  @Test
  void retriesServerErrorsUntilTheBackendAnswers() throws Exception {
    fail(Map.of("path_regex", "^/heartbeat$", "count", 3, "status", 500));
    retry.call(this::heartbeat, 0);
    assertEquals(4, attempts.get(), "one request per attempt, no more");
  }

  @Test
  void givesUpAfterMaxAttemptsWithTheLastFailure() throws Exception {
    fail(Map.of("path_regex", "^/heartbeat$", "count", 5, "status", 503));
    BackendException e = assertThrows(BackendException.class, () -> retry.call(this::heartbeat, 2));
    assertEquals(503, e.status());
    assertEquals(2, attempts.get());
  }

  @Test
  void terminalFailuresAreNotRetried() {
    BackendException e = assertThrows(BackendException.class, () -> retry.call(() -> {
      attempts.incrementAndGet();
      return backend.client().postEvent("cmd-unknown", CommandEvent.started());
    }, 0));
    assertEquals(404, e.status());
    assertEquals(1, attempts.get());
  }

  @Test
  void honoursRetryAfter() throws Exception {
    fail(Map.of("path_regex", "^/heartbeat$", "count", 1, "status", 429, "retry_after_seconds", 1));
    long t0 = System.nanoTime();
    retry.call(this::heartbeat, 0);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(ms >= 1000, "retried after " + ms + " ms despite Retry-After: 1");
    assertEquals(2, attempts.get());
  }

  @Test
  void aBackendThatIsDownIsAskedAgainWithBackoffNotInABusyLoop() throws Exception {
    backend.close(); // connection refused from now on
    Thread stopper = stopAfter(1500);
    assertThrows(ServiceStopped.class, () -> retry.call(this::heartbeat, 0));
    stopper.join();
    // Backoff from 20 ms doubling to a 100 ms cap, each wait at least half its step: in 1.5 s at most
    // about 1500 / 50 attempts plus the first few short ones. A busy loop makes thousands.
    assertTrue(attempts.get() >= 5 && attempts.get() <= 40, attempts.get() + " attempts in 1.5 s");
  }

  @Test
  void theStopSignalEndsTheWaitAtOnce() throws Exception {
    fail(Map.of("path_regex", "^/heartbeat$", "count", 1, "status", 429, "retry_after_seconds", 60));
    Thread stopper = stopAfter(200);
    long t0 = System.nanoTime();
    assertThrows(ServiceStopped.class, () -> retry.call(this::heartbeat, 0));
    assertTrue((System.nanoTime() - t0) / 1_000_000 < 5000, "the stop did not cut the wait short");
    stopper.join();
  }

  /** Fires the stop signal after {@code ms}, on a thread of its own. */
  private Thread stopAfter(long ms) {
    Thread stopper = new Thread(() -> {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        return;
      }
      stop.stop();
    });
    stopper.start();
    return stopper;
  }

  private Void heartbeat() throws BackendException {
    attempts.incrementAndGet();
    backend.client().heartbeat(new Heartbeat("2026-11-22T10:00:00Z", "test", "h", "linux", 1, List.of()));
    return null;
  }

  private void fail(Map<String, Object> rule) throws Exception {
    backend.admin("POST", "/failures", rule);
  }
}
