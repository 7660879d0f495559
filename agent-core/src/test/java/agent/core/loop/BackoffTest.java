package agent.core.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void doublesWithJitterUpToTheCap() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10));
    long[] steps = {1000, 2000, 4000, 8000, 10000, 10000, 10000};
    for (long step : steps) {
      long ms = b.next(null).toMillis();
      assertTrue(ms >= step / 2 && ms <= step, ms + " outside [" + step / 2 + ", " + step + "]");
    }
    assertEquals(steps.length, b.failures());
  }

  @Test
  void retryAfterWinsPlusAtMostASecond() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10));
    long ms = b.next(Duration.ofSeconds(30)).toMillis();
    assertTrue(ms >= 30_000 && ms <= 31_000, String.valueOf(ms));
  }

  @Test
  void resetStartsOver() {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10));
    for (int i = 0; i < 20; i++) {
      b.next(null);
    }
    b.reset();
    assertTrue(b.next(null).toMillis() <= 100);
  }

  @Test
  void refusesANonsenseRange() {
    assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
  }
}
