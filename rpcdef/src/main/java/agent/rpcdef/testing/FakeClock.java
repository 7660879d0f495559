package agent.rpcdef.testing;

import agent.rpcdef.ExportCancelledException;
import agent.rpcdef.internal.CancellableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A virtual {@link ExportClock} for tests: {@link #sleep} returns at once and moves {@link #now()}
 * forward by the duration, and every sleep is recorded, so that a test of backoff or rate limiting
 * runs in milliseconds and can assert on the waits themselves. {@link #cancel()} stands in for the
 * host cancelling the export.
 *
 * <p>Thread-safe. Starts at 2026-01-01T00:00:00Z unless given another instant.
 */
public final class FakeClock implements CancellableClock {
  private Instant now;
  private boolean cancelled;
  private final List<Duration> sleeps = new ArrayList<>();

  public FakeClock() {
    this(Instant.parse("2026-01-01T00:00:00Z"));
  }

  public FakeClock(Instant start) {
    this.now = start;
  }

  @Override
  public synchronized Instant now() {
    return now;
  }

  /** Records the sleep and advances virtual time by it; throws once {@link #cancel()} was called. */
  @Override
  public synchronized void sleep(Duration duration) {
    if (cancelled) {
      throw new ExportCancelledException("export cancelled");
    }
    if (duration.isNegative() || duration.isZero()) {
      return;
    }
    sleeps.add(duration);
    now = now.plus(duration);
  }

  /** True at once when cancelled; otherwise advances virtual time by the timeout and returns false. */
  @Override
  public synchronized boolean awaitCancel(Duration timeout) {
    if (cancelled) {
      return true;
    }
    if (!timeout.isNegative() && !timeout.isZero()) {
      now = now.plus(timeout);
    }
    return false;
  }

  @Override
  public synchronized boolean isCancelled() {
    return cancelled;
  }

  /** Cancels the export: the next {@link #sleep} throws {@link ExportCancelledException}. */
  @Override
  public synchronized void cancel() {
    cancelled = true;
  }

  /** Moves virtual time forward without recording a sleep (time spent elsewhere). */
  public synchronized void advance(Duration d) {
    now = now.plus(d);
  }

  /** Every positive sleep so far, in order. A copy. */
  public synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  /** The sum of {@link #sleeps()}. */
  public synchronized Duration slept() {
    return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
  }
}
