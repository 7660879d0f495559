package agent.core.loop;

import java.time.Duration;

/**
 * Time as a wait of {@code service-run} sees it: a monotonic now, and sleeps that the {@link
 * StopSignal} ends. The service's is {@link #system(StopSignal)}; a test hands in a virtual one, so
 * that minutes of backoff take no time and the waits themselves can be asserted.
 *
 * <p>Implementations are thread-safe.
 */
public interface ServiceClock {

  /** A monotonic time in nanoseconds, as {@link System#nanoTime()}: only differences mean anything. */
  long nanoTime();

  /**
   * Waits {@code d} unless the service is stopping.
   *
   * @return true when the whole wait ran, false when the stop signal had fired or cut it short
   */
  boolean sleep(Duration d);

  /** Real time, with waits that {@code stop} ends at once. */
  static ServiceClock system(StopSignal stop) {
    return new ServiceClock() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public boolean sleep(Duration d) {
        return !stop.stopping() && stop.sleep(d);
      }
    };
  }
}
