package agent.cmd.it;

import static agent.cmd.it.ExportDir.assertCount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin that crashes, exits, hangs or is killed mid-export: no truncated or partial final file,
 * no advanced checkpoint, a clear report, and a rerun that yields every object.
 */
class FailureIT {
  static final Duration TIMEOUT = Duration.ofMinutes(2);
  /** 12,007 objects, about 4 MB: several batches and, with 1 MiB files, several finished files. */
  static final String BIG = "\"organizations\":2,\"repos_per_org\":2,\"pull_requests_per_repo\":500,\"reviews_per_pr\":1,"
      + "\"comments_per_pr\":2,\"commits_per_pr\":2,\"users\":3";
  static final int BIG_TOTAL = 12007;

  @TempDir Path root;

  private Dist.Result export(String config, String... extra) throws Exception {
    return exportWhile(p -> {}, config, extra);
  }

  private Dist.Result exportWhile(java.util.function.Consumer<Process> whileRunning, String config, String... extra) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("export", "--pinpoint-root=" + root, "--output-roll-mb=1",
        "--integrations-json", Dist.mock("mock", config)));
    args.addAll(List.of(extra));
    return Dist.run(TIMEOUT, whileRunning, args.toArray(String[]::new));
  }

  /** After a failed run: nothing of the integration kept, nothing committed, no unfinished file. */
  private void assertFailedCleanly(Dist.Result r) throws Exception {
    assertEquals(1, r.exit(), r.all());
    assertTrue(ExportDir.tempFiles(root).isEmpty(), "unfinished files left: " + ExportDir.tempFiles(root));
    ExportDir.assertAllFilesComplete(root);
    Path export = ExportDir.latest(root);
    assertFalse(Files.exists(export.resolve("mock")), "files of the failed integration were kept");
    assertEquals(0, ExportDir.checkpoints(root).size(), "a checkpoint advanced: " + ExportDir.checkpoints(root));
    assertEquals("failed", ExportDir.manifest(export).path("status").asText());
  }

  /** The rerun without failure switch yields every object: no gap. */
  private void assertRerunYieldsEverything() throws Exception {
    Dist.Result r = export("{" + BIG + "}");
    assertEquals(0, r.exit(), r.all());
    Map<String, List<JsonNode>> objects = ExportDir.objects(ExportDir.latest(root), "mock");
    Set<String> ids = new HashSet<>();
    objects.values().forEach(l -> l.forEach(o -> ids.add(o.path("id").asText())));
    assertEquals(BIG_TOTAL, ids.size(), ExportDir.counts(objects).toString());
    assertCount(ExportDir.counts(objects), "sourcecode.PullRequest", 2000);
    assertTrue(ExportDir.checkpoints(root).size() > 0);
  }

  @Test
  void crashAfterNObjects() throws Exception {
    Dist.Result r = export("{" + BIG + ",\"fail\":{\"crash_after_objects\":6000}}");
    assertFailedCleanly(r);
    assertTrue(r.stdout().contains("integration mock exited with code 3"), r.all());
    assertRerunYieldsEverything();
  }

  @Test
  void abruptExitWithCodeZero() throws Exception {
    Dist.Result r = export("{" + BIG + ",\"fail\":{\"exit_after_objects\":6000}}");
    assertFailedCleanly(r);
    assertTrue(r.stdout().contains("integration mock exited with code 0"), r.all());
  }

  /** True once the export has written anything under its mock folder. */
  private boolean objectsWritten() {
    try (var files = java.nio.file.Files.walk(root.resolve("exports"))) {
      return files.anyMatch(p -> java.nio.file.Files.isRegularFile(p) && p.toString().contains("/mock/"));
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      return false; // Not there yet.
    }
  }

  @Test
  void killNineOfThePluginMidExport() throws Exception {
    List<Long> killed = new CopyOnWriteArrayList<>();
    Dist.Result r = exportWhile(agent -> {
      // Wait for the plugin to be well into its export, then SIGKILL it.
      Optional<ProcessHandle> plugin = waitForPlugin(agent, Duration.ofSeconds(30));
      assertTrue(plugin.isPresent(), "the plugin process never appeared");
      // Well into its export: objects written, however slowly a loaded machine started the plugin.
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!objectsWritten() && System.nanoTime() < deadline) {
        sleep(100);
      }
      sleep(500);
      killed.add(plugin.get().pid());
      plugin.get().destroyForcibly();
    }, "{" + BIG + ",\"slow_ms_per_object\":1}");
    assertEquals(1, killed.size());
    assertFailedCleanly(r);
    assertTrue(r.stdout().contains("signal 9 (SIGKILL)"), r.all());
    assertRerunYieldsEverything();
  }

  @Test
  void hungPluginIsKilledAfterItsDeadline() throws Exception {
    List<ProcessHandle> plugins = new CopyOnWriteArrayList<>();
    Dist.Result r = exportWhile(agent -> waitForPlugin(agent, Duration.ofSeconds(30)).ifPresent(plugins::add),
        "{" + BIG + ",\"fail\":{\"hang_after_objects\":100}}",
        "--agent-config-json", "{\"integration_timeout_seconds\":3}");
    assertFailedCleanly(r);
    assertTrue(r.stdout().contains("did not finish within 3 s"), r.all());
    assertEquals(1, plugins.size());
    assertFalse(plugins.get(0).isAlive(), "the hung plugin is still running");
  }

  /**
   * A plugin that runs out of memory ends at once (the shipped manifest's -XX:+ExitOnOutOfMemoryError
   * under its -Xmx bound) and the export fails promptly, naming the plugin and its exit; without the
   * flag the error is thrown in one thread only and the plugin lives on.
   */
  @Test
  void pluginOutOfMemoryFailsTheExportPromptly() throws Exception {
    long start = System.nanoTime();
    Dist.Result r = export("{" + BIG + ",\"fail\":{\"oom_after_objects\":100}}");
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertFailedCleanly(r);
    assertTrue(r.stdout().contains("integration mock exited with code 3"), r.all());
    assertTrue(r.stdout().contains("OutOfMemoryError"), r.all());
    assertTrue(took.compareTo(Duration.ofSeconds(60)) < 0, "the out-of-memory took " + took + " to fail the export");
  }

  static Optional<ProcessHandle> waitForPlugin(Process agent, Duration max) {
    long end = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < end && agent.isAlive()) {
      Optional<ProcessHandle> p = agent.descendants()
          .filter(h -> h.info().commandLine().orElse("").contains("agent.integrations.mock.MockMain"))
          .findFirst();
      if (p.isPresent()) {
        return p;
      }
      sleep(50);
    }
    return Optional.empty();
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
