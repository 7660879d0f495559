package agent.core.service;

import agent.core.fs.PinpointRoot;
import agent.core.loop.BackendHealth;
import agent.core.loop.BackendRetry;
import agent.core.loop.ServiceClock;
import agent.core.loop.ServiceStopped;
import agent.core.loop.StopSignal;
import agent.core.backend.BackendClient;
import agent.core.backend.BackendException;
import agent.core.backend.Command;
import agent.core.backend.CommandEvent;
import agent.core.config.Enrollment;
import agent.core.enroll.Enroller;
import agent.core.output.ExportManifest;
import agent.rpcdef.Json;
import com.fasterxml.jackson.databind.JsonNode;
import agent.core.logship.LogShipper;
import agent.core.logship.LogSpool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code service-run}: heartbeats on one thread; long-polls for commands on the calling thread, so
 * that a {@code cancel} is seen while an export runs; runs exports one at a time on a worker thread,
 * each as a child JVM followed by its upload. The worker first resumes unfinished uploads, so they go
 * before any new export. Returns when the {@link StopSignal} fires, leaving state consistent: an
 * export not yet acknowledged keeps its folder and its uncommitted tokens for the next start.
 *
 * <p>{@code validate-config} and {@code export-onboard-data} run beside the exports (two at a time),
 * each as a child JVM too; their answer goes in the {@code completed} event's {@code result}.
 */
public final class ServiceRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceRunner.class);
  /** How long a stop waits for the log shipper's last flush. */
  private static final Duration SHIPPER_LAST_FLUSH = Duration.ofSeconds(15);

  private final ServiceSettings settings;
  private final Enrollment enrollment;
  private final BackendClient client;
  private final StopSignal stop;
  private final BackendHealth health = new BackendHealth();
  private final BackendRetry retry;
  private final BackendRetry eventRetry;
  private final ExportUploader uploader;
  private final CommandChild child;
  private final LogSpool spool;
  private final List<String> running = new CopyOnWriteArrayList<>();
  private final CommandJournal journal;
  /** Progress events are best effort and go one at a time, off the thread that watches the child. */
  private final ExecutorService progressPoster = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "progress-poster");
    t.setDaemon(true);
    return t;
  });
  private final AtomicBoolean progressInFlight = new AtomicBoolean();
  private volatile boolean polling;
  /** Commands (and uploads) run here, one at a time, in the order they came. */
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "command-worker");
    t.setDaemon(true);
    return t;
  });
  /** validate-config and export-onboard-data: beside the exports, a few at a time. */
  private final ExecutorService queries = Executors.newFixedThreadPool(2, r -> {
    Thread t = new Thread(r, "query-worker");
    t.setDaemon(true);
    return t;
  });
  private final AtomicInteger queued = new AtomicInteger();
  private final Set<String> waiting = ConcurrentHashMap.newKeySet();
  private final Set<String> cancelled = ConcurrentHashMap.newKeySet();

  /**
   * @param spool where the children's log lines go (service-run's own lines are put there by its log
   *     appender); shipped by a {@link LogShipper} beside the heartbeat
   * @throws IOException when the command journal ({@code state/commands.json}) cannot be read
   */
  public ServiceRunner(ServiceSettings settings, Enrollment enrollment, BackendClient client, StopSignal stop,
      LogSpool spool) throws IOException {
    this.spool = spool;
    this.settings = settings;
    this.enrollment = enrollment;
    this.client = client;
    this.stop = stop;
    this.retry = new BackendRetry(stop, health, settings.backoffInitial(), settings.backoffMax(),
        settings.unauthorizedRecheck(), BackendHealth.Caller.POLL);
    this.eventRetry = retry.as(BackendHealth.Caller.EVENTS);
    this.uploader = new ExportUploader(client, retry.as(BackendHealth.Caller.UPLOAD), settings.pinpointRoot(),
        settings.uploadAttempts(), ExportUploader.ChecksumRetries.of(ServiceClock.system(stop),
            settings.backoffInitial(), settings.backoffMax()));
    this.child = new CommandChild(settings, stop, spool);
    this.journal = CommandJournal.open(PinpointRoot.of(settings.pinpointRoot()).stateDir());
  }

  /** True while the loop waits in a long poll: the only call a stop may cut short. */
  public boolean polling() {
    return polling;
  }

  /** Runs until stopped. */
  public void run() throws IOException {
    LOG.info("service-run started: device {} of {}, backend {}", enrollment.deviceId(), enrollment.customerId(),
        enrollment.backendUrl());
    child.sweepParameterFiles();
    Thread heartbeat = new Thread(new HeartbeatLoop(client, health, stop, settings.heartbeatInterval(),
        settings.agentVersion(), Enroller.hostname(), () -> List.copyOf(running)), "heartbeat");
    heartbeat.setDaemon(true);
    heartbeat.start();
    // Its own stop, fired once the worker is done: the lines of an export that ends during the grace are
    // shipped too. Meanwhile the service's stop keeps its retries to one attempt.
    StopSignal shipping = new StopSignal();
    Thread shipper = new Thread(new LogShipper(spool, client, retry.as(BackendHealth.Caller.LOGS), shipping, settings.logShipInterval()), "log-shipper");
    shipper.setDaemon(true);
    shipper.start();
    int pending = uploader.pending().size();
    if (pending > 0) {
      LOG.info("resuming the upload of {} export(s) left by the last run", pending);
    }
    try {
      // Before the upload below can remove an export folder that tells how an interrupted command ended.
      reportInterrupted();
      // First in the worker's queue: unfinished uploads go before any new export.
      submit("upload", this::uploadPending);
      while (!stop.stopping()) {
        List<Command> commands;
        polling = true;
        try {
          commands = retry.call(() -> client.poll(settings.pollWait()), 0);
        } finally {
          polling = false;
        }
        for (Command c : commands) {
          if (stop.stopping()) {
            break;
          }
          if (take(c)) {
            dispatch(c);
          } else {
            LOG.info("command {} ({}) was delivered again; it was taken before, so it does not run twice", c.id(),
                c.type());
          }
        }
        if (queued.get() == 0 && !stop.stopping() && !uploader.pending().isEmpty()) {
          submit("upload", this::uploadPending); // a round left for later (the backend was away)
        }
      }
    } catch (ServiceStopped e) {
      // The stop signal: what is done stays done, the rest waits for the next start.
    } catch (BackendException e) {
      // Polling failed for good (a 400, 404, 410): the backend and this agent disagree on the contract.
      LOG.error("the backend refused to hand out commands ({}); stopping", e.getMessage());
      throw new IOException("the backend refused to hand out commands: " + e.getMessage(), e);
    } finally {
      stop.stop();
      worker.shutdown();
      queries.shutdown();
      awaitWorker();
      progressPoster.shutdownNow();
      heartbeat.interrupt();
      LOG.info("service-run stopped");
      // The shipper's last flush: one attempt per batch (the service's stop cuts every retry wait), bounded.
      shipping.stop();
      try {
        shipper.join(SHIPPER_LAST_FLUSH.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Records the command in the journal; false when it was taken before. A journal that cannot be
   * written (a full disk) does not stop the service: the command runs, at worst twice.
   */
  private boolean take(Command c) {
    try {
      return journal.begin(c.id(), c.type());
    } catch (IOException e) {
      LOG.warn("cannot record command {} in {} ({}); running it anyway", c.id(), CommandJournal.FILE, e.getMessage());
      return true;
    }
  }

  /** On the poll thread: exports queue for the worker (one at a time), a cancel acts at once. */
  private void dispatch(Command c) throws ServiceStopped {
    LOG.info("command {} ({}) received", c.id(), c.type());
    switch (c.type()) {
      case "export" -> {
        JsonNode integrations = c.parameters() == null ? null : c.parameters().get("integrations");
        if (integrations == null || !integrations.isArray()) {
          event(c, CommandEvent.failed("invalid_parameters", "an export needs an integrations array"));
          return;
        }
        agent.core.log.Redactor.global().addSecretsOf(integrations);
        event(c, CommandEvent.started());
        submit(c.id(), () -> export(c, integrations));
      }
      case "validate-config", "export-onboard-data" -> {
        JsonNode integrations = c.parameters() == null ? null : c.parameters().get("integrations");
        String objectType = c.parameters() == null ? "" : c.parameters().path("object_type").asText("");
        if (integrations == null || !integrations.isArray() || integrations.size() != 1
            || (c.type().equals("export-onboard-data") && objectType.isEmpty())) {
          event(c, CommandEvent.failed("invalid_parameters", c.type() + " needs exactly one integration"
              + (c.type().equals("export-onboard-data") ? " and an object_type" : "")));
          return;
        }
        agent.core.log.Redactor.global().addSecretsOf(integrations);
        event(c, CommandEvent.started());
        running.add(c.id());
        queries.execute(() -> query(c, integrations, objectType));
      }
      case "cancel" -> cancel(c);
      default -> event(c, CommandEvent.failed("unsupported_command",
          "this agent does not run " + c.type() + " commands under service-run yet"));
    }
  }

  /**
   * Marks the target cancelled: a queued export never starts, a running one gets SIGTERM (then a kill);
   * the cancel completes once its target stopped, or at once when there is nothing to stop.
   */
  private void cancel(Command c) throws ServiceStopped {
    String target = c.parameters() == null ? "" : c.parameters().path("command_id").asText("");
    event(c, CommandEvent.started());
    boolean active = running.contains(target) || waiting.contains(target);
    if (!active) {
      event(c, CommandEvent.completed(null, null, Map.of("cancelled", false, "reason", "not running")));
      return;
    }
    cancelled.add(target);
    Thread waiter = new Thread(() -> {
      while ((running.contains(target) || waiting.contains(target)) && stop.sleep(Duration.ofMillis(100))) {
        // Polling the target's state: it ends within the child's SIGTERM-to-kill delay.
      }
      try {
        event(c, CommandEvent.completed(null, null, Map.of("cancelled", true)));
      } catch (ServiceStopped e) {
        // The next start does not know this cancel; the backend re-delivers it and it completes then.
      }
    }, "cancel-" + c.id());
    waiter.setDaemon(true);
    waiter.start();
  }

  /** Beside the exports, on the query pool: validate-config and export-onboard-data are short and read-only. */
  private void query(Command c, JsonNode integrations, String objectType) {
    try {
      List<String> args = c.type().equals("validate-config") ? List.of("validate-config")
          : List.of("export-onboard-data", "--object-type", objectType);
      CommandChild.QueryOutcome out = child.query(c.id(), args, integrations, enrollment,
          () -> cancelled.contains(c.id()));
      boolean validate = c.type().equals("validate-config");
      if (out.result() != null && (out.exitCode() == 0 || (validate && out.exitCode() == 1))) {
        event(c, CommandEvent.completed(null, null, validate ? validation(out.result()) : Map.of("records", out.result())));
      } else {
        event(c, CommandEvent.failed(ChildFailure.code(out.stopped(), out.exitCode()),
            out.stopped() ? "stopped" : ChildFailure.message(c.type(), out.exitCode(), out.outputTail())));
      }
    } catch (ServiceStopped e) {
      // Stopping: the journal still says running, so the next start reports it.
    } catch (IOException | RuntimeException e) {
      LOG.error("command {} failed", c.id(), e);
      try {
        event(c, CommandEvent.failed("child_failed", c.type() + " could not run: " + e.getMessage()));
      } catch (ServiceStopped stopping) {
        // reported by the next start
      }
    } finally {
      running.remove(c.id());
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

  /** On the worker thread. */
  private void export(Command c, JsonNode integrations) throws IOException, ServiceStopped {
    if (cancelled.contains(c.id()) || stop.stopping()) {
      event(c, CommandEvent.failed("cancelled", cancelled.contains(c.id()) ? "cancelled before it started"
          : "the agent was stopped before the export started"));
      return;
    }
    running.add(c.id());
    CommandChild.Outcome outcome;
    try {
      outcome = child.export(c.id(), integrations, c.parameters().path("reprocess_historical").asBoolean(false),
          enrollment, () -> cancelled.contains(c.id()), progress -> progress(c, progress));
    } finally {
      running.remove(c.id());
    }
    Path dir = outcome.exportDir();
    ExportManifest manifest = dir == null ? null : readManifest(dir);
    boolean finished = manifest != null && manifest.status() != ExportManifest.Status.RUNNING;
    if (!finished) {
      String code = ChildFailure.code(outcome.stopped(), outcome.exitCode());
      String why = cancelled.contains(c.id()) ? "cancelled by the backend"
          : outcome.stopped() ? "the agent was stopped during the export"
          : ChildFailure.message("the export", outcome.exitCode(), outcome.outputTail());
      event(c, CommandEvent.failed(code, why));
      return;
    }
    // The marker before the event: a kill in between still uploads this export at the next start.
    UploadMarker.pending(c.id()).write(dir);
    event(c, CommandEvent.completed(dir.getFileName().toString(), results(manifest), Map.of()));
    if (!stop.stopping()) {
      uploadPending();
    }
  }

  /**
   * Posts a progress event, one attempt, off the child's watch loop: progress is best effort (the next
   * one supersedes it), and a slow backend must not delay a cancel or a stop. One at a time; a report
   * that comes while the last is still in flight is skipped.
   */
  private void progress(Command c, JsonNode integrations) {
    if (!progressInFlight.compareAndSet(false, true)) {
      return;
    }
    try {
      progressPoster.execute(() -> {
        try {
          client.postEvent(c.id(), CommandEvent.progress(integrations));
        } catch (BackendException e) {
          LOG.debug("command {}: a progress event was not stored: {}", c.id(), e.getMessage());
        } finally {
          progressInFlight.set(false);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException stopping) {
      progressInFlight.set(false);
    }
  }

  /**
   * Commands the last run took but did not see to their end (a kill, a power cut): each gets its final
   * event now instead of staying "started" on the backend. An export whose child had finished waits
   * for its upload ({@code upload.json} names the command), so it is {@code completed}; anything else
   * is {@code failed} with code {@code interrupted}: nothing of it was committed, and the backend may
   * queue it again.
   */
  private void reportInterrupted() throws IOException, ServiceStopped {
    Map<String, Path> exports = uploader.exportsByCommand();
    for (CommandJournal.Entry e : journal.unfinished()) {
      Command c = new Command(e.id(), e.type(), e.received(), null);
      Path exported = "export".equals(e.type()) ? exports.get(e.id()) : null;
      ExportManifest manifest = exported == null ? null : readManifest(exported);
      if (manifest != null) {
        LOG.info("command {} ({}) ended while the agent was down; its export {} is uploaded", e.id(), e.type(),
            exported.getFileName());
        event(c, CommandEvent.completed(exported.getFileName().toString(), results(manifest), Map.of()));
      } else {
        LOG.warn("command {} ({}) was interrupted: the agent stopped while it ran; nothing of it was committed",
            e.id(), e.type());
        event(c, CommandEvent.failed("interrupted", "the agent stopped while this " + e.type()
            + " ran (killed or the machine went down); nothing of it was committed: queue it again"));
      }
    }
  }

  private void uploadPending() throws IOException, ServiceStopped {
    uploader.uploadPending();
  }

  /** A task of the worker thread; its failures are logged, they do not stop the service. */
  private interface Task {
    void run() throws IOException, ServiceStopped;
  }

  private void submit(String name, Task task) {
    if (!name.equals("upload")) {
      waiting.add(name);
    }
    queued.incrementAndGet();
    worker.execute(() -> {
      waiting.remove(name);
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

  private void awaitWorker() {
    try {
      // The worker's child has the grace period and its SIGTERM-to-kill delay to end.
      long seconds = settings.shutdownGrace().toSeconds() + 30;
      if (!worker.awaitTermination(seconds, TimeUnit.SECONDS) || !queries.awaitTermination(seconds, TimeUnit.SECONDS)) {
        LOG.warn("a command did not stop in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Posts a command event, retrying; a terminal refusal is logged, not fatal. Once a final event
   * ({@code completed}, {@code failed}) was answered, the journal marks the command done.
   */
  private void event(Command c, CommandEvent e) throws ServiceStopped {
    try {
      eventRetry.call(() -> client.postEvent(c.id(), e), 0);
    } catch (BackendException x) {
      if (x.status() == 409) {
        LOG.info("command {}: the backend already has its final event", c.id());
      } else {
        LOG.warn("command {}: the backend refused the {} event: {}", c.id(), e.type(), x.getMessage());
      }
    }
    if (e.type().equals("completed") || e.type().equals("failed")) {
      try {
        journal.finish(c.id());
      } catch (IOException x) {
        LOG.warn("cannot record the end of command {} in {}: {}", c.id(), CommandJournal.FILE, x.getMessage());
      }
    }
  }

  private static List<Map<String, Object>> results(ExportManifest manifest) {
    List<Map<String, Object>> out = new ArrayList<>();
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
      out.add(r);
    }
    return out;
  }

  private static ExportManifest readManifest(Path dir) {
    try {
      return Files.exists(dir.resolve(ExportManifest.FILE_NAME)) ? ExportManifest.read(dir) : null;
    } catch (IOException e) {
      LOG.warn("cannot read the manifest of {}: {}", dir, e.getMessage());
      return null;
    }
  }
}
