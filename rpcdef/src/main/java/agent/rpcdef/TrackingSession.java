package agent.rpcdef;

import agent.rpcdef.internal.Agent;
import agent.rpcdef.internal.SessionInfo;
import java.util.function.LongSupplier;

/**
 * A session that groups work (an organization, a repository) and reports its progress. Open child
 * sessions with {@link #tracking} and {@link #model}; end it with {@link #done()} after them.
 */
public final class TrackingSession extends Session implements SessionParent {
  private final SessionFactory factory;

  TrackingSession(Agent agent, SessionInfo info, LongSupplier nanoClock, SessionFactory factory) {
    super(agent, info, nanoClock);
    this.factory = factory;
  }

  @Override
  public TrackingSession tracking(String entityType, String entityId) {
    checkOpen();
    return factory.tracking(info.id(), entityType, entityId);
  }

  @Override
  public ModelSession model(String modelType) {
    checkOpen();
    return factory.model(info.id(), modelType);
  }
}
