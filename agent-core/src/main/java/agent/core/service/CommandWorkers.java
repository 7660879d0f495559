package agent.core.service;

import agent.core.backend.Command;
import agent.core.backend.CommandEvent;
import agent.core.config.Enrollment;
import agent.core.loop.ServiceStopped;
import agent.core.loop.StopSignal;
import agent.core.output.ExportManifest;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a dispatched command runs, as a child JVM ({@link CommandChild}), and how its end becomes its
 * final event. Two kinds of worker:
 *
 * <ul>
 *   <li>the <b>export worker</b>, one thread: exports and upload rounds one at a time, in the order they
 *       came. An export is followed by the upload of every pending export ({@link ExportUploader}), so
 *       its checkpoints are committed once the backend acknowledged it. When the service stops, a queued
 *       export still reports that it will not run; a queued upload round waits for the next start.
 *   <li>the <b>query pool</b>, two threads: {@code validate-config} and {@code export-onboard-data}, short
 *       and read-only, beside the exports; their answer goes in the {@code completed} event's {@code result}.
 * </ul>
 *
 * <p>Each command's state (queued, running, cancel requested) is kept in the {@link CommandTable}; the
 * failures of a task are logged, they never stop the service.
 */
final class CommandWorkers {
  private static final Logger LOG = LoggerFactory.getLogger(CommandWorkers.class);
  /** How long a worker thread outlives its last task. */
  private static final Duration IDLE_WORKER_KEPT = Duration.ofSeconds(30);

  private final ServiceSettings settings;
  private final Enrollment enrollment;
  private final StopSignal stop;
  private final CommandTable table;
  private final CommandChild child;
  private final ExportUploader uploader;
  private final EventPoster events;
  private final ProgressPoster progress;
  private final ExecutorService exportWorker = idleEnding(1, "command-worker");
  private final ExecutorService queries = idleEnding(2, "query-worker");
  /** Tasks handed to the export worker and not finished: exports and upload rounds. */
  private final AtomicInteger queued = new AtomicInteger();

  CommandWorkers(ServiceSettings settings, Enrollment enrollment, StopSignal stop, CommandTable table, CommandChild child,
      ExportUploader uploader, EventPoster events, ProgressPoster progress) {
    this.settings = settings;
    this.enrollment = enrollment;
    this.stop = stop;
    this.table = table;
    this.child = child;
    this.uploader = uploader;
    this.events = events;
    this.progress = progress;
  }

  /** Queues an export behind what the export worker already has; its {@code started} event was posted. */
  void export(Command c, JsonNode integrations) {
    table.queued(c.id());
    submit(c.id(), () -> runExport(c, integrations));
  }

  /** Queues a round of uploads of every pending export. */
  void uploadPending() {
    submit("upload", uploader::uploadPending);
  }

  /** True when the export worker has nothing to do: no export and no upload round queued or running. */
  boolean exportWorkerIdle() {
    return queued.get() == 0;
  }

  /** Runs a validate-config or export-onboard-data beside the exports; its {@code started} event was posted. */
  void query(Command c, JsonNode integrations, String objectType) {
    table.running(c.id());
    queries.execute(() -> runQuery(c, integrations, objectType));
  }

  /**
   * Takes no more work and waits for what runs: the running export's child has the grace period and its
   * SIGTERM-to-kill delay to end, once the stop signal fired.
   */
  void shutdownAndAwait() {
    exportWorker.shutdown();
    queries.shutdown();
    try {
      long seconds = settings.shutdownGrace().toSeconds() + 30;
      if (!exportWorker.awaitTermination(seconds, TimeUnit.SECONDS) || !queries.awaitTermination(seconds, TimeUnit.SECONDS)) {
        LOG.warn("a command did not stop in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A task of the export worker. */
  private interface Task {
    void run() throws IOException, ServiceStopped;
  }

  private void submit(String name, Task task) {
    queued.incrementAndGet();
    exportWorker.execute(() -> {
      try {
        // When stopping, uploads wait for the next start; a queued export still reports that it will not run.
        if (!stop.stopping() || !name.equals("upload")) {
          task.run();
        }
      } catch (ServiceStopped e) {
        // Stopping: the rest waits for the next start.
      } catch (IOException | RuntimeException e) {
        LOG.error("{} failed", name, e);
      } finally {
        queued.decrementAndGet();
      }
    });
  }

  /** On the export worker. */
  private void runExport(Command c, JsonNode integrations) throws IOException, ServiceStopped {
    boolean cancelledBefore = table.cancelRequested(c.id());
    if (cancelledBefore || stop.stopping()) {
      table.ended(c.id());
      events.post(c, CommandEvent.failed("cancelled", cancelledBefore ? "cancelled before it started"
          : "the agent was stopped before the export started"));
      return;
    }
    table.running(c.id());
    CommandChild.Outcome outcome;
    boolean cancelled;
    try {
      outcome = child.export(c.id(), integrations, c.parameters().path("reprocess_historical").asBoolean(false),
          enrollment, () -> table.cancelRequested(c.id()), p -> progress.post(c, p));
    } finally {
      cancelled = table.cancelRequested(c.id());
      table.ended(c.id());
    }
    Path dir = outcome.exportDir();
    ExportManifest manifest = dir == null ? null : readManifest(dir);
    // A cancelled export stopped before its end: never uploaded as complete, its checkpoints never committed.
    boolean finished = manifest != null && manifest.status().finished();
    if (!finished) {
      String code = ChildFailure.code(outcome.stopped(), outcome.exitCode());
      String why = cancelled ? "cancelled by the backend"
          : outcome.stopped() ? "the agent was stopped during the export"
          : ChildFailure.message("the export", outcome.exitCode(), outcome.outputTail());
      events.post(c, CommandEvent.failed(code, why));
      return;
    }
    // The marker before the event: a kill in between still uploads this export at the next start.
    UploadMarker.pending(c.id()).write(dir);
    events.post(c, completed(dir, manifest));
    if (!stop.stopping()) {
      uploader.uploadPending();
    }
  }

  /** On the query pool: validate-config and export-onboard-data are short and read-only. */
  private void runQuery(Command c, JsonNode integrations, String objectType) {
    try {
      List<String> args = c.type().equals("validate-config") ? List.of("validate-config")
          : List.of("export-onboard-data", "--object-type", objectType);
      CommandChild.QueryOutcome out = child.query(c.id(), args, integrations, enrollment,
          () -> table.cancelRequested(c.id()));
      boolean validate = c.type().equals("validate-config");
      if (out.result() != null && (out.exitCode() == 0 || (validate && out.exitCode() == 1))) {
        events.post(c, CommandEvent.completed(null, null, validate ? validation(out.result())
            : Map.of("records", out.result())));
      } else {
        events.post(c, CommandEvent.failed(ChildFailure.code(out.stopped(), out.exitCode()),
            out.stopped() ? "stopped" : ChildFailure.message(c.type(), out.exitCode(), out.outputTail())));
      }
    } catch (ServiceStopped e) {
      // Stopping: the journal still says running, so the next start reports it.
    } catch (IOException | RuntimeException e) {
      LOG.error("command {} failed", c.id(), e);
      try {
        events.post(c, CommandEvent.failed("child_failed", c.type() + " could not run: " + e.getMessage()));
      } catch (ServiceStopped stopping) {
        // reported by the next start
      }
    } finally {
      table.ended(c.id());
    }
  }

  /** {@code validate-config}'s {@code {"success", "integrations"}} as the contract's {@code {"valid", "errors"}}. */
  private static Map<String, Object> validation(JsonNode report) {
    List<String> errors = new ArrayList<>();
    for (JsonNode i : report.path("integrations")) {
      i.path("errors").forEach(e -> errors.add(i.path("id").asText() + ": " + e.asText()));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("valid", report.path("success").asBoolean(false));
    out.put("errors", errors);
    out.put("integrations", report.path("integrations"));
    return out;
  }

  /** The {@code completed} event of an export whose child finished: its id and, per integration, how it went. */
  static CommandEvent completed(Path exportDir, ExportManifest manifest) {
    List<Map<String, Object>> results = new ArrayList<>();
    for (ExportManifest.IntegrationEntry i : manifest.integrations()) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("id", i.id());
      r.put("name", i.name());
      r.put("status", i.status().json());
      r.put("duration_ms", i.durationMs());
      if (i.error() != null) {
        r.put("error", i.error());
      } else {
        r.put("objects", i.objects());
      }
      results.add(r);
    }
    return CommandEvent.completed(exportDir.getFileName().toString(), results, Map.of());
  }

  /** The manifest of an export folder; null when it has none or it cannot be read (said in the log). */
  static ExportManifest readManifest(Path dir) {
    try {
      return Files.exists(dir.resolve(ExportManifest.FILE_NAME)) ? ExportManifest.read(dir) : null;
    } catch (IOException e) {
      LOG.warn("cannot read the manifest of {}: {}", dir, e.getMessage());
      return null;
    }
  }

  /**
   * {@code threads} workers taking tasks in the order they came, each ending after {@link #IDLE_WORKER_KEPT}
   * without one: the service idles for days between commands, and an idle thread's stack and native
   * buffers stay resident for as long as it lives.
   */
  private static ExecutorService idleEnding(int threads, String name) {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, IDLE_WORKER_KEPT.toSeconds(), TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> daemon(r, name));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
