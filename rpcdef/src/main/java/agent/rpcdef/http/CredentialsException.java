package agent.rpcdef.http;

/**
 * The server rejected the credentials (401) or they lack a permission or scope (403). Terminal: the
 * operator must fix the token; retrying cannot help.
 */
public class CredentialsException extends HttpException {
  public CredentialsException(String message, int status, String method, String url) {
    super(message, status, method, url);
  }
}
