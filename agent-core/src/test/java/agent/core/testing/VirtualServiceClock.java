package agent.core.testing;

import agent.core.loop.ServiceClock;
import agent.core.loop.StopSignal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A virtual {@link ServiceClock}: a sleep returns at once, moves time forward by its length and is
 * recorded, so a test of a backoff of minutes runs in milliseconds and asserts on the waits. A sleep
 * after the {@link StopSignal} fired returns false, as the real one does. Thread-safe.
 */
public final class VirtualServiceClock implements ServiceClock {
  private final StopSignal stop;
  private long nanos;
  private final List<Duration> sleeps = new ArrayList<>();

  public VirtualServiceClock(StopSignal stop) {
    this.stop = stop;
  }

  @Override
  public synchronized long nanoTime() {
    return nanos;
  }

  @Override
  public synchronized boolean sleep(Duration d) {
    if (stop.stopping()) {
      return false;
    }
    if (!d.isNegative() && !d.isZero()) {
      sleeps.add(d);
      nanos += d.toNanos();
    }
    return true;
  }

  /** Every positive sleep so far, in order. A copy. */
  public synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  /** The sum of {@link #sleeps()}: how much virtual time passed. */
  public synchronized Duration slept() {
    return Duration.ofNanos(nanos);
  }
}
