package agent.core.service;

import agent.core.backend.BackendClient;
import agent.core.backend.BackendException;
import agent.core.backend.Command;
import agent.core.backend.CommandEvent;
import agent.core.config.Enrollment;
import agent.core.enroll.Enroller;
import agent.core.fs.PinpointRoot;
import agent.core.log.Redactor;
import agent.core.logship.LogShipper;
import agent.core.logship.LogSpool;
import agent.core.loop.BackendHealth;
import agent.core.loop.BackendRetry;
import agent.core.loop.ServiceClock;
import agent.core.loop.ServiceStopped;
import agent.core.loop.StopSignal;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code service-run}'s loop: long-polls for commands on the calling thread, also while an export runs,
 * so that a {@code cancel} is seen at once, and dispatches each command taken. Beside it run the
 * {@link HeartbeatLoop} and the {@link LogShipper}, each on its own thread; commands run on the {@link
 * CommandWorkers} (exports and uploads one at a time, queries beside them), each command's state kept
 * in the {@link CommandTable}, its events posted by the {@link EventPoster} and {@link ProgressPoster}.
 * At a start, {@link InterruptedCommands} reports what the last run left unfinished, and the pending
 * uploads go before any new export.
 *
 * <p>Returns when the {@link StopSignal} fires, leaving state consistent: an export not yet acknowledged
 * keeps its folder and its uncommitted tokens for the next start.
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
  private final ExportUploader uploader;
  private final CommandChild child;
  private final LogSpool spool;
  private final CommandJournal journal;
  private final CommandTable table = new CommandTable();
  private final EventPoster events;
  private final ProgressPoster progress;
  private final CommandWorkers workers;
  private volatile boolean polling;

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
    this.uploader = new ExportUploader(client, retry.as(BackendHealth.Caller.UPLOAD), settings.pinpointRoot(),
        settings.uploadAttempts(), ExportUploader.ChecksumRetries.of(ServiceClock.system(stop),
            settings.backoffInitial(), settings.backoffMax()));
    this.child = new CommandChild(settings, stop, spool);
    this.journal = CommandJournal.open(PinpointRoot.of(settings.pinpointRoot()).stateDir());
    this.events = new EventPoster(client, retry.as(BackendHealth.Caller.EVENTS), journal);
    this.progress = new ProgressPoster(client);
    this.workers = new CommandWorkers(settings, enrollment, stop, table, child, uploader, events, progress);
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
        settings.agentVersion(), Enroller.hostname(), table::running,
        PinpointRoot.of(settings.pinpointRoot()).heartbeatFile()), "heartbeat");
    heartbeat.setDaemon(true);
    heartbeat.start();
    // Its own stop, fired once the workers are done: the lines of an export that ends during the grace are
    // shipped too. Meanwhile the service's stop keeps its retries to one attempt.
    StopSignal shipping = new StopSignal();
    Thread shipper = new Thread(new LogShipper(spool, client, retry.as(BackendHealth.Caller.LOGS), shipping,
        settings.logShipInterval()), "log-shipper");
    shipper.setDaemon(true);
    shipper.start();
    int pending = uploader.pending().size();
    if (pending > 0) {
      LOG.info("resuming the upload of {} export(s) left by the last run", pending);
    }
    try {
      // Before the upload below can remove an export folder that tells how an interrupted command ended.
      InterruptedCommands.report(journal, uploader, events);
      // First in the export worker's queue: unfinished uploads go before any new export.
      workers.uploadPending();
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
        if (workers.exportWorkerIdle() && !stop.stopping() && !uploader.pending().isEmpty()) {
          workers.uploadPending(); // a round left for later (the backend was away)
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
      workers.shutdownAndAwait();
      progress.close();
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

  /** On the poll thread: checks a command's parameters and hands it to its worker; a cancel acts at once. */
  private void dispatch(Command c) throws ServiceStopped {
    LOG.info("command {} ({}) received", c.id(), c.type());
    switch (c.type()) {
      case "export" -> {
        JsonNode integrations = c.parameters() == null ? null : c.parameters().get("integrations");
        if (integrations == null || !integrations.isArray()) {
          events.post(c, CommandEvent.failed("invalid_parameters", "an export needs an integrations array"));
          return;
        }
        Redactor.global().addSecretsOf(integrations);
        events.post(c, CommandEvent.started());
        workers.export(c, integrations);
      }
      case "validate-config", "export-onboard-data" -> {
        JsonNode integrations = c.parameters() == null ? null : c.parameters().get("integrations");
        String objectType = c.parameters() == null ? "" : c.parameters().path("object_type").asText("");
        if (integrations == null || !integrations.isArray() || integrations.size() != 1
            || (c.type().equals("export-onboard-data") && objectType.isEmpty())) {
          events.post(c, CommandEvent.failed("invalid_parameters", c.type() + " needs exactly one integration"
              + (c.type().equals("export-onboard-data") ? " and an object_type" : "")));
          return;
        }
        Redactor.global().addSecretsOf(integrations);
        events.post(c, CommandEvent.started());
        workers.query(c, integrations, objectType);
      }
      case "cancel" -> cancel(c);
      default -> events.post(c, CommandEvent.failed("unsupported_command",
          "this agent does not run " + c.type() + " commands under service-run yet"));
    }
  }

  /**
   * Marks the target cancelled in the {@link CommandTable}: a queued export never starts, a running one
   * gets SIGTERM (then a kill). The cancel completes once its target stopped, waited for on a thread of
   * its own, or at once when there is nothing to stop.
   */
  private void cancel(Command c) throws ServiceStopped {
    String target = c.parameters() == null ? "" : c.parameters().path("command_id").asText("");
    events.post(c, CommandEvent.started());
    if (!table.requestCancel(target)) {
      events.post(c, CommandEvent.completed(null, null, Map.of("cancelled", false, "reason", "not running")));
      return;
    }
    Thread waiter = new Thread(() -> {
      table.awaitEnded(target, stop);
      try {
        events.post(c, CommandEvent.completed(null, null, Map.of("cancelled", true)));
      } catch (ServiceStopped e) {
        // The next start does not know this cancel; the backend re-delivers it and it completes then.
      }
    }, "cancel-" + c.id());
    waiter.setDaemon(true);
    waiter.start();
  }
}
