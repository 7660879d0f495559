package agent.rpcdef.internal;

import agent.rpcdef.ExportCancelledException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The real clock of one export: waits end early at {@link #cancel()}. An interrupt of a waiting
 * thread counts as a cancel of that wait (the thread keeps its interrupt flag).
 */
public final class CancelClock implements CancellableClock {
  private final CountDownLatch cancelled = new CountDownLatch(1);

  @Override
  public void cancel() {
    cancelled.countDown();
  }

  @Override
  public Instant now() {
    return Instant.now();
  }

  @Override
  public void sleep(Duration duration) {
    if (isCancelled()) {
      throw new ExportCancelledException("the export was cancelled");
    }
    if (duration.isZero() || duration.isNegative()) {
      return;
    }
    try {
      if (cancelled.await(duration.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new ExportCancelledException("the export was cancelled while waiting " + duration.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExportCancelledException("interrupted while waiting");
    }
  }

  @Override
  public boolean awaitCancel(Duration timeout) {
    try {
      return cancelled.await(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return isCancelled();
    }
  }

  @Override
  public boolean isCancelled() {
    return cancelled.getCount() == 0;
  }
}
