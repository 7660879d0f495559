package agent.rpcdef;

import agent.rpcdef.internal.Agent;
import agent.rpcdef.internal.SessionInfo;
import agent.rpcdef.internal.SessionKind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Opens sessions for one export and remembers the open ones, so that a failed export can abort its
 * streams instead of leaving them dangling. Sessions that are done are forgotten: an export opens
 * sessions per repository or project, and may open hundreds of thousands.
 */
final class SessionFactory {
  private static final int MIN_PRUNE = 64;

  private final Agent agent;
  private final LongSupplier nanoClock;
  private final List<Session> opened = new ArrayList<>();
  private int pruneAt = MIN_PRUNE;

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
      if (opened.size() >= pruneAt) {
        // Amortized: the list is scanned only each time it has doubled since the last scan.
        opened.removeIf(Session::isDone);
        pruneAt = Math.max(MIN_PRUNE, opened.size() * 2);
      }
    }
    return s;
  }

  /**
   * Ends every session the integration left open, newest first, without staging a token: what they
   * queued is sent, and their stored tokens stay as they were. Returns their keys.
   */
  List<String> finishOpen() {
    List<Session> copy = drain();
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

  /** Takes every remembered session out of the list. */
  private List<Session> drain() {
    synchronized (opened) {
      List<Session> copy = new ArrayList<>(opened);
      opened.clear();
      return copy;
    }
  }

  /** How many sessions are remembered (open ones, and done ones not yet forgotten). */
  int remembered() {
    synchronized (opened) {
      return opened.size();
    }
  }

  /** Aborts every session that is not done. */
  void abortOpen(Throwable cause) {
    for (Session s : drain()) {
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
