package agent.rpcdef.testing;

import agent.rpcdef.GitRepo;
import agent.rpcdef.GitRepoResult;
import agent.rpcdef.internal.Agent;
import agent.rpcdef.internal.ObjectStream;
import agent.rpcdef.internal.SessionInfo;
import agent.rpcdef.internal.SessionKind;
import agent.rpcdef.internal.SessionTable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A fake host for tests: keeps sessions, objects, progress and tokens in memory, under the same
 * session rules as the real host (both apply {@link SessionTable}). Thread-safe.
 *
 * <p>A test reads it ({@link #sessions}, {@link #events}, {@link #committedTokens}, {@link
 * #gitRepoCalls}) and tunes it ({@link #setOAuthToken}, {@link #setGitRepoHandler}); its callback
 * methods are the protocol's, called by the integration through the SDK, not by the test.
 */
public final class RecordingAgent implements Agent {
  /** One session as the host saw it. */
  public static final class Recorded {
    public final long id;
    public final long parentId;
    private final SessionKind kind;
    public final String key;
    public final String name;
    private final SessionTable.Entry entry;
    final List<String> objects = new ArrayList<>();
    final List<long[]> progress = new ArrayList<>();

    Recorded(SessionTable.Entry e) {
      this.entry = e;
      this.id = e.id;
      this.parentId = e.parentId;
      this.kind = e.kind;
      this.key = e.key;
      this.name = e.name;
    }

    public synchronized List<String> objects() {
      return List.copyOf(objects);
    }

    /** Every progress update received, as {current, total}. */
    public synchronized List<long[]> progress() {
      return List.copyOf(progress);
    }

    public boolean isDone() {
      return entry.done();
    }

    /** True for a model session (objects of one type), false for a tracking session. */
    public boolean isModel() {
      return kind == SessionKind.MODEL;
    }

    /** The token staged at done; empty when the session ended without one or is not done. */
    public Optional<String> token() {
      return entry.token();
    }
  }

  private final SessionTable table;
  private final Map<Long, Recorded> sessions = new LinkedHashMap<>();
  private final Map<String, String> committed = new LinkedHashMap<>();
  private final List<String> events = new ArrayList<>();
  private volatile boolean reprocessHistorical;
  private volatile long writeDelayMillis;
  private final AtomicLong maxBatchBytes = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private volatile String oauthToken;
  private volatile Function<GitRepo, GitRepoResult> gitRepoHandler;
  private final List<GitRepoCall> gitRepoRequests = new ArrayList<>();

  public RecordingAgent(String integrationId) {
    this.table = new SessionTable(integrationId);
  }

  /** Slows every batch write down, to exercise flow control. */
  public void setWriteDelayMillis(long millis) {
    this.writeDelayMillis = millis;
  }

  public void setReprocessHistorical(boolean v) {
    this.reprocessHistorical = v;
  }

  /** The token {@code ExportContext.oauthAccessToken} returns; without one the call fails. */
  public void setOAuthToken(String token) {
    this.oauthToken = token;
  }

  /**
   * Answers {@code ExportContext.exportGitRepo} calls, for integrations that hand repositories to the
   * host; without a handler the call fails as unsupported. Every request is recorded either way.
   */
  public void setGitRepoHandler(Function<GitRepo, GitRepoResult> handler) {
    this.gitRepoHandler = handler;
  }

  /** A repository handed to the host, and the key of the tracking session it went under. */
  public record GitRepoCall(String sessionKey, GitRepo repo) {}

  /** The repositories handed to the host, in order. */
  public synchronized List<GitRepoCall> gitRepoCalls() {
    return List.copyOf(gitRepoRequests);
  }

  @Override
  public synchronized SessionInfo sessionStart(long parentId, SessionKind kind, String name, String entityId) {
    SessionTable.Entry e = table.start(parentId, kind, name, entityId);
    sessions.put(e.id, new Recorded(e));
    String token = reprocessHistorical ? "" : committed.getOrDefault(e.key, "");
    return new SessionInfo(e.id, e.key, token);
  }

  @Override
  public void sessionProgress(long sessionId, long current, long total) {
    Recorded r = session(sessionId);
    synchronized (r) {
      r.progress.add(new long[] {current, total});
    }
  }

  @Override
  public ObjectStream sessionSend(long sessionId) {
    Recorded r = session(sessionId);
    SessionTable.Entry e = table.openStream(sessionId);
    return new ObjectStream() {
      long accepted;

      @Override
      public void write(ByteBuffer objects, int count) {
        batches.incrementAndGet();
        maxBatchBytes.accumulateAndGet(objects.remaining(), Math::max);
        if (writeDelayMillis > 0) {
          try {
            Thread.sleep(writeDelayMillis);
          } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
          }
        }
        String text = StandardCharsets.UTF_8.decode(objects).toString();
        String[] lines = text.split("\n");
        if (lines.length != count) {
          throw new IllegalArgumentException("batch says " + count + " objects but holds " + lines.length + " lines");
        }
        synchronized (r) {
          r.objects.addAll(List.of(lines));
        }
        accepted += count;
      }

      @Override
      public long close() {
        table.closeStream(e);
        return accepted;
      }

      @Override
      public void abort(Throwable cause) {
        table.closeStream(e);
        synchronized (RecordingAgent.this) {
          events.add("abort " + r.key);
        }
      }
    };
  }

  @Override
  public void sessionDone(long sessionId, Optional<String> lastProcessed) {
    table.finish(sessionId, lastProcessed);
  }

  @Override
  public GitRepoResult exportGitRepo(long sessionId, GitRepo repo) {
    SessionTable.Entry under = table.openTracking(sessionId);
    synchronized (this) {
      gitRepoRequests.add(new GitRepoCall(under.key, repo));
    }
    Function<GitRepo, GitRepoResult> h = gitRepoHandler;
    if (h == null) {
      throw new UnsupportedOperationException("ExportGitRepo has no handler in this test harness (setGitRepoHandler)");
    }
    return h.apply(repo);
  }

  @Override
  public String oauthNewAccessToken(String provider) {
    if (oauthToken == null) {
      throw new UnsupportedOperationException("no OAuth token configured in the test harness (setOAuthToken)");
    }
    return oauthToken;
  }

  @Override
  public synchronized void pause(String reason, Instant resumeAt) {
    events.add("pause " + reason);
  }

  @Override
  public synchronized void resume() {
    events.add("continue");
  }

  /** Makes every staged token of finished sessions the stored one, as a successful export does. */
  public synchronized void commitStaged() {
    for (Recorded r : sessions.values()) {
      if (r.isDone() && r.token().isPresent()) {
        committed.put(r.key, r.token().get());
      }
    }
  }

  /** Forgets the sessions of the last export; keeps committed tokens. */
  public synchronized void reset() {
    sessions.clear();
    table.clear();
    gitRepoRequests.clear();
    events.clear();
    batches.set(0);
    maxBatchBytes.set(0);
  }

  public synchronized List<Recorded> sessions() {
    return List.copyOf(sessions.values());
  }

  public synchronized Map<String, String> committedTokens() {
    return Map.copyOf(committed);
  }

  /** What happened besides sessions, in order: {@code pause <reason>}, {@code continue}, {@code abort <key>}. */
  public synchronized List<String> events() {
    return List.copyOf(events);
  }

  public long batches() {
    return batches.get();
  }

  public long maxBatchBytes() {
    return maxBatchBytes.get();
  }

  private synchronized Recorded session(long id) {
    Recorded r = sessions.get(id);
    if (r == null) {
      throw new IllegalArgumentException("unknown session id " + id);
    }
    return r;
  }
}
