package agent.rpcdef.http;

import java.time.Instant;

/**
 * The server's rate limit would need a longer wait than the client was allowed ({@link
 * ApiClient.Builder#maxRateLimitWait}), or kept limiting after repeated waits. The export should end
 * and run again later; {@link #resetAt()} says when the limit lifts, if the server said so.
 */
public class RateLimitException extends HttpException {
  private final Instant resetAt;

  public RateLimitException(String message, int status, String method, String url, Instant resetAt) {
    super(message, status, method, url);
    this.resetAt = resetAt;
  }

  /** When the server said the limit lifts, or null when it did not. */
  public Instant resetAt() {
    return resetAt;
  }
}
