package agent.core.config;

/** Input the user must fix (malformed JSON, unknown key, unknown integration); the message says how. */
public final class InputException extends RuntimeException {
  public InputException(String message) {
    super(message);
  }
}
