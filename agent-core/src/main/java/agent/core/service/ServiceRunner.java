package agent.core.service;

import agent.core.backend.BackendClient;
import agent.core.backend.BackendException;
import agent.core.backend.Command;
import agent.core.backend.CommandEvent;
import agent.core.config.Enrollment;
import agent.rpcdef.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code service-run}: heartbeats on one thread; on the calling thread, resumes unfinished uploads,
 * then long-polls for commands and runs them one at a time, each export as a child JVM whose upload
 * follows before the next poll. Returns when the {@link StopSignal} fires, leaving state consistent:
 * an export not yet acknowledged keeps its folder and its uncommitted tokens for the next start.
 *
 * <p>{@code validate-config}, {@code export-onboard-data} and {@code cancel} are not run yet: they
 * get a {@code failed} event with code {@code unsupported_command}.
 */
public final class ServiceRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceRunner.class);
  /** Command ids remembered against re-delivery (at least once): far more than can be in flight. */
  private static final int SEEN_IDS = 1000;

  private final ServiceSettings settings;
  private final Enrollment enrollment;
  private final BackendClient client;
  private final StopSignal stop;
  private final BackendHealth health = new BackendHealth();
  private final BackendRetry retry;
  private final ExportUploader uploader;
  private final ExportChild child;
  private final List<String> running = new CopyOnWriteArrayList<>();
  private final Set<String> seen = new LinkedHashSet<>();
  private volatile boolean polling;

  public ServiceRunner(ServiceSettings settings, Enrollment enrollment, BackendClient client, StopSignal stop) {
    this.settings = settings;
    this.enrollment = enrollment;
    this.client = client;
    this.stop = stop;
    this.retry = new BackendRetry(stop, health, settings.backoffInitial(), settings.backoffMax(),
        settings.unauthorizedRecheck());
    this.uploader = new ExportUploader(client, retry, settings.pinpointRoot(), settings.uploadAttempts());
    this.child = new ExportChild(settings.launcher(), settings.pinpointRoot(), stop, settings.shutdownGrace(),
        settings.childArgs());
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
        settings.agentVersion(), hostname(), () -> List.copyOf(running)), "heartbeat");
    heartbeat.setDaemon(true);
    heartbeat.start();
    try {
      int pending = uploader.pending().size();
      if (pending > 0) {
        LOG.info("resuming the upload of {} export(s) left by the last run", pending);
      }
      uploader.uploadPending();
      while (!stop.stopping()) {
        List<Command> commands;
        polling = true;
        try {
          commands = retry.call(() -> client.poll(settings.pollWait()), 0);
        } finally {
          polling = false;
        }
        for (Command c : commands) {
          if (!stop.stopping() && seen.add(c.id())) {
            trimSeen();
            handle(c);
          }
        }
        if (!stop.stopping()) {
          uploader.uploadPending();
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
      heartbeat.interrupt();
    }
    LOG.info("service-run stopped");
  }

  private void handle(Command c) throws IOException, ServiceStopped {
    LOG.info("command {} ({}) received", c.id(), c.type());
    if (!"export".equals(c.type())) {
      event(c, CommandEvent.failed("unsupported_command",
          "this agent does not run " + c.type() + " commands under service-run yet"));
      return;
    }
    JsonNode integrations = c.parameters() == null ? null : c.parameters().get("integrations");
    if (integrations == null || !integrations.isArray()) {
      event(c, CommandEvent.failed("invalid_parameters", "an export needs an integrations array"));
      return;
    }
    agent.core.log.Redactor.global().addSecretsOf(integrations);
    event(c, CommandEvent.started());
    running.add(c.id());
    ExportChild.Outcome outcome;
    try {
      outcome = child.run(c.id(), integrations, c.parameters().path("reprocess_historical").asBoolean(false),
          enrollment.customerId());
    } finally {
      running.remove(c.id());
    }
    Path dir = outcome.exportDir();
    JsonNode manifest = dir == null ? null : readManifest(dir);
    boolean finished = manifest != null && !"running".equals(manifest.path("status").asText());
    if (!finished) {
      String code = outcome.stopped() ? "cancelled" : outcome.exitCode() == 2 ? "invalid_parameters" : "child_failed";
      event(c, CommandEvent.failed(code, outcome.stopped() ? "the agent was stopped during the export"
          : "the export exited with " + outcome.exitCode() + ": " + outcome.outputTail()));
      return;
    }
    // The marker before the event: a kill in between still uploads this export at the next start.
    UploadMarker.pending(c.id()).write(dir);
    event(c, CommandEvent.completed(dir.getFileName().toString(), results(manifest), Map.of()));
  }

  /** Posts a command event, retrying; a terminal refusal is logged, not fatal. */
  private void event(Command c, CommandEvent e) throws ServiceStopped {
    try {
      retry.call(() -> client.postEvent(c.id(), e), 0);
    } catch (BackendException x) {
      LOG.warn("command {}: the backend refused the {} event: {}", c.id(), e.type(), x.getMessage());
    }
  }

  private static List<Map<String, Object>> results(JsonNode manifest) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (JsonNode i : manifest.path("integrations")) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("id", i.path("id").asText());
      r.put("name", i.path("name").asText());
      r.put("status", i.path("status").asText());
      r.put("duration_ms", i.path("duration_ms").asLong());
      if (i.hasNonNull("error")) {
        r.put("error", i.path("error").asText());
      } else {
        r.put("objects", i.path("objects"));
      }
      out.add(r);
    }
    return out;
  }

  private static JsonNode readManifest(Path dir) {
    try {
      Path f = dir.resolve("manifest.json");
      return Files.exists(f) ? Json.mapper().readTree(f.toFile()) : null;
    } catch (IOException e) {
      LOG.warn("cannot read the manifest of {}: {}", dir, e.getMessage());
      return null;
    }
  }

  private void trimSeen() {
    while (seen.size() > SEEN_IDS) {
      seen.remove(seen.iterator().next());
    }
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
