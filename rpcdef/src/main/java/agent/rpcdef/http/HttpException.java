package agent.rpcdef.http;

import agent.rpcdef.IntegrationException;

/**
 * A request that failed for good: the server's answer was terminal, or retries and rate-limit waits
 * ran out. The message is a sentence for the operator ("GET https://api.github.com/user answered 500
 * Internal Server Error; gave up after 5 attempts in 31s") and, like {@link #url()}, holds no secret.
 * Subclasses say what kind of failure it is; {@link #status()} is 0 when no response came (a network
 * error, a TLS failure).
 */
public class HttpException extends IntegrationException {
  private final int status;
  private final String method;
  private final String url;

  public HttpException(String message, int status, String method, String url, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.method = method;
    this.url = url;
  }

  public HttpException(String message, int status, String method, String url) {
    this(message, status, method, url, null);
  }

  /** The HTTP status, or 0 when no response came. */
  public int status() {
    return status;
  }

  /** GET, POST, ... */
  public String method() {
    return method;
  }

  /** The request's URL with secrets masked. */
  public String url() {
    return url;
  }
}
