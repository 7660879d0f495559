package agent.rpcdef;

import agent.rpcdef.internal.Agent;
import agent.rpcdef.internal.SessionInfo;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * What tracking and model sessions share: a key, the token stored under it, throttled progress and
 * an end. Not thread-safe: use a session from one thread at a time.
 */
public abstract sealed class Session permits TrackingSession, ModelSession {
  /** Progress goes to the host at most this often; the last value is always sent at done. */
  static final long PROGRESS_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

  final Agent agent;
  final SessionInfo info;
  private final LongSupplier nanoClock;
  private long lastProgressSentNanos;
  private boolean progressSentOnce;
  private long pendingCurrent = -1;
  private long pendingTotal;
  private boolean done;

  Session(Agent agent, SessionInfo info, LongSupplier nanoClock) {
    this.agent = agent;
    this.info = info;
    this.nanoClock = nanoClock;
  }

  /** The session's key, e.g. {@code github/organization/acme/sourcecode.Repo}. */
  public String key() {
    return info.key();
  }

  /** The token committed under {@link #key()} by an earlier export; empty on a first run. */
  public String lastProcessed() {
    return info.lastProcessed();
  }

  /** The session's id in this export. */
  public long id() {
    return info.id();
  }

  /**
   * Reports progress ({@code total} 0 when unknown). Cheap to call per object: at most one update a
   * second reaches the host, and the latest one is sent when the session ends.
   */
  public void progress(long current, long total) {
    checkOpen();
    long now = nanoClock.getAsLong();
    if (!progressSentOnce || now - lastProgressSentNanos >= PROGRESS_INTERVAL_NANOS) {
      agent.sessionProgress(info.id(), current, total);
      lastProgressSentNanos = now;
      progressSentOnce = true;
      pendingCurrent = -1;
    } else {
      pendingCurrent = current;
      pendingTotal = total;
    }
  }

  /**
   * Ends the session and stages {@code lastProcessed} as its new token: the next export's session of
   * the same key starts from it, once this export's data is durable. Sends any unsent objects first.
   */
  public void done(String lastProcessed) {
    finish(Optional.of(lastProcessed));
  }

  /** Ends the session and leaves its stored token as it was. */
  public void done() {
    finish(Optional.empty());
  }

  private void finish(Optional<String> token) {
    checkOpen();
    beforeDone();
    if (pendingCurrent >= 0) {
      agent.sessionProgress(info.id(), pendingCurrent, pendingTotal);
      pendingCurrent = -1;
    }
    done = true;
    agent.sessionDone(info.id(), token);
  }

  /** True once {@link #done} was called. */
  public boolean isDone() {
    return done;
  }

  void beforeDone() {}

  /** Ends the session without staging anything (the export failed). Never throws. */
  void abort(Throwable cause) {
    done = true;
  }

  void checkOpen() {
    if (done) {
      throw new IllegalStateException("session " + info.key() + " is already done");
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(" + info.key() + ")";
  }
}
