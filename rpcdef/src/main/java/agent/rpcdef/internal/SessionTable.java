package agent.rpcdef.internal;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The session rules of the protocol, in one place for every host: the real one ({@code HostAgent})
 * and the SDK's fake ({@code RecordingAgent}), so that an integration's tests fail exactly where a
 * real export would.
 *
 * <ul>
 *   <li>a session opens under the integration (parent 0) or under an open tracking session, never
 *       under a model session or a done one; its key follows {@link SessionKeys};
 *   <li>objects go to model sessions only, through one open stream at a time, never after done;
 *   <li>a session ends once, with no stream open, staging its token or leaving the stored one.
 * </ul>
 *
 * <p>Violations throw {@link IllegalArgumentException} with a sentence naming the session, which
 * the protocol reports as INVALID_ARGUMENT. Thread-safe.
 */
public final class SessionTable {

  /** One session as a host sees it. */
  public static final class Entry {
    public final long id;
    public final long parentId;
    public final SessionKind kind;
    public final String key;
    /** The entity type of a tracking session, the model type of a model session. */
    public final String name;
    private boolean done;
    private boolean streaming;
    private Optional<String> token = Optional.empty();

    Entry(long id, long parentId, SessionKind kind, String key, String name) {
      this.id = id;
      this.parentId = parentId;
      this.kind = kind;
      this.key = key;
      this.name = name;
    }

    /** A tracking session opened directly under the integration. */
    public boolean top() {
      return parentId == 0 && kind == SessionKind.TRACKING;
    }

    public synchronized boolean done() {
      return done;
    }

    /** The token staged at done, if any. */
    public synchronized Optional<String> token() {
      return token;
    }
  }

  private final String integrationId;
  private final AtomicLong nextId = new AtomicLong(1);
  private final ConcurrentHashMap<Long, Entry> sessions = new ConcurrentHashMap<>();

  public SessionTable(String integrationId) {
    this.integrationId = integrationId;
  }

  /** Opens a session; {@code parentId} 0 means directly under the integration. */
  public Entry start(long parentId, SessionKind kind, String name, String entityId) {
    String parentKey;
    if (parentId == 0) {
      parentKey = integrationId;
    } else {
      Entry parent = get(parentId);
      if (parent.kind != SessionKind.TRACKING) {
        throw new IllegalArgumentException(
            "sessions can only be opened under a tracking session; " + parent.key + " is a model session");
      }
      if (parent.done()) {
        throw new IllegalArgumentException("session " + parent.key + " is already done");
      }
      parentKey = parent.key;
    }
    String key = kind == SessionKind.TRACKING
        ? SessionKeys.tracking(parentKey, name, entityId)
        : SessionKeys.model(parentKey, name);
    Entry e = new Entry(nextId.getAndIncrement(), parentId, kind, key, name);
    sessions.put(e.id, e);
    return e;
  }

  /** The session with this id. */
  public Entry get(long id) {
    Entry e = sessions.get(id);
    if (e == null) {
      throw new IllegalArgumentException("unknown session id " + id);
    }
    return e;
  }

  /** Opens the object stream of a model session; close it with {@link #closeStream}. */
  public Entry openStream(long id) {
    Entry e = get(id);
    if (e.kind != SessionKind.MODEL) {
      throw new IllegalArgumentException("session " + e.key + " is a tracking session; objects go to model sessions");
    }
    synchronized (e) {
      if (e.done) {
        throw new IllegalArgumentException("session " + e.key + " is already done");
      }
      if (e.streaming) {
        throw new IllegalArgumentException("session " + e.key + " already has an open object stream");
      }
      e.streaming = true;
    }
    return e;
  }

  /** Ends the object stream of {@code e}, normally or not. */
  public void closeStream(Entry e) {
    synchronized (e) {
      e.streaming = false;
    }
  }

  /** Ends a session; a present token is staged as its new one. */
  public Entry finish(long id, Optional<String> token) {
    Entry e = get(id);
    synchronized (e) {
      if (e.done) {
        throw new IllegalArgumentException("session " + e.key + " is already done");
      }
      if (e.streaming) {
        throw new IllegalArgumentException("session " + e.key + " still has an open object stream; close it before done");
      }
      e.done = true;
      e.token = token;
    }
    return e;
  }

  /** The session an ExportGitRepo call goes under: an open tracking session. */
  public Entry openTracking(long id) {
    Entry e = get(id);
    if (e.kind != SessionKind.TRACKING || e.done()) {
      throw new IllegalArgumentException("ExportGitRepo needs an open tracking session, not " + e.key);
    }
    return e;
  }

  /** Forgets every session (a new export starts). Ids keep counting up. */
  public void clear() {
    sessions.clear();
  }
}
