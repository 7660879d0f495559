package agent.core.export;

import agent.core.fs.DiskWriteException;
import agent.core.output.ExportOutput;
import agent.core.output.ModelFileWriter;
import agent.rpcdef.GitRepo;
import agent.rpcdef.GitRepoResult;
import agent.rpcdef.IntegrationException;
import agent.rpcdef.internal.Agent;
import agent.rpcdef.internal.ObjectStream;
import agent.rpcdef.internal.SessionInfo;
import agent.rpcdef.internal.SessionKind;
import agent.rpcdef.internal.SessionTable;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's side of the Agent API for one integration in one export: opens sessions under the
 * integration's key, answers stored tokens, writes object batches to the export's files as they
 * arrive (never decoded), and stages tokens. Staged tokens are only handed out by {@link
 * #stagedTokens()}; committing them is the caller's decision (after the files are final).
 *
 * <p>Thread-safe: the plugin may drive several sessions at once. After {@link #close()} every call
 * fails, so a plugin that outlives its export cannot write into it.
 *
 * <p>A batch that cannot be written for the disk ({@link DiskWriteException}: full, a file-size limit) is
 * the machine's failure, not the integration's, although the plugin sees it as a failed SessionSend:
 * the host keeps it ({@link #writeFailure()}), tells the listener given to {@link #onWriteFailure},
 * and refuses every later call with it, so the integration ends at once.
 */
public final class HostAgent implements Agent {
  private static final Logger LOG = LoggerFactory.getLogger(HostAgent.class);

  private final String integrationId;
  private final Function<String, String> storedToken;
  private final boolean reprocessHistorical;
  private final ExportOutput output;
  private final HostGitExport git;
  private final SessionTable table;
  private final PauseTracker pauses;
  private final Map<String, String> staged = new LinkedHashMap<>();
  private final Map<String, AtomicLong> objectsByModel = new ConcurrentHashMap<>();
  private volatile boolean closed;
  private volatile Progress lastProgress;
  /** The latest report of each top session, by key. */
  private final Map<String, Progress> topProgress = new ConcurrentHashMap<>();
  private final AtomicLong firstObjectNanos = new AtomicLong();
  private final AtomicReference<DiskWriteException> writeFailure = new AtomicReference<>();
  private volatile Consumer<DiskWriteException> writeFailureListener = e -> {};

  /** A progress report of the session with this key; {@code total} is 0 when unknown. */
  public record Progress(String key, long current, long total) {}

  /**
   * @param storedToken the committed token of a key, "" if none
   * @param reprocessHistorical when true every session starts with an empty token
   */
  public HostAgent(String integrationId, Function<String, String> storedToken, boolean reprocessHistorical, ExportOutput output) {
    this(integrationId, storedToken, reprocessHistorical, output, null);
  }

  /**
   * @param git serves ExportGitRepo; null where git history export is not available
   */
  HostAgent(String integrationId, Function<String, String> storedToken, boolean reprocessHistorical, ExportOutput output,
      HostGitExport git) {
    this(integrationId, storedToken, reprocessHistorical, output, git, Clock.systemUTC());
  }

  /** @param clock times the integration's pauses */
  HostAgent(String integrationId, Function<String, String> storedToken, boolean reprocessHistorical, ExportOutput output,
      HostGitExport git, Clock clock) {
    this.integrationId = integrationId;
    this.pauses = new PauseTracker(integrationId, clock);
    this.table = new SessionTable(integrationId);
    this.storedToken = storedToken;
    this.reprocessHistorical = reprocessHistorical;
    this.output = output;
    this.git = git;
  }

  @Override
  public SessionInfo sessionStart(long parentId, SessionKind kind, String name, String entityId) {
    checkOpen();
    SessionTable.Entry e = table.start(parentId, kind, name, entityId);
    String token = reprocessHistorical ? "" : storedToken.apply(e.key);
    LOG.debug("session {} started: {} (token \"{}\")", e.id, e.key, token);
    return new SessionInfo(e.id, e.key, token);
  }

  @Override
  public void sessionProgress(long sessionId, long current, long total) {
    checkOpen();
    SessionTable.Entry s = table.get(sessionId);
    Progress p = new Progress(s.key, current, total);
    lastProgress = p;
    if (s.top()) {
      topProgress.put(s.key, p);
    }
  }

  @Override
  public ObjectStream sessionSend(long sessionId) {
    checkOpen();
    SessionTable.Entry s = table.openStream(sessionId);
    ModelFileWriter writer = output.writer(integrationId, s.name);
    AtomicLong modelCount = objectsByModel.computeIfAbsent(s.name, k -> new AtomicLong());
    return new ObjectStream() {
      long accepted;

      @Override
      public void write(ByteBuffer objects, int count) {
        checkOpen();
        if (count <= 0 || !objects.hasRemaining() || objects.get(objects.limit() - 1) != '\n') {
          throw new IllegalArgumentException(
              "a SessionSend message must hold whole objects, each ending with a newline (session " + s.key + ")");
        }
        firstObjectNanos.compareAndSet(0, System.nanoTime());
        try {
          writer.append(objects, count);
        } catch (DiskWriteException e) {
          writeFailed(e);
          throw e;
        }
        accepted += count;
        modelCount.addAndGet(count);
      }

      @Override
      public long close() {
        table.closeStream(s);
        return accepted;
      }

      @Override
      public void abort(Throwable cause) {
        table.closeStream(s);
        LOG.debug("object stream of {} aborted after {} objects: {}", s.key, accepted, String.valueOf(cause));
      }
    };
  }

  @Override
  public void sessionDone(long sessionId, Optional<String> lastProcessed) {
    checkOpen();
    SessionTable.Entry s = table.finish(sessionId, lastProcessed);
    lastProcessed.ifPresent(token -> {
      synchronized (staged) {
        staged.put(s.key, token);
      }
    });
  }

  @Override
  public GitRepoResult exportGitRepo(long sessionId, GitRepo repo) {
    checkOpen();
    table.openTracking(sessionId);
    if (git == null) {
      throw new UnsupportedOperationException("ExportGitRepo is not available here (no repository cache configured)");
    }
    return git.export(this, sessionId, repo);
  }

  @Override
  public String oauthNewAccessToken(String provider) {
    checkOpen();
    throw new IntegrationException("OAuthNewAccessToken for " + provider
        + ": a local export has no backend to refresh OAuth tokens; give the integration an access token in its config");
  }

  /** Logged and tracked for the progress file and the summary ({@link #pauses()}). */
  @Override
  public void pause(String reason, Instant resumeAt) {
    checkOpen();
    pauses.pause(reason, resumeAt);
  }

  @Override
  public void resume() {
    checkOpen();
    pauses.resume();
  }

  /** The integration's rate-limit pauses so far: the one going on, their number and length. */
  PauseTracker.Snapshot pauses() {
    return pauses.snapshot();
  }

  /** Tokens staged by sessions that ended with one, by key, sorted. */
  public Map<String, String> stagedTokens() {
    synchronized (staged) {
      return new TreeMap<>(staged);
    }
  }

  /** Objects received per model type, sorted by model type. */
  public Map<String, Long> objectsByModel() {
    Map<String, Long> out = new TreeMap<>();
    objectsByModel.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  public long totalObjects() {
    long n = 0;
    for (AtomicLong v : objectsByModel.values()) {
      n += v.get();
    }
    return n;
  }

  /** {@link System#nanoTime()} when the first object arrived, or 0 if none has. */
  public long firstObjectNanos() {
    return firstObjectNanos.get();
  }

  /** The latest progress report of any session, the most detailed view for logs; null before the first. */
  public Progress lastProgress() {
    return lastProgress;
  }

  /**
   * How far the integration as a whole is, which is what the backend shows: the latest report of its
   * top session (a tracking session opened directly under the integration, such as an organization).
   * With several top sessions (several organizations, in turn or at once) their reports are added
   * up under the integration's id, so the figure never jumps back when the next one starts; the sum
   * has {@code total} 0 (unknown) while any of them does not know its total. Reports of nested
   * sessions (a repository, its pull requests) do not count: their {@code current/total} measure a
   * part. Null before the first such report.
   */
  public Progress topProgress() {
    List<Progress> tops = List.copyOf(topProgress.values());
    if (tops.size() <= 1) {
      return tops.isEmpty() ? null : tops.get(0);
    }
    long current = 0;
    long total = 0;
    boolean totalKnown = true;
    for (Progress p : tops) {
      current += p.current();
      total += p.total();
      totalKnown &= p.total() > 0;
    }
    return new Progress(integrationId, current, totalKnown ? total : 0);
  }

  /**
   * Called once, on the thread that wrote, with the first write that failed for the disk (whether a batch
   * or, through {@link #writeFailed}, the closing of the files).
   */
  void onWriteFailure(Consumer<DiskWriteException> listener) {
    this.writeFailureListener = listener;
  }

  /** Records that the integration's output could not be written for the disk; the first failure counts. */
  void writeFailed(DiskWriteException e) {
    if (writeFailure.compareAndSet(null, e)) {
      writeFailureListener.accept(e);
    }
  }

  /** The first write of this integration's output that failed for the disk; null when none did. */
  public DiskWriteException writeFailure() {
    return writeFailure.get();
  }

  /** Refuses every later call: the export of this integration is over, and so is a pause it did not end. */
  public void close() {
    closed = true;
    pauses.end();
  }

  private void checkOpen() {
    DiskWriteException failed = writeFailure.get();
    if (failed != null) {
      // Nothing more of this integration can be kept: end it now, with the cause in its words.
      throw failed;
    }
    if (closed) {
      throw new IllegalStateException("the export of integration " + integrationId + " is over");
    }
  }

}
