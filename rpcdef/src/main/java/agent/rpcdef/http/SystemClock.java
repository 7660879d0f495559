package agent.rpcdef.http;

import agent.rpcdef.ExportCancelledException;
import agent.rpcdef.ExportClock;
import java.time.Duration;
import java.time.Instant;

/**
 * The wall clock, never cancelled: the default of {@link ApiClient.Builder#clock} for callers outside
 * an export (a validate call, a tool). An export passes its own clock so that waits end at a cancel.
 */
final class SystemClock implements ExportClock {
  static final SystemClock INSTANCE = new SystemClock();

  @Override
  public Instant now() {
    return Instant.now();
  }

  @Override
  public void sleep(Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      return;
    }
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExportCancelledException("interrupted while waiting");
    }
  }

  @Override
  public boolean awaitCancel(Duration timeout) {
    sleep(timeout);
    return false;
  }

  @Override
  public boolean isCancelled() {
    return false;
  }
}
