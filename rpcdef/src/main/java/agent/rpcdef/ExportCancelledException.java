package agent.rpcdef;

/**
 * The host cancelled the export (timeout, shutdown, an operator's cancel) while the integration was
 * waiting. Let it propagate: the export then ends as cancelled and none of its tokens is committed.
 */
public class ExportCancelledException extends IntegrationException {
  public ExportCancelledException(String message) {
    super(message);
  }

  public ExportCancelledException(String message, Throwable cause) {
    super(message, cause);
  }
}
