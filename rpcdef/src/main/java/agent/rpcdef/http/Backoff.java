package agent.rpcdef.http;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with equal jitter: attempt n waits between half and all of {@code min(cap,
 * base * 2^(n-1))}. Half is fixed so that retries never bunch at zero; the other half is random so
 * that many clients failing together do not retry together. Thread-safe if the jitter source is.
 */
final class Backoff {
  static final Duration BASE = Duration.ofSeconds(1);
  static final Duration CAP = Duration.ofSeconds(60);

  private final Duration base;
  private final Duration cap;
  private final DoubleSupplier jitter;

  /** {@code jitter} yields values in [0, 1). */
  Backoff(Duration base, Duration cap, DoubleSupplier jitter) {
    this.base = base;
    this.cap = cap;
    this.jitter = jitter;
  }

  /** The wait before retry number {@code retry} (1 for the first retry). */
  Duration delay(int retry) {
    long capMs = cap.toMillis();
    long exp = base.toMillis() << Math.min(Math.max(retry - 1, 0), 30);
    long ceiling = Math.min(capMs, exp < 0 ? capMs : exp);
    long half = ceiling / 2;
    double j = Math.min(Math.max(jitter.getAsDouble(), 0), 1);
    return Duration.ofMillis(half + (long) (j * (ceiling - half)));
  }
}
