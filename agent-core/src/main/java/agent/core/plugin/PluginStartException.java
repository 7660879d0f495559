package agent.core.plugin;

/** A plugin could not be started or did not complete its handshake; the message says why. */
public final class PluginStartException extends RuntimeException {
  public PluginStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
