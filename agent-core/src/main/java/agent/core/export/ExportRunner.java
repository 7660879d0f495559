package agent.core.export;

import agent.core.checkpoint.CheckpointStore;
import agent.core.fs.AtomicFiles;
import agent.core.fs.DiskWriteException;
import agent.core.fs.FileTrees;
import agent.core.fs.ProcessLock;
import agent.core.git.RepoCache;
import agent.core.log.Redactor;
import agent.core.output.ExportManifest;
import agent.core.output.ExportOutput;
import agent.core.output.OutputFile;
import agent.core.plugin.IntegrationEntry;
import agent.core.plugin.PluginLauncher;
import agent.core.plugin.PluginStartException;
import agent.rpcdef.internal.grpc.PluginCallException;
import agent.core.progress.ProgressRenderer;
import agent.core.progress.ProgressSnapshot;
import agent.core.progress.SessionNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one export: every integration as its own plugin process, in parallel, into a fresh folder
 * {@code exports/<export-id>/}, with the commit rule of DESIGN.md: an integration's staged tokens
 * are committed only after it succeeded and its files are final; a failed, crashed or stopped
 * integration commits nothing and leaves no files, so the next export covers its data again. With
 * {@link ExportSettings#commitCheckpoints()} false the tokens are only staged in the manifest, for
 * {@code service-run} to commit after the upload. With {@link ExportSettings#progressFile()} set, the
 * export keeps its live progress in that file ({@link ProgressFile}) while it runs; with {@link
 * ExportSettings#exportIdFile()} set, it writes its id there once its folder exists.
 *
 * <p>An output that cannot be written for the disk (a full disk, a file-size limit) aborts the whole
 * export ({@link ExportAbort}): every integration is stopped and commits nothing from then on, and
 * the report names the file and the space left ({@link ExportReport#environmentFailure()}). An export
 * whose checkpoints are deferred leaves no folder then: service-run reports it failed and uploads
 * nothing of it.
 */
public final class ExportRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ExportRunner.class);
  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final long PROGRESS_LOG_SECONDS = 10;
  private static final long PROGRESS_FILE_SECONDS = 1;
  /** The logger of the plain progress lines: a live display leaves them out of the console, not out of the log file. */
  public static final String PROGRESS_LOGGER = "agent.progress";
  private static final Logger PROGRESS_LOG = LoggerFactory.getLogger(PROGRESS_LOGGER);

  private final ExportSettings settings;
  private final PluginLauncher launcher;
  private final String agentVersion;
  private final ExportAbort abort = new ExportAbort();
  private final ProgressRenderer progressLines = new ProgressRenderer();
  private volatile Consumer<ProgressSnapshot> display;
  private volatile Duration displayEvery = Duration.ofMillis(500);

  public ExportRunner(ExportSettings settings, PluginLauncher launcher, String agentVersion) {
    this.settings = settings;
    this.launcher = launcher;
    this.agentVersion = agentVersion;
  }

  /**
   * Hands {@code display} a snapshot of the export's progress every {@code every} while it runs, and a
   * last one once every integration ended: for a live display. Call before {@link #run}. The plain
   * progress lines go to the log whether or not there is a display (logger {@link #PROGRESS_LOGGER}).
   */
  public ExportRunner showProgress(Consumer<ProgressSnapshot> display, Duration every) {
    this.display = display;
    this.displayEvery = every;
    return this;
  }

  /**
   * Cancels the running export, from any thread (a signal handler): every plugin is killed, nothing
   * more is committed, and the manifest says {@code cancelled}. Integrations that completed before keep
   * their files and, for a local export, their committed tokens.
   *
   * @param why what stopped it, for the log and the manifest: "SIGTERM", "SIGINT"
   */
  public void cancel(String why) {
    if (abort.cancelled() == null) {
      LOG.warn("export cancelled ({}): stopping every integration; nothing more is committed", why);
    }
    abort.cancel(why);
  }

  /**
   * Runs the export. Integration failures are reported, not thrown.
   *
   * @throws agent.core.fs.LockBusyException when another export runs on the same root
   * @throws IOException when the root cannot be written
   */
  public ExportReport run(List<IntegrationEntry> entries) throws IOException {
    for (IntegrationEntry e : entries) {
      Redactor.global().addSecretsOf(e.config());
    }
    // Git histories are read in this process (ExportGitRepo); size JGit's caches for it once.
    agent.core.git.JGitCaches.configureForExport();
    try (ProcessLock ignored = ProcessLock.acquire(settings.root().exportLock(),
        "another export is running on this pinpoint root", "wait for it to finish")) {
      Files.createDirectories(settings.root().exportsDir());
      int swept = ExportOutput.sweepTempFiles(settings.root().exportsDir());
      if (swept > 0) {
        LOG.warn("removed {} unfinished file(s) left by an export that was killed", swept);
      }
      removeKilledExports(settings.root().exportsDir());
      settings.retention().prune(settings.root().exportsDir(), Instant.now());
      CheckpointStore store = CheckpointStore.open(settings.root().checkpointsFile());
      String exportId = newExportId();
      Path dir = settings.root().exportDir(exportId);
      Files.createDirectories(dir);
      ExportOutput output = new ExportOutput(dir, settings.rollRawBytes());
      Instant started = Instant.now();
      ExportManifest.running(exportId, agentVersion, started.toString()).write(dir);
      if (settings.exportIdFile() != null) {
        // After the manifest: should this write fail, the folder says "running" and the next export removes it.
        AtomicFiles.writeAtomically(settings.exportIdFile(), (exportId + "\n").getBytes(StandardCharsets.UTF_8));
      }
      LOG.info("export {} started: {} integration(s) into {}", exportId, entries.size(), dir);

      Map<String, HostAgent> live = new ConcurrentHashMap<>();
      Map<String, ProgressSnapshot.Integration> ended = new ConcurrentHashMap<>();
      Map<String, Long> startNanos = new ConcurrentHashMap<>();
      List<String> ids = entries.stream().map(IntegrationEntry::id).toList();
      ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "export-progress"));
      ticker.scheduleAtFixedRate(() -> logProgress(snapshot(ids, live, ended, startNanos)), PROGRESS_LOG_SECONDS, PROGRESS_LOG_SECONDS,
          TimeUnit.SECONDS);
      Consumer<ProgressSnapshot> shown = display;
      if (shown != null) {
        ticker.scheduleAtFixedRate(() -> show(shown, snapshot(ids, live, ended, startNanos)), 0, displayEvery.toMillis(),
            TimeUnit.MILLISECONDS);
      }
      ProgressFile progressFile = settings.progressFile() == null ? null
          : new ProgressFile(settings.progressFile(), entries.stream().map(IntegrationEntry::id).toList());
      if (progressFile != null) {
        ticker.scheduleAtFixedRate(progressFile::writeIfChanged, 0, PROGRESS_FILE_SECONDS, TimeUnit.SECONDS);
      }
      ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, entries.size()), r -> daemon(r, "export-integration"));
      List<IntegrationReport> reports = new ArrayList<>();
      try {
        List<Future<IntegrationReport>> futures = new ArrayList<>();
        for (IntegrationEntry e : entries) {
          futures.add(pool.submit(() -> {
            startNanos.put(e.id(), System.nanoTime());
            IntegrationReport r = runOne(e, exportId, store, output, live, ended, progressFile);
            if (progressFile != null) {
              progressFile.ended(r.id(), r.completed());
            }
            return r;
          }));
        }
        for (Future<IntegrationReport> f : futures) {
          reports.add(f.get());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("export interrupted", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("bug: an integration run threw instead of reporting", e.getCause());
      } finally {
        pool.shutdownNow();
        // Not shutdownNow: its interrupt would break a progress file write midway (file channels are interruptible).
        ticker.shutdown();
        try {
          ticker.awaitTermination(2, TimeUnit.SECONDS); // no frame drawn after the last one
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      ProgressSnapshot last = snapshot(ids, live, ended, startNanos);
      logProgress(last);
      if (shown != null) {
        show(shown, last);
      }
      if (progressFile != null) {
        // Every integration ended: the reader's last view holds the final counts and statuses.
        progressFile.writeFinal();
      }
      long duration = Instant.now().toEpochMilli() - started.toEpochMilli();
      if (abort.aborted()) {
        return aborted(exportId, dir, duration, reports, abort.cause(), started);
      }
      if (abort.cancelled() != null) {
        return cancelled(exportId, dir, duration, reports, abort.cancelled(), started);
      }
      ExportReport report = new ExportReport(exportId, dir, duration, reports);
      if (reports.stream().allMatch(r -> !r.completed() && r.configError())) {
        // Nothing ran: a configuration mistake leaves no trace beyond the logs.
        FileTrees.delete(dir);
        return new ExportReport(exportId, null, duration, reports);
      }
      manifestOf(report, started).write(dir);
      LOG.info("export {} {} in {} ms", exportId, report.status(), duration);
      return report;
    }
  }

  /**
   * The end of an export aborted for the disk. With deferred checkpoints nothing of it was committed and
   * service-run will not upload it, so its folder goes, freeing the space it held. Otherwise the
   * integrations that completed before the abort committed their tokens: their files stay, with the
   * manifest, unless even that cannot be written (then the folder keeps saying "running").
   */
  private ExportReport aborted(String exportId, Path dir, long duration, List<IntegrationReport> reports,
      DiskWriteException cause, Instant started) {
    boolean keep = settings.commitCheckpoints() && reports.stream().anyMatch(IntegrationReport::completed);
    if (!keep) {
      try {
        FileTrees.delete(dir);
      } catch (IOException e) {
        // Its manifest still says "running": the next export removes it.
        LOG.warn("cannot remove {} of the aborted export: {}", dir, e.toString());
      }
      LOG.error("export {} aborted in {} ms: {}", exportId, duration, cause.getMessage());
      return new ExportReport(exportId, null, duration, reports, cause.getMessage());
    }
    ExportReport report = new ExportReport(exportId, dir, duration, reports, cause.getMessage());
    try {
      manifestOf(report, started).write(dir);
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot write the manifest of the aborted export {}: {}", exportId, e.toString());
    }
    LOG.error("export {} aborted in {} ms: {}", exportId, duration, cause.getMessage());
    return report;
  }

  /**
   * The end of an export cancelled by a signal. Its manifest says {@code cancelled}: it is never uploaded
   * and its staged tokens never committed. A local export keeps its folder (the integrations that
   * completed before the cancel committed their tokens, so their files are the only copy of that data);
   * with deferred checkpoints nothing was committed and service-run uploads nothing of it, so it goes.
   */
  private ExportReport cancelled(String exportId, Path dir, long duration, List<IntegrationReport> reports, String why,
      Instant started) throws IOException {
    long completed = reports.stream().filter(IntegrationReport::completed).count();
    if (!settings.commitCheckpoints()) {
      FileTrees.delete(dir);
      LOG.warn("export {} CANCELLED ({}) after {} ms: nothing of it was committed, its folder is removed", exportId, why,
          duration);
      return new ExportReport(exportId, null, duration, reports, null, why);
    }
    ExportReport report = new ExportReport(exportId, dir, duration, reports, null, why);
    manifestOf(report, started).write(dir);
    LOG.warn("export {} CANCELLED ({}) after {} ms: {} of {} integration(s) had completed and committed; the others"
        + " committed nothing, so the next export covers their data again", exportId, why, duration, completed,
        reports.size());
    return report;
  }

  /**
   * Removes the folders of exports that were killed before they finished (their manifest still says
   * "running"). Holding the export lock proves none of them is alive; nothing of them was committed
   * or uploaded, so the next export covers their data again.
   */
  private static void removeKilledExports(Path exportsDir) throws IOException {
    try (java.util.stream.Stream<Path> dirs = Files.list(exportsDir)) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        Path manifest = dir.resolve(ExportManifest.FILE_NAME);
        ExportManifest.Status status;
        try {
          status = Files.exists(manifest) ? ExportManifest.read(dir).status() : ExportManifest.Status.RUNNING;
        } catch (IOException unreadable) {
          continue; // not ours to judge: leave it for an operator
        }
        if (status == ExportManifest.Status.RUNNING) {
          LOG.warn("removing {}: an export killed before it finished (nothing of it was committed or uploaded)", dir);
          FileTrees.delete(dir);
        }
      }
    }
  }

  /** The final manifest of {@code report}. */
  ExportManifest manifestOf(ExportReport report, Instant started) {
    ExportManifest m = ExportManifest.running(report.exportId(), agentVersion, started.toString());
    for (IntegrationReport r : report.integrations()) {
      m = m.withIntegration(r.completed()
          ? ExportManifest.IntegrationEntry.completed(r.id(), r.name(), r.durationMs(), r.files(), r.committedTokens())
              .withRequests(r.requestStats())
          : ExportManifest.IntegrationEntry.failed(r.id(), r.name(), r.durationMs(), r.error()));
    }
    return m.finish(report.status(), Instant.now().toString());
  }

  /**
   * @param progressFile told when the integration started; null when there is none
   * @param abort aborted by this integration's output failing for the disk; once it is, the integration
   *     commits nothing and fails with the cause
   */
  private IntegrationReport runOne(IntegrationEntry entry, String exportId, CheckpointStore store, ExportOutput output,
      Map<String, HostAgent> live, Map<String, ProgressSnapshot.Integration> ended, ProgressFile progressFile) {
    IntegrationReport r = runOne(entry, exportId, store, output, live, progressFile);
    HostAgent host = live.get(r.id());
    HostAgent.Progress top = host == null ? null : host.topProgress();
    ended.put(r.id(), new ProgressSnapshot.Integration(r.id(), r.completed() ? "completed" : "failed", r.objects(),
        top == null ? 0 : top.current(), top == null ? 0 : top.total(), null, null, r.durationMs()));
    return r;
  }

  private IntegrationReport runOne(IntegrationEntry entry, String exportId, CheckpointStore store, ExportOutput output,
      Map<String, HostAgent> live, ProgressFile progressFile) {
    long t0 = System.nanoTime();
    HostAgent host = new HostAgent(entry.id(), store::get, settings.reprocessHistorical(), output,
        new HostGitExport(new RepoCache(settings.root().repoCacheDir()), settings.root().blameStateDir(),
            settings.customerId()));
    host.onWriteFailure(e -> abort.abort(entry.id(), e));
    live.put(entry.id(), host);
    if (progressFile != null) {
      progressFile.started(entry.id(), host);
    }
    String error;
    boolean configError = false;
    PluginLauncher.RunningPlugin plugin = null;
    try {
      plugin = launcher.launch(entry, host);
      LOG.info("integration {} ({}) started, pid {}", entry.id(), entry.name(), plugin.process().pid());
      abort.started(entry.id(), plugin.process());
      try {
        Map<String, Long> requestStats =
            plugin.client().export(entry.configJson(), settings.reprocessHistorical(), exportId, settings.integrationTimeout());
        host.close();
        List<OutputFile> files;
        try {
          files = output.closeIntegration(entry.id());
        } catch (DiskWriteException e) {
          host.writeFailed(e);
          throw e;
        }
        if (abort.aborted()) {
          // Its files are final, but the export they belong to is not kept whole: commit nothing.
          throw abort.cause();
        }
        if (abort.cancelled() != null) {
          throw new ExportCancelled(abort.cancelled());
        }
        Map<String, String> tokens = host.stagedTokens();
        // The files are final (fsynced and renamed): only now may the tokens that cover them be durable,
        // unless their destination is a backend, which has not seen them yet (service-run commits them).
        if (settings.commitCheckpoints()) {
          store.commit(tokens);
        }
        long ms = millisSince(t0);
        long first = host.firstObjectNanos();
        // Start-up (process, handshake, first query) and streaming apart: they scale differently.
        LOG.info("integration {} completed in {} ms: {} objects ({} ms to the first object, {} ms streaming)", entry.id(), ms,
            host.totalObjects(), first == 0 ? ms : TimeUnit.NANOSECONDS.toMillis(first - t0),
            first == 0 ? 0 : millisSince(first));
        PauseTracker.Snapshot pauses = host.pauses();
        return new IntegrationReport(entry.id(), entry.name(), true, null, false, ms, host.objectsByModel(), files, tokens,
            pauses.pauses(), pauses.pausedMs(), requestStats);
      } catch (PluginCallException e) {
        configError = e.kind() == PluginCallException.Kind.CONFIG;
        if (e.kind() == PluginCallException.Kind.DEADLINE) {
          error = "integration " + entry.id() + " did not finish within " + human(settings.integrationTimeout())
              + " and was stopped (raise integration_timeout_seconds in the agent config if it needs longer)";
          plugin.process().kill();
        } else if (configError) {
          error = "integration " + entry.id() + " rejected its config: " + e.getMessage();
        } else {
          error = plugin.explain(e);
        }
      }
    } catch (PluginStartException e) {
      error = e.getMessage();
    } catch (DiskWriteException e) {
      error = e.getMessage(); // said below, from the abort's cause
    } catch (ExportCancelled e) {
      error = e.getMessage(); // said below
    } catch (RuntimeException e) {
      LOG.error("integration {} failed unexpectedly", entry.id(), e);
      error = "integration " + entry.id() + " failed: " + e;
    } finally {
      host.close();
      // Stays in live: the progress shows it until its final entry replaces it, never as "starting" again.
      abort.ended(entry.id());
      if (plugin != null) {
        plugin.close();
      }
    }
    if (host.writeFailure() != null) {
      // However the plugin reported it (a failed SessionSend, an error of its own), the disk is the cause.
      error = host.writeFailure().getMessage();
      configError = false;
    } else if (abort.aborted()) {
      error = "integration " + entry.id() + " was stopped: " + abort.cause().getMessage();
      configError = false;
    } else if (abort.cancelled() != null) {
      error = "integration " + entry.id() + " was stopped: the export was cancelled (" + abort.cancelled() + ")";
      configError = false;
    }
    discard(entry.id(), output);
    long ms = millisSince(t0);
    LOG.error("integration {} failed after {} ms: {}", entry.id(), ms, error);
    PauseTracker.Snapshot pauses = host.pauses();
    return new IntegrationReport(entry.id(), entry.name(), false, error, configError, ms, host.objectsByModel(), List.of(),
        Map.of(), pauses.pauses(), pauses.pausedMs(), Map.of());
  }

  /** A failed integration leaves no files: its tokens are not committed, so the next export resends all of it. */
  private static void discard(String integrationId, ExportOutput output) {
    try {
      output.abortIntegration(integrationId);
      FileTrees.delete(output.exportDir().resolve(integrationId));
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot remove the files of failed integration {}: {}", integrationId, e.toString());
    }
  }

  /** The plain progress lines, one per integration, for the log (and stdout, unless a live display shows them). */
  private void logProgress(ProgressSnapshot s) {
    synchronized (progressLines) {
      progressLines.plainLines(s).forEach(PROGRESS_LOG::info);
    }
  }

  private static void show(Consumer<ProgressSnapshot> display, ProgressSnapshot s) {
    try {
      display.accept(s);
    } catch (RuntimeException e) {
      LOG.debug("the progress display failed: {}", e.toString()); // a display never fails an export
    }
  }

  /** The export's progress now: every integration in the order given, ended ones with their final counts. */
  private static ProgressSnapshot snapshot(List<String> ids, Map<String, HostAgent> live,
      Map<String, ProgressSnapshot.Integration> ended, Map<String, Long> startNanos) {
    List<ProgressSnapshot.Integration> out = new ArrayList<>();
    for (String id : ids) {
      ProgressSnapshot.Integration done = ended.get(id);
      HostAgent host = live.get(id);
      if (done != null) {
        out.add(done);
      } else if (host == null) {
        out.add(new ProgressSnapshot.Integration(id, "starting", Map.of(), 0, 0, null, null, 0));
      } else {
        HostAgent.Progress top = host.topProgress();
        HostAgent.Progress lastReport = host.lastProgress();
        PauseTracker.Pause p = host.pauses().current();
        out.add(new ProgressSnapshot.Integration(id, "running", host.objectsByModel(), top == null ? 0 : top.current(),
            top == null ? 0 : top.total(), lastReport == null ? null : SessionNames.display(lastReport.key()),
            p == null ? null : new ProgressSnapshot.Pause(p.reason(), p.resumeAt()),
            millisSince(startNanos.getOrDefault(id, System.nanoTime()))));
      }
    }
    return new ProgressSnapshot(Instant.now(), out);
  }

  /** An integration that finished while its export was being cancelled: it commits nothing. */
  private static final class ExportCancelled extends RuntimeException {
    ExportCancelled(String why) {
      super("the export was cancelled (" + why + ")");
    }
  }

  static String newExportId() {
    byte[] r = new byte[3];
    new SecureRandom().nextBytes(r);
    return ID_TIME.format(Instant.now()) + "-" + String.format("%02x%02x%02x", r[0], r[1], r[2]);
  }

  private static String human(java.time.Duration d) {
    long s = d.toSeconds();
    return s < 120 ? s + " s" : s < 7200 ? (s / 60) + " min" : (s / 3600) + " h";
  }

  private static long millisSince(long t0) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

}
