package agent.core.export;

/** Another export holds the pinpoint root. */
public final class ExportBusyException extends RuntimeException {
  public ExportBusyException(String message) {
    super(message);
  }
}
