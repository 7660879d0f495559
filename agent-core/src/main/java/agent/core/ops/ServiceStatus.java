package agent.core.ops;

import agent.core.config.Enrollment;
import agent.core.config.InputException;
import agent.core.fs.PinpointRoot;
import agent.core.fs.ProcessLock;
import agent.core.output.ExportManifest;
import agent.core.service.ExportQuarantine;
import agent.core.service.UploadMarker;
import agent.rpcdef.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What {@code agent service status} reports about one pinpoint root, gathered read-only: the enrollment,
 * the service-run holding the root (its lock and pid), one bounded request to the backend, the last
 * accepted heartbeat, the running command and its progress, the last export, the exports waiting for
 * upload, and what is wrong. Nothing here writes under the root.
 */
public final class ServiceStatus {
  /** A heartbeat older than this many intervals means the service lost the backend or hangs. */
  static final int STALE_HEARTBEATS = 3;

  /** How healthy the agent is, which the command maps to its exit code. */
  public enum Health {
    /** Enrolled, running, the backend answers, nothing refused or quarantined. */
    HEALTHY,
    /** Enrolled, but something needs an operator: each in {@link #problems()}. */
    UNHEALTHY,
    /** Not enrolled, or config.json cannot be used. */
    NOT_ENROLLED
  }

  private final ObjectNode json = Json.mapper().createObjectNode();
  private final List<String> lines = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private Health health = Health.HEALTHY;

  private ServiceStatus() {}

  /**
   * @param service the service manager's facts: its file (null for procrun) and its answer lines
   * @param heartbeatInterval the service's heartbeat interval (30 s)
   * @param probeTimeout the bound of the backend request
   */
  public static ServiceStatus collect(Path root, String version, ServiceFacts service, Duration heartbeatInterval,
      Duration probeTimeout) {
    ServiceStatus s = new ServiceStatus();
    s.gather(root, version, service, heartbeatInterval, probeTimeout);
    return s;
  }

  /** The service manager's side, asked by the caller. */
  public record ServiceFacts(String platform, String name, Path file, List<String> managerAnswer) {}

  public Health health() {
    return health;
  }

  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** {@code label: value} lines for a person, the problems last. */
  public List<String> lines() {
    List<String> out = new ArrayList<>(lines);
    if (problems.isEmpty()) {
      out.add("problems: none");
    } else {
      out.add("problems:");
      problems.forEach(p -> out.add("  - " + p));
    }
    return out;
  }

  /** The same facts for scripts. */
  public ObjectNode json() {
    ObjectNode j = json.deepCopy();
    j.put("health", health.name().toLowerCase(java.util.Locale.ROOT));
    problems.forEach(j.putArray("problems")::add);
    return j;
  }

  private void problem(String p) {
    problems.add(p);
    if (health == Health.HEALTHY) {
      health = Health.UNHEALTHY;
    }
  }

  private void gather(Path root, String version, ServiceFacts service, Duration heartbeatInterval, Duration probeTimeout) {
    PinpointRoot pr = PinpointRoot.of(root);
    json.put("version", version);
    json.put("pinpoint_root", root.toString());
    lines.add("version: agent " + version);
    lines.add("pinpoint root: " + root);

    Optional<Enrollment> enrollment = Optional.empty();
    ObjectNode e = json.putObject("enrollment");
    try {
      enrollment = Enrollment.read(root);
      e.put("enrolled", enrollment.isPresent());
      enrollment.ifPresent(x -> e.put("device_id", x.deviceId()).put("customer_id", x.customerId())
          .put("backend_url", x.backendUrl()));
      lines.add("enrolled: " + enrollment.map(x -> "yes, device " + x.deviceId() + " of customer " + x.customerId()
          + " with " + x.backendUrl()).orElse("no (enroll first: agent enroll <CODE>)"));
      if (enrollment.isEmpty()) {
        problems.add("not enrolled: run agent enroll <CODE> --backend-url <URL>");
        health = Health.NOT_ENROLLED;
      }
    } catch (InputException broken) {
      e.put("enrolled", false).put("error", broken.getMessage());
      lines.add("enrolled: config.json is broken: " + broken.getMessage());
      problems.add(broken.getMessage());
      health = Health.NOT_ENROLLED;
    }

    ObjectNode svc = json.putObject("service");
    svc.put("platform", service.platform()).put("name", service.name());
    boolean installed = service.file() == null || Files.exists(service.file());
    if (service.file() != null) {
      svc.put("file", service.file().toString()).put("installed", installed);
      lines.add("service file: " + service.file() + (installed ? " (present)" : " (absent: agent service install)"));
    }
    service.managerAnswer().forEach(svc.putArray("manager")::add);

    ObjectNode run = json.putObject("service_run");
    boolean running = false;
    Path lock = pr.serviceLock();
    try {
      running = ProcessLock.isHeld(lock);
      run.put("running", running);
      String pid = running ? ProcessLock.holder(lock) : "";
      if (!pid.isEmpty()) {
        run.put("pid", Long.parseLong(pid.strip()));
      }
      lines.add("service-run: " + (running ? "running on " + root + (pid.isEmpty() ? "" : " (pid " + pid.strip() + ")")
          : "not running on " + root));
    } catch (IOException | NumberFormatException x) {
      run.put("running", (String) null).put("error", x.getMessage());
      lines.add("service-run: unknown (" + lock + ": " + x.getMessage() + ")");
    }
    if (!running && enrollment.isPresent()) {
      problem("service-run is not running on " + root + (installed ? ": see the service manager's answer and "
          + pr.serviceLog() : ": install the service with agent service install"));
    }

    enrollment.ifPresent(en -> backend(en, probeTimeout));
    heartbeat(pr, running, heartbeatInterval);
    if (running) {
      command(pr);
    }
    lastExport(pr);
    uploads(root);
    proxy(enrollment.orElse(null));
    service.managerAnswer().forEach(lines::add);
  }

  private void backend(Enrollment en, Duration timeout) {
    ObjectNode b = json.putObject("backend");
    BackendProbe.Result r;
    try {
      r = BackendProbe.probe(URI.create(en.backendUrl()), en.apiKey(), en.caFilePath(), timeout);
    } catch (IllegalArgumentException bad) {
      b.put("reachable", false).put("error", bad.getMessage());
      lines.add("backend: unusable URL " + en.backendUrl());
      problem("the backend URL in config.json is unusable: re-enroll");
      return;
    }
    b.put("reachable", r.reachable()).put("outcome", r.outcome().name().toLowerCase(java.util.Locale.ROOT))
        .put("took_ms", r.took().toMillis());
    if (r.status() != 0) {
      b.put("status", r.status());
    }
    lines.add("backend: " + (r.reachable() ? "reachable" : "NOT reachable") + " (" + r.detail() + " in "
        + r.took().toMillis() + " ms)");
    switch (r.outcome()) {
      case ANSWERED -> { }
      case KEY_REFUSED -> problem("the backend refuses this agent's API key (" + r.detail() + "): re-enroll with agent"
          + " enroll <CODE> --force");
      default -> problem("the backend " + en.backendUrl() + " cannot be reached (" + r.detail()
          + "): run agent doctor for the cause");
    }
  }

  private void heartbeat(PinpointRoot pr, boolean running, Duration interval) {
    Optional<Instant> last = HeartbeatRecord.read(pr.heartbeatFile());
    if (last.isEmpty()) {
      json.putNull("last_heartbeat");
      lines.add("last heartbeat: none recorded");
      return;
    }
    long ago = Duration.between(last.get(), Instant.now()).toSeconds();
    json.put("last_heartbeat", last.get().toString());
    json.put("last_heartbeat_seconds_ago", ago);
    lines.add("last heartbeat: " + last.get() + " (" + ago + " s ago)");
    if (running && ago > interval.toSeconds() * STALE_HEARTBEATS) {
      problem("the last heartbeat the backend accepted is " + ago + " s old: see " + pr.serviceLog());
    }
  }

  /** The commands service-run took and has not finished, with the progress its export writes. */
  private void command(PinpointRoot pr) {
    com.fasterxml.jackson.databind.node.ArrayNode list = json.putArray("running_commands");
    JsonNode journal;
    try {
      journal = Files.isRegularFile(pr.commandJournal()) ? Json.mapper().readTree(pr.commandJournal().toFile()) : null;
    } catch (IOException x) {
      lines.add("command: unknown (" + pr.commandJournal() + ": " + x.getMessage() + ")");
      return;
    }
    boolean any = false;
    for (JsonNode c : journal == null ? List.<JsonNode>of() : journal.path("commands")) {
      if (!"running".equals(c.path("state").asText())) {
        continue;
      }
      any = true;
      String id = c.path("id").asText();
      ObjectNode o = list.addObject().put("id", id).put("type", c.path("type").asText()).put("received", c.path("received").asText());
      StringBuilder line = new StringBuilder("command: " + id + " (" + c.path("type").asText() + ", since "
          + c.path("received").asText() + ")");
      Path progress = pr.commandsDir().resolve(id + "-progress.json");
      try {
        if (Files.isRegularFile(progress)) {
          JsonNode p = Json.mapper().readTree(progress.toFile());
          o.set("progress", p.path("integrations"));
          for (Iterator<Map.Entry<String, JsonNode>> it = p.path("integrations").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> i = it.next();
            line.append("; ").append(i.getKey()).append(' ').append(progressOf(i.getValue()));
          }
        }
      } catch (IOException x) {
        line.append("; progress unreadable: ").append(x.getMessage());
      }
      lines.add(line.toString());
    }
    if (!any) {
      lines.add("command: none running");
    }
  }

  static String progressOf(JsonNode i) {
    long objects = 0;
    for (JsonNode n : i.path("objects")) {
      objects += n.asLong();
    }
    StringBuilder b = new StringBuilder(i.path("status").asText("running"));
    if (i.has("current")) {
      b.append(' ').append(i.path("current").asLong()).append('/').append(i.path("total").asLong() == 0 ? "?"
          : Long.toString(i.path("total").asLong()));
    }
    b.append(", ").append(objects).append(" objects");
    if (i.has("paused")) {
      b.append(", paused (").append(i.path("paused").path("reason").asText()).append(")");
    }
    return b.toString();
  }

  private void lastExport(PinpointRoot pr) {
    Path dir = pr.exportsDir();
    Optional<Path> newest = Optional.empty();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> s = Files.list(dir)) {
        newest = s.filter(p -> Files.isRegularFile(p.resolve(ExportManifest.FILE_NAME)))
            .max(java.util.Comparator.comparing(p -> p.getFileName().toString()));
      } catch (IOException x) {
        lines.add("last export: unknown (" + dir + ": " + x.getMessage() + ")");
        return;
      }
    }
    if (newest.isEmpty()) {
      json.putNull("last_export");
      lines.add("last export: none kept in " + dir);
      return;
    }
    try {
      ExportManifest m = ExportManifest.read(newest.get());
      ObjectNode le = json.putObject("last_export").put("export_id", m.exportId()).put("status", m.status().json())
          .put("started", m.started()).put("finished", m.finished());
      List<String> failed = new ArrayList<>();
      for (ExportManifest.IntegrationEntry i : m.integrations()) {
        if (i.status() != ExportManifest.IntegrationStatus.COMPLETED) {
          failed.add(i.id() + (i.error() == null ? "" : " (" + i.error() + ")"));
        }
      }
      failed.forEach(le.putArray("failed_integrations")::add);
      lines.add("last export: " + m.exportId() + " " + m.status().json() + (m.finished() == null ? "" : " at " + m.finished())
          + (failed.isEmpty() ? "" : "; failed: " + String.join(", ", failed)));
    } catch (IOException x) {
      lines.add("last export: " + newest.get().getFileName() + ", manifest unreadable (" + x.getMessage() + ")");
    }
  }

  private void uploads(Path root) {
    PinpointRoot pr = PinpointRoot.of(root);
    ObjectNode u = json.putObject("exports");
    SortedMap<Path, UploadMarker> markers;
    try {
      markers = UploadMarker.all(pr.exportsDir());
    } catch (IOException x) {
      lines.add("exports: unknown (" + pr.exportsDir() + ": " + x.getMessage() + ")");
      return;
    }
    long pending = markers.values().stream().filter(UploadMarker::isPending).count();
    List<String> failed = markers.entrySet().stream().filter(m -> UploadMarker.FAILED.equals(m.getValue().state()))
        .map(m -> m.getKey().getFileName().toString()).toList();
    TreeSet<String> quarantined = new TreeSet<>();
    markers.forEach((dir, marker) -> {
      if (marker.isQuarantined()) {
        quarantined.add(dir.getFileName().toString()); // its move to quarantine/ was cut short
      }
    });
    try {
      quarantined.addAll(ExportQuarantine.exportIds(root));
    } catch (IOException x) {
      quarantined.add("unknown (" + pr.quarantineDir() + ": " + x.getMessage() + ")");
    }
    u.put("waiting_for_upload", pending);
    failed.forEach(u.putArray("refused")::add);
    quarantined.forEach(u.putArray("quarantined")::add);
    lines.add("exports: " + pending + " waiting for upload" + (failed.isEmpty() ? ""
        : "; " + failed.size() + " refused by the backend for good, kept for an operator: " + String.join(", ", failed))
        + (quarantined.isEmpty() ? ""
        : "; " + quarantined.size() + " quarantined (a file changed on disk), in " + pr.quarantineDir() + ": "
            + String.join(", ", quarantined)));
    if (!failed.isEmpty()) {
      problem(failed.size() + " export(s) refused by the backend for good: see operations.md, \"A file the backend"
          + " received damaged\"");
    }
    if (!quarantined.isEmpty()) {
      problem(quarantined.size() + " export(s) quarantined in " + pr.quarantineDir());
    }
  }

  private void proxy(Enrollment en) {
    EffectiveProxy p = EffectiveProxy.of(en == null ? null : en.proxy(), System.getenv());
    json.put("proxy", p.display());
    json.put("proxy_source", p.source());
    lines.add("proxy: " + (p.url() == null ? "none (direct)" : p.display() + " (from " + p.source() + ")"));
  }
}
