package agent.rpcdef;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Opens sessions for one export and remembers the open ones, so that a failed export can abort its
 * streams instead of leaving them dangling.
 */
final class SessionFactory {
  private final Agent agent;
  private final LongSupplier nanoClock;
  private final List<Session> opened = new ArrayList<>();

  SessionFactory(Agent agent, LongSupplier nanoClock) {
    this.agent = agent;
    this.nanoClock = nanoClock;
  }

  TrackingSession tracking(long parentId, String entityType, String entityId) {
    requireName("entity type", entityType);
    requireName("entity id", entityId);
    SessionInfo info = agent.sessionStart(parentId, SessionKind.TRACKING, entityType, entityId);
    return remember(new TrackingSession(agent, info, nanoClock, this));
  }

  ModelSession model(long parentId, String modelType) {
    requireName("model type", modelType);
    SessionInfo info = agent.sessionStart(parentId, SessionKind.MODEL, modelType, "");
    return remember(new ModelSession(agent, info, nanoClock, modelType));
  }

  private <S extends Session> S remember(S s) {
    synchronized (opened) {
      opened.add(s);
    }
    return s;
  }

  /**
   * Ends every session the integration left open, newest first, without staging a token: what they
   * queued is sent, and their stored tokens stay as they were. Returns their keys.
   */
  java.util.List<String> finishOpen() {
    List<Session> copy;
    synchronized (opened) {
      copy = new ArrayList<>(opened);
      opened.clear();
    }
    java.util.Collections.reverse(copy);
    List<String> keys = new ArrayList<>();
    for (Session s : copy) {
      if (!s.isDone()) {
        keys.add(s.key());
        s.done();
      }
    }
    return keys;
  }

  /** Aborts every session that is not done. */
  void abortOpen(Throwable cause) {
    List<Session> copy;
    synchronized (opened) {
      copy = new ArrayList<>(opened);
      opened.clear();
    }
    for (Session s : copy) {
      if (!s.isDone()) {
        s.abort(cause);
      }
    }
  }

  private static void requireName(String what, String v) {
    if (v == null || v.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
  }
}
