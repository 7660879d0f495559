package agent.rpcdef;

/**
 * An integration failure with a message meant for the operator ("GitHub answered 401: the token was
 * revoked"). The root of the SDK's exceptions.
 */
public class IntegrationException extends RuntimeException {
  public IntegrationException(String message) {
    super(message);
  }

  public IntegrationException(String message, Throwable cause) {
    super(message, cause);
  }
}
