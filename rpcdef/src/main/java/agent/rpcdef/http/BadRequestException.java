package agent.rpcdef.http;

/**
 * 400 or 422: the server refused the request as malformed, a bug in the integration (or an API
 * change) rather than a condition to retry. {@link #serverMessage()} is what the server said was
 * wrong, taken from its error body.
 */
public class BadRequestException extends HttpException {
  private final String serverMessage;

  public BadRequestException(String message, int status, String method, String url, String serverMessage) {
    super(message, status, method, url);
    this.serverMessage = serverMessage;
  }

  /** The error the server gave in its body, or an empty string when it gave none. */
  public String serverMessage() {
    return serverMessage;
  }
}
