package agent.rpcdef;

import java.time.Duration;
import java.time.Instant;

/**
 * Time as an export sees it: the current instant, and waits that a cancel ends. Every wait an
 * integration makes (a backoff, a rate-limit pause, a poll) goes through here, so that no
 * integration blocks past a cancel, and so that tests can run them on a virtual clock ({@link
 * agent.rpcdef.testing.FakeClock}) without sleeping.
 *
 * <p>Thread-safe.
 */
public interface ExportClock {

  /** Now. */
  Instant now();

  /**
   * Waits for {@code duration} (returns at once for zero or negative). Throws {@link
   * ExportCancelledException} as soon as the export is cancelled, before or during the wait.
   */
  void sleep(Duration duration);

  /**
   * Waits up to {@code timeout} for the export to be cancelled. Returns true once it is (at once if
   * it already is), false when the timeout passed first. Never throws on a cancel.
   */
  boolean awaitCancel(Duration timeout);

  /** True once the export was cancelled. */
  boolean isCancelled();
}
