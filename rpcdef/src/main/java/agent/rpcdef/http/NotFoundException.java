package agent.rpcdef.http;

/**
 * 404 (or 410): the resource is gone, or the credentials may not see it. Terminal for this request;
 * an integration usually skips the object and goes on.
 */
public class NotFoundException extends HttpException {
  public NotFoundException(String message, int status, String method, String url) {
    super(message, status, method, url);
  }
}
