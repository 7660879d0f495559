package agent.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.config.Enrollment;
import agent.core.fs.PinpointRoot;
import agent.core.fs.ProcessLock;
import agent.core.ops.HeartbeatRecord;
import agent.rpcdef.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code agent service status} through picocli: its facts, its problems and its exit codes. */
class ServiceStatusCommandTest {
  @TempDir Path tmp;
  HttpServer backend;

  @AfterEach
  void stop() {
    if (backend != null) {
      backend.stop(0);
    }
  }

  record Run(int exit, String out, String err) {}

  Run status(Path root, String... more) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    String[] args = new String[4 + more.length];
    args[0] = "service";
    args[1] = "status";
    args[2] = "--platform=procrun";
    args[3] = "--pinpoint-root=" + root;
    System.arraycopy(more, 0, args, 4, more.length);
    return new Run(cl.execute(args), out.toString(), err.toString());
  }

  String serveBackend(int status) throws Exception {
    backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    backend.createContext("/", x -> {
      x.sendResponseHeaders(status, -1);
      x.close();
    });
    backend.start();
    return "http://127.0.0.1:" + backend.getAddress().getPort();
  }

  Path enrolled(String url) throws Exception {
    Path root = tmp.resolve("root");
    new Enrollment(url, "acme", "dev-1", "ak_status_secret", "stable", "2026-01-01T00:00:00Z").write(root);
    return root;
  }

  @Test
  void notEnrolledIsExitTwo() {
    Run r = status(tmp.resolve("nothing"));
    assertEquals(ExitCodes.USAGE, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("enrolled: no (enroll first: agent enroll <CODE>)"), r.out());
    assertTrue(r.out().contains("  - not enrolled"), r.out());
  }

  @Test
  void enrolledButNotRunningIsExitOneAndSaysSo() throws Exception {
    Path root = enrolled(serveBackend(404));
    Run r = status(root);
    assertEquals(ExitCodes.FAILED, r.exit(), r.out());
    assertTrue(r.out().contains("service-run: not running on " + root), r.out());
    assertTrue(r.out().contains("backend: reachable (HTTP 404"), r.out());
    assertTrue(r.out().contains("  - service-run is not running"), r.out());
    assertFalse(r.out().contains("ak_status_secret"), r.out());
  }

  @Test
  void runningWithAFreshHeartbeatIsHealthyAndTheJsonSaysSo() throws Exception {
    Path root = enrolled(serveBackend(404));
    PinpointRoot pr = PinpointRoot.of(root);
    Files.createDirectories(pr.stateDir());
    HeartbeatRecord.write(pr.heartbeatFile(), Instant.now().minusSeconds(5));
    Files.writeString(pr.commandJournal(), "{\"commands\": [{\"id\": \"cmd-1\", \"type\": \"export\", \"received\":"
        + " \"2026-01-01T00:00:00Z\", \"state\": \"running\"}]}");
    Files.createDirectories(pr.commandsDir());
    Files.writeString(pr.commandsDir().resolve("cmd-1-progress.json"), "{\"integrations\": {\"gh\": {\"status\": \"running\","
        + " \"current\": 3, \"total\": 10, \"objects\": {\"sourcecode.PullRequest\": 1200}}}}");
    try (ProcessLock ignored = ProcessLock.acquire(pr.serviceLock(), "busy", "stop it")) {
      Run r = status(root);
      assertEquals(ExitCodes.OK, r.exit(), r.out());
      assertTrue(r.out().contains("service-run: running on " + root + " (pid " + ProcessHandle.current().pid() + ")"), r.out());
      assertTrue(r.out().contains("command: cmd-1 (export, since 2026-01-01T00:00:00Z); gh running 3/10, 1200 objects"), r.out());
      assertTrue(r.out().contains("problems: none"), r.out());

      Run j = status(root, "--json");
      assertEquals(ExitCodes.OK, j.exit(), j.out());
      JsonNode n = Json.mapper().readTree(j.out());
      assertEquals("healthy", n.path("health").asText());
      assertEquals(ProcessHandle.current().pid(), n.path("service_run").path("pid").asLong());
      assertTrue(n.path("backend").path("reachable").asBoolean());
      assertEquals(1200, n.path("running_commands").get(0).path("progress").path("gh").path("objects")
          .path("sourcecode.PullRequest").asLong());
    }
  }

  @Test
  void aStaleHeartbeatOrARefusedKeyIsAProblem() throws Exception {
    Path root = enrolled(serveBackend(401));
    PinpointRoot pr = PinpointRoot.of(root);
    Files.createDirectories(pr.stateDir());
    HeartbeatRecord.write(pr.heartbeatFile(), Instant.now().minusSeconds(600));
    try (ProcessLock ignored = ProcessLock.acquire(pr.serviceLock(), "busy", "stop it")) {
      Run r = status(root);
      assertEquals(ExitCodes.FAILED, r.exit(), r.out());
      assertTrue(r.out().contains("refuses this agent's API key"), r.out());
      assertTrue(r.out().contains("the last heartbeat the backend accepted is"), r.out());
    }
  }
}
