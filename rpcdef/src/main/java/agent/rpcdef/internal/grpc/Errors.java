package agent.rpcdef.internal.grpc;

import agent.rpcdef.AgentException;
import agent.rpcdef.ConfigException;
import agent.rpcdef.IntegrationException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** How exceptions cross the protocol: classified where they are born, kept as words on the wire. */
final class Errors {
  private Errors() {}

  /** The status a failure is reported with (host side: what an {@code Agent} implementation threw). */
  static StatusRuntimeException toStatus(Throwable t) {
    if (t instanceof StatusRuntimeException s) {
      return s;
    }
    if (t instanceof IllegalArgumentException) {
      return Status.INVALID_ARGUMENT.withDescription(t.getMessage()).withCause(t).asRuntimeException();
    }
    if (t instanceof UnsupportedOperationException) {
      return Status.UNIMPLEMENTED.withDescription(t.getMessage()).withCause(t).asRuntimeException();
    }
    return fromIntegration(t);
  }

  /**
   * The status a failure of an integration's own code is reported with, on the plugin side. Only a
   * {@link ConfigException} is the user's to fix and only an {@link IntegrationException} is a
   * failure told in words; anything else (an IllegalArgumentException from parsing an API answer, an
   * UnsupportedOperationException from an immutable list, a status another service answered) is
   * unexpected and reported with its class, never as a config error or an unsupported call.
   */
  static StatusRuntimeException fromIntegration(Throwable t) {
    Status status;
    if (t instanceof ConfigException) {
      status = Status.INVALID_ARGUMENT.withDescription(t.getMessage());
    } else if (t instanceof IntegrationException) {
      status = Status.FAILED_PRECONDITION.withDescription(t.getMessage());
    } else {
      status = Status.INTERNAL.withDescription(t.getClass().getName() + ": " + t.getMessage());
    }
    return status.withCause(t).asRuntimeException();
  }

  /** The exception a failed callback surfaces as, on the plugin side. */
  static AgentException fromAgentCall(String call, StatusRuntimeException e) {
    return new AgentException("agent call " + call + " failed: " + describe(e.getStatus()), e);
  }

  static String describe(Status s) {
    String d = s.getDescription();
    return d == null || d.isEmpty() ? s.getCode().name() : d + " (" + s.getCode().name() + ")";
  }
}
