package agent.rpcdef.internal.grpc;

import agent.rpcdef.IntegrationException;
import io.grpc.Status;

/** A call from the host into a plugin failed; {@link #kind()} says how. */
public final class PluginCallException extends IntegrationException {
  /** How a plugin call failed. */
  public enum Kind {
    /** The plugin rejected its configuration: the user must fix it. */
    CONFIG,
    /** The plugin reported a failure in words. */
    FAILED,
    /** The plugin could not be reached or went away (crash, exit). */
    UNAVAILABLE,
    /** The call ran past its deadline. */
    DEADLINE,
    /** The call was cancelled by the host. */
    CANCELLED,
    /** The plugin does not support the call. */
    UNSUPPORTED,
    /** The call was refused for a missing or wrong token. */
    UNAUTHENTICATED
  }

  private final Kind kind;

  public PluginCallException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  static PluginCallException of(String call, Status s, Throwable cause) {
    Kind kind = switch (s.getCode()) {
      case INVALID_ARGUMENT -> Kind.CONFIG;
      case UNAVAILABLE -> Kind.UNAVAILABLE;
      case DEADLINE_EXCEEDED -> Kind.DEADLINE;
      case CANCELLED -> Kind.CANCELLED;
      case UNIMPLEMENTED -> Kind.UNSUPPORTED;
      case UNAUTHENTICATED -> Kind.UNAUTHENTICATED;
      default -> Kind.FAILED;
    };
    String d = s.getDescription();
    String msg = d == null || d.isEmpty() ? call + " failed: " + s.getCode() : d;
    return new PluginCallException(kind, msg, cause);
  }
}
