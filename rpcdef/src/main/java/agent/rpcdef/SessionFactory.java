package agent.rpcdef;

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

  /** How many sessions are remembered (open ones, and done ones not yet forgotten). */
  int remembered() {
    synchronized (opened) {
      return opened.size();
    }
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
