package agent.rpcdef;

/** A configuration the user must fix: a missing or malformed key. Never retried. */
public class ConfigException extends IntegrationException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
