package agent.cmd.it;

import static agent.cmd.it.ServiceRunIT.acknowledged;
import static agent.cmd.it.ServiceRunIT.await;
import static agent.cmd.it.ServiceRunIT.completedExport;
import static agent.cmd.it.ServiceRunIT.objectsPerModel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.config.Enrollment;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenarios of issue 15's fault matrix that no other suite ran against the packaged agent: an upload
 * answered {@code 422 checksum_mismatch} although the file is intact, only uploads failing (the outage
 * lines), a backend that accepts connections and never answers, and a plugin behind a wrapper script whose
 * real process must end with it. Small shapes and short intervals: each case takes seconds.
 */
class FaultIT {
  /** 20 pull requests, a handful of files: enough to upload, quick to export. */
  private static final String SHAPE = ServiceRunIT.SHAPE;
  private static final String UNREACHABLE = "the backend is unreachable";
  private static final String REACHABLE = "the backend is reachable again";

  @TempDir Path tmp;

  /**
   * A file whose body the backend received damaged once ({@code 422 checksum_mismatch}, the file on disk as
   * its manifest says): it is sent again after a backoff and the export is accepted and committed; it is
   * neither refused for good nor quarantined.
   */
  @Test
  void aChecksumMismatchOnAnIntactFileIsSentAgainAndTheExportAccepted() throws Exception {
    Path root = tmp.resolve("root");
    try (DevBackend backend = DevBackend.start(tmp.resolve("backend"))) {
      Enrollment enrolled = backend.enroll(root);
      backend.fail("{\"path_regex\":\"/files/\",\"method\":\"PUT\",\"count\":1,\"status\":422,"
          + "\"code\":\"checksum_mismatch\"}");
      try (ServiceProcess service = ServiceProcess.start(root, tmp.resolve("service.out"))) {
        String command = backend.queue(enrolled.deviceId(), "export", exportParameters(false));
        String exportId = completedExport(backend, command, service);
        JsonNode manifest = acknowledged(backend, exportId, service);
        assertEquals(20, objectsPerModel(manifest).get("sourcecode.PullRequest"), manifest.toString());
        await("checkpoints committed", () -> ExportDir.checkpoints(root).size() > 0 ? true : null, service);
        await("the folder removed", () -> Files.exists(root.resolve("exports").resolve(exportId)) ? null : true, service);

        String log = service.log();
        assertEquals(0, backend.admin("GET", "/failures", null).path("rules").size(), "the 422 was never sent: " + log);
        assertTrue(log.contains("damaged (") && log.contains("the local file is intact"), log);
        assertTrue(log.contains("stored after 1 damaged attempt(s)"), log);
        assertFalse(log.contains("QUARANTINED"), log);
        assertFalse(log.contains("refused the upload"), log);
        assertFalse(Files.exists(root.resolve("quarantine")), "quarantined although the file is intact");
        assertEquals(0, service.terminate(30), service.log());
      }
    }
  }

  /**
   * Only one kind of call fails while the others succeed: first uploads (a proxy that refuses large bodies),
   * then log shipping. Each outage is one "unreachable" line and one "reachable again" line, however many
   * polls and heartbeats succeed meanwhile: two outages, two pairs.
   */
  @Test
  void onlyOneKindOfCallFailingLogsOnePairOfLinesPerOutage() throws Exception {
    Path root = tmp.resolve("root");
    try (DevBackend backend = DevBackend.start(tmp.resolve("backend"))) {
      Enrollment enrolled = backend.enroll(root);
      try (ServiceProcess service = ServiceProcess.start(root, tmp.resolve("service.out"), "--log-ship-seconds=1")) {
        // About 3 s of failed PUTs with backoff (0.2 s doubling to 1 s): polls and heartbeats succeed meanwhile.
        backend.fail("{\"path_regex\":\"/files/\",\"method\":\"PUT\",\"count\":6,\"status\":503}");
        String export = backend.queue(enrolled.deviceId(), "export", exportParameters(false));
        acknowledged(backend, completedExport(backend, export, service), service);
        await("the upload outage ended", () -> occurrences(service.log(), REACHABLE) >= 1 ? true : null, service);

        // Then only log shipping fails; a command that needs no child gives it lines to ship.
        backend.fail("{\"path_regex\":\"^/logs\",\"method\":\"POST\",\"count\":4,\"status\":503}");
        String cancel = backend.queue(enrolled.deviceId(), "cancel", "{\"command_id\":\"none\"}");
        await("the cancel answered", () -> ServiceCrashIT.event(backend, cancel, "completed"), service);
        await("the log outage ended", () -> occurrences(service.log(), REACHABLE) >= 2 ? true : null, service);

        String log = service.log();
        assertEquals(2, occurrences(log, UNREACHABLE), log);
        assertEquals(2, occurrences(log, REACHABLE), log);
        assertEquals(0, backend.admin("GET", "/failures", null).path("rules").size(), "a failure was not used: " + log);
        assertTrue(log.contains(UNREACHABLE + " (upload:") && log.contains(UNREACHABLE + " (logs:"),
            "each outage names the call that saw it: " + log);
        assertEquals(0, service.terminate(30), service.log());
      }
    }
  }

  /**
   * A backend that accepts connections and never answers (a hung load balancer, a half-dead proxy): every
   * call ends at its timeout, the service stays alive and keeps trying with backoff, logs the outage once,
   * and once the backend answers again takes the command that waited (a cancel: it needs no child) and
   * answers it.
   */
  @Test
  void aBackendThatNeverAnswersCostsEachCallItsTimeoutAndTheServiceRecovers() throws Exception {
    Path root = tmp.resolve("root");
    try (DevBackend backend = DevBackend.start(tmp.resolve("backend"));
        Blackhole hole = new Blackhole()) {
      Enrollment e = backend.enroll(root);
      new Enrollment("http://127.0.0.1:" + hole.port(), e.customerId(), e.deviceId(), e.apiKey(), e.channel(),
          e.enrolled()).write(root);
      try (ServiceProcess service = ServiceProcess.start(root, tmp.resolve("service.out"),
          "--backend-timeout-seconds=2", "--log-ship-seconds=1")) {
        String command = backend.queue(e.deviceId(), "cancel", "{\"command_id\":\"none\"}");
        await("the outage logged", () -> service.log().contains(UNREACHABLE) ? true : null, service);
        // Calls that time out are made again: the poll's, the heartbeat's. None hangs for good.
        int seen = hole.accepted();
        await("calls after their timeout", () -> hole.accepted() >= seen + 3 ? true : null, service);
        assertTrue(service.process.isAlive(), service.log());
        assertFalse(service.log().contains(REACHABLE), service.log());

        hole.relayTo(backend.port());
        JsonNode answered = await("the waiting command answered", () -> ServiceCrashIT.event(backend, command, "completed"),
            service);
        assertEquals("not running", answered.path("result").path("reason").asText(), answered.toString());
        // The heartbeat too, whose calls the hole swallowed: none of them hung for good.
        await("heartbeat after the recovery", () -> backend.admin("GET", "/devices/" + e.deviceId() + "/heartbeats", null)
            .path("heartbeats").size() > 0 ? true : null, service);
        await("the recovery logged", () -> service.log().contains(REACHABLE) ? true : null, service);
        String log = service.log();
        assertEquals(1, occurrences(log, UNREACHABLE), log);
        assertEquals(1, occurrences(log, REACHABLE), log);
        assertEquals(0, service.terminate(30), service.log());
      }
    }
  }

  /**
   * A plugin started through a shell script that runs the real plugin as its child (not exec'd) and a helper
   * in the background: when the host kills the plugin after its timeout, every process of the tree is gone.
   */
  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void aWrappedPluginsRealProcessIsGoneAfterItsTimeout() throws Exception {
    Wrapped plugin = wrappedPlugin();
    Dist.Result r = Dist.run(Duration.ofMinutes(2), p -> assertTrue(plugin.awaitRunning(p).isPresent(),
            "the wrapped plugin never started"),
        "export", "--pinpoint-root=" + tmp.resolve("root"), "--plugins-dir=" + plugin.pluginsDir,
        "--integrations-json", wrappedIntegration(",\"fail\":{\"hang_after_objects\":100}"),
        "--agent-config-json", "{\"integration_timeout_seconds\":3}");
    assertEquals(1, r.exit(), r.all());
    assertTrue(r.stdout().contains("did not finish within 3 s"), r.all());
    plugin.assertTreeGone(r);
  }

  /**
   * The same wrapper's real plugin killed from outside (the OOM killer, an operator) in the middle of its
   * export: the wrapper then exits, the integration fails, and the helper the wrapper left in the
   * background, no longer the plugin's descendant once the wrapper is gone, is stopped all the same.
   */
  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void theHelperOfAWrappedPluginIsGoneAfterItsRealProcessIsKilled() throws Exception {
    Wrapped plugin = wrappedPlugin();
    List<Long> killed = new CopyOnWriteArrayList<>();
    Dist.Result r = Dist.run(Duration.ofMinutes(2), p -> {
      ProcessHandle real = plugin.awaitRunning(p).orElseThrow(() -> new AssertionError("the wrapped plugin never started"));
      // Well into its export (past its handshake): objects written, however slowly a loaded machine started it.
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!objectsWritten(tmp.resolve("root")) && System.nanoTime() < deadline) {
        FailureIT.sleep(100);
      }
      killed.add(real.pid());
      real.destroyForcibly();
    }, "export", "--pinpoint-root=" + tmp.resolve("root"), "--plugins-dir=" + plugin.pluginsDir,
        "--integrations-json", wrappedIntegration(",\"slow_ms_per_object\":5"));
    assertEquals(1, killed.size());
    assertEquals(1, r.exit(), r.all());
    assertTrue(r.stdout().contains("integration w exited with"), r.all());
    plugin.assertTreeGone(r);
  }

  /** True once the export has written anything under the wrapped integration's folder. */
  private static boolean objectsWritten(Path root) {
    try (var files = Files.walk(root.resolve("exports"))) {
      return files.anyMatch(f -> Files.isRegularFile(f) && f.toString().contains("/w/"));
    } catch (IOException | java.io.UncheckedIOException e) {
      return false; // not there yet
    }
  }

  private static String wrappedIntegration(String extraConfig) {
    return "[{\"id\":\"w\",\"name\":\"wrapped\",\"config\":{\"organizations\":1,\"repos_per_org\":1,"
        + "\"pull_requests_per_repo\":300,\"users\":2" + extraConfig + "}}]";
  }

  /** A plugin folder {@code wrapped}: plugin.json runs wrapper.sh, which runs the packaged mock plugin. */
  private Wrapped wrappedPlugin() throws IOException {
    Path plugins = tmp.resolve("plugins");
    Path dir = Files.createDirectories(plugins.resolve("wrapped"));
    String marker = "it-wrapped-" + UUID.randomUUID();
    Files.writeString(dir.resolve("plugin.json"), "{\"name\": \"wrapped\", \"protocol_version\": 1,"
        + " \"command\": [\"/bin/sh\", \"${plugin_dir}/wrapper.sh\", \"${java}\", \"${agent_home}\"]}");
    Files.writeString(dir.resolve("wrapper.sh"), String.join("\n",
        "# As a vendor's launcher might be: a helper in the background, then the real plugin as a child.",
        "sleep 600 &",
        "echo $! > '" + dir.resolve("helper.pid") + "'",
        "\"$1\" -XX:+UseSerialGC -Xmx128m -Dit.marker=" + marker + " -cp \"$2/lib/*:$2/plugins/mock/lib/*\""
            + " agent.integrations.mock.MockMain",
        ""), StandardCharsets.UTF_8);
    return new Wrapped(plugins, dir, marker);
  }

  private record Wrapped(Path pluginsDir, Path dir, String marker) {
    /** The real plugin process (the wrapper's java child), once it runs. */
    Optional<ProcessHandle> awaitRunning(Process agent) {
      long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < end && agent.isAlive()) {
        Optional<ProcessHandle> p = real();
        if (p.isPresent()) {
          return p;
        }
        FailureIT.sleep(50);
      }
      return Optional.empty();
    }

    private Optional<ProcessHandle> real() {
      return ProcessHandle.allProcesses().filter(h -> h.info().commandLine().orElse("").contains(marker)).findFirst();
    }

    /** Neither the real plugin nor the wrapper's helper outlives the export (grace periods allowed for). */
    void assertTreeGone(Dist.Result r) throws IOException {
      long helper = Long.parseLong(Files.readString(dir.resolve("helper.pid")).trim());
      long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (System.nanoTime() < end && (real().isPresent() || ProcessHandle.of(helper).map(ProcessHandle::isAlive).orElse(false))) {
        FailureIT.sleep(100);
      }
      Optional<ProcessHandle> left = real();
      left.ifPresent(ProcessHandle::destroyForcibly);
      ProcessHandle.of(helper).ifPresent(ProcessHandle::destroyForcibly);
      assertFalse(left.isPresent(), "the real plugin outlived the export: " + r.all());
      assertFalse(ProcessHandle.of(helper).map(ProcessHandle::isAlive).orElse(false),
          "the wrapper's helper outlived the export: " + r.all());
    }
  }

  private static String exportParameters(boolean reprocessHistorical) {
    return "{\"integrations\":" + Dist.mock("mock", SHAPE) + (reprocessHistorical ? ",\"reprocess_historical\":true" : "")
        + "}";
  }

  private static int occurrences(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  /**
   * A loopback port that accepts connections and never answers them, until {@link #relayTo} makes it pass
   * the connections that come after on to a real backend. The ones it swallowed stay unanswered.
   */
  static final class Blackhole implements AutoCloseable {
    private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile int target;

    Blackhole() throws IOException {
      Thread t = new Thread(this::accept, "blackhole");
      t.setDaemon(true);
      t.start();
    }

    int port() {
      return server.getLocalPort();
    }

    /** Connections accepted so far, answered or not. */
    int accepted() {
      return accepted.get();
    }

    void relayTo(int port) {
      target = port;
    }

    private void accept() {
      while (!server.isClosed()) {
        try {
          Socket s = server.accept();
          accepted.incrementAndGet();
          sockets.add(s);
          int to = target;
          if (to != 0) {
            Socket b = new Socket(InetAddress.getLoopbackAddress(), to);
            sockets.add(b);
            pipe(s.getInputStream(), b.getOutputStream(), b);
            pipe(b.getInputStream(), s.getOutputStream(), s);
          }
        } catch (IOException e) {
          // closed, or the backend refused: the client sees a reset and retries
        }
      }
    }

    private static void pipe(InputStream in, OutputStream out, Socket writeSide) {
      Thread t = new Thread(() -> {
        try {
          in.transferTo(out);
          writeSide.shutdownOutput();
        } catch (IOException ignored) {
          // one side went away
        }
      }, "blackhole-relay");
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (Socket s : sockets) {
        s.close();
      }
    }
  }
}
