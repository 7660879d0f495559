package agent.rpcdef;

import agent.rpcdef.internal.Agent;
import java.util.function.LongSupplier;

/**
 * Builds the session tree of one export over an {@link Agent}. Plugins get this through {@link
 * ExportContext}; it is public for hosts and tests that drive sessions directly.
 */
public final class Sessions implements SessionParent {
  private final SessionFactory factory;

  public Sessions(Agent agent) {
    this(agent, System::nanoTime);
  }

  /** With a clock for progress throttling, for tests. */
  public Sessions(Agent agent, LongSupplier nanoClock) {
    this.factory = new SessionFactory(agent, nanoClock);
  }

  @Override
  public TrackingSession tracking(String entityType, String entityId) {
    return factory.tracking(0, entityType, entityId);
  }

  @Override
  public ModelSession model(String modelType) {
    return factory.model(0, modelType);
  }

  /**
   * Opens a model session under an existing session given by id: how a host sends objects under a
   * session the plugin started (ExportGitRepo). Plugins use {@link TrackingSession#model} instead.
   */
  public ModelSession model(long parentSessionId, String modelType) {
    return factory.model(parentSessionId, modelType);
  }

  /**
   * Ends the sessions left open after a successful export, without staging tokens, so that nothing
   * they queued is lost. Returns their keys.
   */
  public java.util.List<String> finishOpen() {
    return factory.finishOpen();
  }

  /** For tests: how many sessions are still referenced. */
  int retained() {
    return factory.remembered();
  }

  /** Aborts every session not yet done, e.g. after the export failed. Never throws. */
  public void abortOpen(Throwable cause) {
    factory.abortOpen(cause);
  }
}
