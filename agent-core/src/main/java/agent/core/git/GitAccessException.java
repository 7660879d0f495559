package agent.core.git;

/**
 * A repository could not be opened, cloned or fetched; the message says which and why in words an
 * operator can act on (a wrong path, rejected credentials, an unknown host).
 */
public final class GitAccessException extends RuntimeException {
  public GitAccessException(String message, Throwable cause) {
    super(message, cause);
  }
}
