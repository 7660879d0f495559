package agent.rpcdef.http;

import java.time.Instant;

/**
 * What one response said about the rate limit. {@code limited} means the request was refused for
 * it and must be sent again, after {@code waitUntil} when the server said (null: back off). The
 * budget fields describe the current window: -1 and null when the server did not say.
 */
record RateLimitSignal(boolean limited, Instant waitUntil, String reason, long remaining, long limit,
    Instant resetAt) {

  static final RateLimitSignal NONE = new RateLimitSignal(false, null, null, -1, -1, null);
}
