package agent.cmd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import agent.core.config.Enrollment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator sees of the packaged agent (issue 14, parts 1 and 4): the live display on a terminal,
 * plain progress lines through a pipe, a local export cancelled by SIGTERM, and service-run's log kept
 * across starts and rolled at its bound. Small mock shapes: this class adds seconds, not minutes.
 */
class OperatorViewIT {
  private static final String SMALL = Dist.mock("mock",
      "{\"organizations\":1,\"repos_per_org\":2,\"pull_requests_per_repo\":4,\"users\":2}");

  @TempDir Path tmp;

  @Test
  void onATerminalTheDisplayIsRedrawnInPlace() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")) || Files.isExecutable(Path.of("/bin/script")),
        "script (util-linux) is not on this machine: no pseudo-terminal to run the live display on");
    Path root = tmp.resolve("root");
    String cmd = Dist.home().resolve("bin/agent") + " export --pinpoint-root=" + root + " --integrations-json '" + SMALL + "'";
    Process p = new ProcessBuilder("script", "-qfc", cmd, "/dev/null").redirectErrorStream(true)
        .redirectOutput(tmp.resolve("tty.out").toFile()).start();
    p.getOutputStream().close();
    assertTrue(p.waitFor(90, TimeUnit.SECONDS), "the export did not end");
    String screen = Files.readString(tmp.resolve("tty.out"), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), screen);
    // Redrawn in place: the cursor goes back up over the frame, and the frame shows the integration's facts.
    assertTrue(screen.contains("\033[2A\r"), screen);
    assertTrue(Pattern.compile("mock +(starting|running) ").matcher(screen).find(), screen);
    assertTrue(Pattern.compile("mock +completed \\[#{20}\\] 2/2 100%  \\d+ objects  [\\d.]+ objects/s  in ").matcher(screen)
        .find(), screen);
    assertTrue(screen.contains("sourcecode.PullRequest 8"), screen);
    // The plain lines are the log file's, not the screen's.
    assertFalse(screen.contains("INFO  progress: "), screen);
    assertTrue(Files.readString(root.resolve("logs/export")).contains("INFO  progress: mock: completed, "));
  }

  /** Through a pipe (not a terminal): plain progress lines; and SIGTERM cancels the export, which says so. */
  @Test
  void throughAPipeItPrintsPlainLinesAndSigtermCancelsTheExport() throws Exception {
    Path root = tmp.resolve("root");
    Process p = new ProcessBuilder(Dist.home().resolve("bin/agent").toString(), "export", "--pinpoint-root=" + root,
        "--integrations-json", Dist.mock("mock", "{\"organizations\":1,\"repos_per_org\":2,\"pull_requests_per_repo\":50,"
            + "\"slow_ms_per_object\":50}"))
        .redirectErrorStream(true).start(); // stdout is a pipe
    p.getOutputStream().close();
    StringBuffer out = new StringBuffer();
    Thread drain = new Thread(() -> {
      try (var in = p.getInputStream()) {
        byte[] b = new byte[8192];
        for (int n; (n = in.read(b)) > 0; ) {
          out.append(new String(b, 0, n, StandardCharsets.UTF_8));
        }
      } catch (IOException ignored) {
        // the process is gone
      }
    });
    drain.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!out.toString().contains("exporting organization")) {
        assertTrue(p.isAlive() && System.nanoTime() < deadline, "the export did not get going:\n" + out);
        Thread.sleep(100);
      }
      p.toHandle().destroy(); // SIGTERM; Process.destroy() would also close the pipe we read
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), out.toString());
      drain.join(5000);
      assertEquals(143, p.exitValue(), out.toString());
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    String said = out.toString();
    assertFalse(said.contains("\033["), "terminal escapes in a pipe:\n" + said);
    // The plain line at the end says the same facts as the display: counts by model type, rate, time.
    assertTrue(Pattern.compile("INFO  progress: mock: failed, (\\d+/\\d+ \\(\\d+%\\), )?\\d+ objects \\(.*sourcecode.User 5\\), [\\d.]+ objects/s, in "
        + "[\\d.]+ s").matcher(said).find(), said);
    assertEquals("cancelled", ExportDir.manifest(ExportDir.latest(root)).path("status").asText(), said);
    String log = Files.readString(root.resolve("logs/export"));
    assertTrue(Pattern.compile("WARN  ExportRunner: export \\S+ CANCELLED \\(SIGTERM\\)").matcher(log).find(), log);
    assertTrue(said.contains("agent: the export was cancelled (SIGTERM)"), said);
    assertEquals(0, ExportDir.checkpoints(root).size(), "a cancelled export committed checkpoints");
  }

  @Test
  void serviceRunsLogIsKeptAcrossStartsAndRollsAtItsBound() throws Exception {
    Path root = tmp.resolve("root");
    Path logs = root.resolve("logs");
    // Enrolled with a backend nobody answers: service-run starts, logs a few lines, and stops on SIGTERM.
    new Enrollment("http://127.0.0.1:9", "local", "device-1", "key-1", "stable", "2026-12-01T00:00:00Z").write(root);
    serviceRun(root, 1024 * 1024);
    String firstRun = Files.readString(logs.resolve("service-run"));
    assertTrue(firstRun.contains("service-run stopped"), firstRun);
    // The second start's bound is just past what the first one wrote: its first line fills the file, the next rolls it.
    long bound = firstRun.getBytes(StandardCharsets.UTF_8).length + 1;
    serviceRun(root, bound);
    Path rolled = logs.resolve("service-run.1");
    assertTrue(Files.exists(rolled), "the log did not roll at its bound");
    assertFalse(Files.exists(logs.resolve("service-run.2")), "rolled more than once");
    String older = Files.readString(rolled);
    String current = Files.readString(logs.resolve("service-run"));
    // Appended, never truncated at a start: the first run whole, then the second.
    assertTrue(older.startsWith(firstRun), "the first run's lines were not kept:\n" + older);
    assertTrue(older.substring(firstRun.length()).contains("service-run started"), older);
    assertTrue(current.contains("service-run stopped") && !current.contains("service-run started"), current);
    // The bound holds, give or take the line that crossed it.
    assertTrue(Files.size(rolled) < bound + 400, "the rolled file holds " + Files.size(rolled) + " bytes");
  }

  private void serviceRun(Path root, long maxFileBytes) throws Exception {
    Path out = Files.createTempFile(tmp, "service", ".out");
    ProcessBuilder pb = new ProcessBuilder(Dist.home().resolve("bin/agent").toString(), "service-run",
        "--pinpoint-root=" + root, "--heartbeat-seconds=0.2", "--poll-wait-seconds=1", "--backoff-initial-seconds=0.1",
        "--backoff-max-seconds=0.2", "--shutdown-grace-seconds=1")
        .redirectErrorStream(true).redirectOutput(out.toFile());
    pb.environment().put("AGENT_JAVA_OPTS", "-Dagent.log.max-file-size=" + maxFileBytes + " -Dagent.log.max-files=3");
    Process p = pb.start();
    try {
      awaitText(out, "the backend is unreachable", p);
      p.destroy();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), read(out));
      assertEquals(0, p.exitValue(), read(out));
    } finally {
      p.destroyForcibly();
    }
  }

  private static void awaitText(Path file, String text, Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!read(file).contains(text)) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("no \"" + text + "\" in the output:\n" + read(file));
      }
      Thread.sleep(100);
    }
  }

  private static String read(Path f) {
    try {
      return Files.readString(f, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }
}
