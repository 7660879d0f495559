package agent.rpcdef.http;

import java.time.Duration;
import java.time.Instant;

/**
 * The budget one client has left in the server's rate-limit window, and the pace that follows from
 * it. Responses update the budget; each request sent takes one from it beforehand, so that threads
 * sharing a client space themselves out before the next response corrects the estimate.
 * Thread-safe.
 */
final class Throttle {
  private final RateLimitPolicy policy;
  private long remaining = -1;
  private long limit = -1;
  private Instant resetAt;

  Throttle(RateLimitPolicy policy) {
    this.policy = policy;
  }

  /** Takes what the server said about the budget; unknown fields leave the estimate as it was. */
  synchronized void observe(long remaining, long limit, Instant resetAt) {
    if (remaining >= 0) {
      this.remaining = remaining;
    }
    if (limit >= 0) {
      this.limit = limit;
    }
    if (resetAt != null) {
      this.resetAt = resetAt;
    }
  }

  /**
   * How long to wait before sending the next request, and takes one from the budget. Zero unless the
   * budget is low: then the time to the reset shared by the requests left, or all of it when none is.
   */
  synchronized Duration beforeRequest(Instant now) {
    if (remaining < 0 || resetAt == null) {
      return Duration.ZERO;
    }
    if (!resetAt.isAfter(now)) {
      // The window rolled over; the next response tells the new budget.
      remaining = -1;
      return Duration.ZERO;
    }
    Duration toReset = Duration.between(now, resetAt);
    Duration wait;
    if (remaining == 0) {
      // Stays 0 until the reset: every thread sharing the client waits for it, not just the first.
      wait = toReset;
    } else if (policy.low(remaining, limit)) {
      wait = toReset.dividedBy(remaining);
      remaining--;
    } else {
      wait = Duration.ZERO;
      remaining--;
    }
    return wait;
  }

  /** Gives back the request {@link #beforeRequest} took: the server did not count it. */
  synchronized void refund() {
    if (remaining >= 0) {
      remaining++;
    }
  }

  synchronized long remaining() {
    return remaining;
  }

  synchronized long limit() {
    return limit;
  }

  synchronized Instant resetAt() {
    return resetAt;
  }
}
