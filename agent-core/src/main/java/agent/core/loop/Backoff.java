package agent.core.loop;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Jittered exponential backoff with a cap (the retry row of {@code _docs/backend-api.md}): 1 s
 * doubling to 5 min by default, each delay drawn between half and all of its step so that many
 * agents coming back after an outage do not all call at once. A {@code Retry-After} wins over the
 * step, plus up to a second of jitter. Not thread-safe: one per loop.
 */
public final class Backoff {
  private final Duration initial;
  private final Duration max;
  private int failures;

  public Backoff(Duration initial, Duration max) {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + " and " + max);
    }
    this.initial = initial;
    this.max = max;
  }

  /**
   * The delay before the next attempt after one more failure.
   *
   * @param retryAfter what the backend asked for, or null
   */
  public Duration next(Duration retryAfter) {
    failures++;
    ThreadLocalRandom random = ThreadLocalRandom.current();
    if (retryAfter != null) {
      return retryAfter.plusMillis(random.nextLong(0, 1001));
    }
    long step = initial.toMillis();
    for (int i = 1; i < failures && step < max.toMillis(); i++) {
      step *= 2;
    }
    step = Math.min(step, max.toMillis());
    return Duration.ofMillis(step / 2 + random.nextLong(0, step / 2 + 1));
  }

  /**
   * {@code interval} give or take a fifth, at random: periodic calls (heartbeats, log shipping) of
   * agents started together do not stay in step.
   */
  public static Duration jittered(Duration interval) {
    long ms = interval.toMillis();
    return Duration.ofMillis(ms - ms / 5 + ThreadLocalRandom.current().nextLong(0, 2 * (ms / 5) + 1));
  }

  /** Failures since the last {@link #reset()}. */
  public int failures() {
    return failures;
  }

  /** After a success: the next failure waits {@code initial} again. */
  public void reset() {
    failures = 0;
  }
}
