package agent.rpcdef;

/** The host refused a callback or could not be reached. */
public class AgentException extends IntegrationException {
  public AgentException(String message, Throwable cause) {
    super(message, cause);
  }
}
