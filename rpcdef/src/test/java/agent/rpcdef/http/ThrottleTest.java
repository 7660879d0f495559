package agent.rpcdef.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ThrottleTest {

  @Test
  void onceTheBudgetIsGoneEveryCallerWaitsForTheReset() {
    Throttle t = new Throttle(RateLimitPolicy.github());
    Instant now = Instant.parse("2026-12-01T10:00:00Z");
    t.observe(0, 5000, now.plusSeconds(60));
    // Two threads sharing one client: neither may send into the exhausted limit.
    assertEquals(Duration.ofSeconds(60), t.beforeRequest(now));
    assertEquals(Duration.ofSeconds(60), t.beforeRequest(now));
    assertEquals(Duration.ZERO, t.beforeRequest(now.plusSeconds(61)), "after the reset the next answer says the budget");
  }
}
