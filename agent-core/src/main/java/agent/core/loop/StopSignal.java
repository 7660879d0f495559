package agent.core.loop;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The one stop signal of {@code service-run}: every loop checks it and sleeps through it, so a
 * SIGTERM ends every wait at once instead of at the end of a backoff.
 */
public final class StopSignal {
  private final CountDownLatch stopped = new CountDownLatch(1);

  /** Asks every loop to stop; idempotent. */
  public void stop() {
    stopped.countDown();
  }

  public boolean stopping() {
    return stopped.getCount() == 0;
  }

  /**
   * Sleeps {@code d} unless stopped first.
   *
   * @return true when the whole sleep ran, false when the stop signal cut it short
   */
  public boolean sleep(Duration d) {
    try {
      return !stopped.await(Math.max(0, d.toMillis()), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
