package agent.rpcdef.testing;

import agent.rpcdef.Agent;
import agent.rpcdef.GitRepoRequest;
import agent.rpcdef.GitRepoResult;
import agent.rpcdef.ObjectStream;
import agent.rpcdef.SessionInfo;
import agent.rpcdef.SessionKeys;
import agent.rpcdef.SessionKind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake host for tests: keeps sessions, objects, progress and tokens in memory, with the same key
 * rules as the real host. Thread-safe.
 */
public final class RecordingAgent implements Agent {
  /** One session as the host saw it. */
  public static final class Recorded {
    public final long id;
    public final long parentId;
    public final SessionKind kind;
    public final String key;
    public final String name;
    final List<String> objects = new ArrayList<>();
    final List<long[]> progress = new ArrayList<>();
    volatile boolean done;
    volatile Optional<String> token = Optional.empty();

    Recorded(long id, long parentId, SessionKind kind, String key, String name) {
      this.id = id;
      this.parentId = parentId;
      this.kind = kind;
      this.key = key;
      this.name = name;
    }

    public synchronized List<String> objects() {
      return List.copyOf(objects);
    }

    /** Every progress update received, as {current, total}. */
    public synchronized List<long[]> progress() {
      return List.copyOf(progress);
    }

    public boolean isDone() {
      return done;
    }

    public Optional<String> token() {
      return token;
    }
  }

  private final String integrationId;
  private final AtomicLong nextId = new AtomicLong(1);
  private final Map<Long, Recorded> sessions = new LinkedHashMap<>();
  private final Map<String, String> committed = new LinkedHashMap<>();
  private final List<String> events = new ArrayList<>();
  private volatile boolean reprocessHistorical;
  private volatile long writeDelayMillis;
  private final AtomicLong maxBatchBytes = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private volatile String oauthToken;
  private volatile java.util.function.Function<GitRepoRequest, GitRepoResult> gitRepoHandler;
  private final List<GitRepoRequest> gitRepoRequests = new ArrayList<>();

  public RecordingAgent(String integrationId) {
    this.integrationId = integrationId;
  }

  /** Slows every batch write down, to exercise flow control. */
  public void setWriteDelayMillis(long millis) {
    this.writeDelayMillis = millis;
  }

  public void setReprocessHistorical(boolean v) {
    this.reprocessHistorical = v;
  }

  public void setOAuthToken(String token) {
    this.oauthToken = token;
  }

  /**
   * Answers ExportGitRepo calls, for integrations that hand repositories to the host; without a
   * handler the call fails as unsupported. Every request is recorded either way.
   */
  public void setGitRepoHandler(java.util.function.Function<GitRepoRequest, GitRepoResult> handler) {
    this.gitRepoHandler = handler;
  }

  /** The ExportGitRepo requests received, in order. */
  public synchronized List<GitRepoRequest> gitRepoRequests() {
    return List.copyOf(gitRepoRequests);
  }

  @Override
  public synchronized SessionInfo sessionStart(long parentId, SessionKind kind, String name, String entityId) {
    String parentKey;
    if (parentId == 0) {
      parentKey = integrationId;
    } else {
      Recorded p = sessions.get(parentId);
      if (p == null) {
        throw new IllegalArgumentException("unknown parent session " + parentId);
      }
      if (p.kind != SessionKind.TRACKING) {
        throw new IllegalArgumentException("sessions can only be opened under a tracking session");
      }
      parentKey = p.key;
    }
    String key = kind == SessionKind.TRACKING ? SessionKeys.tracking(parentKey, name, entityId) : SessionKeys.model(parentKey, name);
    long id = nextId.getAndIncrement();
    sessions.put(id, new Recorded(id, parentId, kind, key, name));
    String token = reprocessHistorical ? "" : committed.getOrDefault(key, "");
    return new SessionInfo(id, key, token);
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
    if (r.kind != SessionKind.MODEL) {
      throw new IllegalArgumentException("session " + r.key + " is not a model session");
    }
    return new ObjectStream() {
      long accepted;

      @Override
      public void write(ByteBuffer objects, int count) {
        batches.incrementAndGet();
        maxBatchBytes.accumulateAndGet(objects.remaining(), Math::max);
        if (writeDelayMillis > 0) {
          try {
            Thread.sleep(writeDelayMillis);
          } catch (InterruptedException e) {
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
        return accepted;
      }

      @Override
      public void abort(Throwable cause) {
        synchronized (RecordingAgent.this) {
          events.add("abort " + r.key);
        }
      }
    };
  }

  @Override
  public void sessionDone(long sessionId, Optional<String> lastProcessed) {
    Recorded r = session(sessionId);
    if (r.done) {
      throw new IllegalArgumentException("session " + r.key + " is already done");
    }
    r.token = lastProcessed;
    r.done = true;
  }

  @Override
  public GitRepoResult exportGitRepo(GitRepoRequest request) {
    synchronized (this) {
      gitRepoRequests.add(request);
    }
    java.util.function.Function<GitRepoRequest, GitRepoResult> h = gitRepoHandler;
    if (h == null) {
      throw new UnsupportedOperationException("ExportGitRepo has no handler in this test harness (setGitRepoHandler)");
    }
    return h.apply(request);
  }

  @Override
  public String oauthNewAccessToken(String provider) {
    if (oauthToken == null) {
      throw new UnsupportedOperationException("no OAuth token configured in the test harness");
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
      if (r.done && r.token.isPresent()) {
        committed.put(r.key, r.token.get());
      }
    }
  }

  /** Forgets the sessions of the last export; keeps committed tokens. */
  public synchronized void reset() {
    sessions.clear();
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
      throw new IllegalArgumentException("unknown session " + id);
    }
    return r;
  }
}
