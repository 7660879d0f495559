package agent.cmd.it;

import static agent.cmd.it.ExportDir.assertCount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agent cat}, {@code agent checkpoints} and the retention rule on the packaged {@code bin/agent}: one
 * export read and steered several ways, then a second export that re-reads exactly the reset repository and
 * prunes the first export but not a service export waiting for its upload.
 */
class LocalStateIT {
  static final Duration TIMEOUT = Duration.ofMinutes(2);
  static final String SHAPE = "{\"organizations\":1,\"repos_per_org\":2,\"pull_requests_per_repo\":4,\"users\":2}";

  @TempDir Path root;

  private Dist.Result agent(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--pinpoint-root=" + root);
    return Dist.run(TIMEOUT, all.toArray(String[]::new));
  }

  @Test
  void catChecksAndResetsOneRepositoryThenRetentionPrunesTheOldExport() throws Exception {
    Dist.Result first = agent("export", "--integrations-json", Dist.mock("mock", SHAPE));
    assertEquals(0, first.exit(), first.all());
    Path export1 = ExportDir.latest(root);
    Map<String, List<JsonNode>> objects = ExportDir.objects(export1, "mock");

    // cat: every object of the latest export, one JSON object per line; filters by model and by id.
    Dist.Result cat = agent("cat");
    assertEquals(0, cat.exit(), cat.all());
    List<String> lines = cat.stdout().lines().toList();
    assertEquals(objects.values().stream().mapToInt(List::size).sum(), lines.size());
    for (String line : lines) {
      assertTrue(ExportDir.JSON.readTree(line).has("id"), line);
    }
    Dist.Result prs = agent("cat", "--model", "sourcecode.PullRequest", export1.getFileName().toString());
    assertEquals(8, prs.stdout().lines().count(), prs.all());
    Dist.Result missing = agent("cat", "--integration", "github");
    assertEquals(2, missing.exit(), missing.all());
    assertTrue(missing.stderr().contains("has no integration \"github\"; it has: mock"), missing.all());

    // checkpoints list: the keys, with the export that committed them.
    Dist.Result list = agent("checkpoints", "list");
    assertEquals(0, list.exit(), list.all());
    String prKey = ExportDir.checkpoints(root).fieldNames().next();
    List<String> prKeys = new ArrayList<>();
    ExportDir.checkpoints(root).fieldNames().forEachRemaining(k -> {
      if (k.endsWith("/sourcecode.PullRequest")) {
        prKeys.add(k);
      }
    });
    String repo = prKeys.get(0).substring(0, prKeys.get(0).lastIndexOf('/'));
    assertTrue(list.stdout().contains(prKey), list.all());
    String finished = ExportDir.manifest(export1).path("finished").asText();
    assertTrue(list.stdout().lines().filter(l -> l.startsWith(repo)).allMatch(l -> l.endsWith(finished)), list.all());

    // reset is refused while an export or a service-run holds the root, and changes nothing.
    String before = Files.readString(root.resolve("state/checkpoints.json"));
    for (String lock : List.of("export.lock", "service.lock")) {
      try (FileChannel ch = FileChannel.open(root.resolve("state").resolve(lock), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE); FileLock held = ch.lock()) {
        ch.truncate(0);
        ch.write(ByteBuffer.wrap("4242".getBytes(StandardCharsets.US_ASCII)));
        Dist.Result refused = agent("checkpoints", "reset", repo);
        assertEquals(3, refused.exit(), refused.all());
        assertTrue(refused.stderr().contains("running on this pinpoint root (pid 4242)"), refused.all());
      }
    }
    assertEquals(before, Files.readString(root.resolve("state/checkpoints.json")));

    Dist.Result reset = agent("checkpoints", "reset", repo);
    assertEquals(0, reset.exit(), reset.all());
    assertTrue(reset.stdout().contains("  " + repo + "/sourcecode.PullRequest"), reset.all());
    assertFalse(ExportDir.checkpoints(root).has(repo + "/sourcecode.PullRequest"));

    // A service export waiting for its upload, older than anything: retention must keep it.
    Path pending = Files.createDirectories(root.resolve("exports/20000101T000000Z-aaaaaa"));
    Files.writeString(pending.resolve("manifest.json"), "{\"export_id\":\"20000101T000000Z-aaaaaa\",\"started\":"
        + "\"2000-01-01T00:00:00Z\",\"finished\":\"2000-01-01T00:01:00Z\",\"status\":\"completed\",\"integrations\":[]}");
    Files.writeString(pending.resolve("upload.json"), "{\"command_id\":\"cmd-1\",\"state\":\"pending\"}");

    // The next export re-reads that repository alone, and keeps one local export: itself.
    Dist.Result second = agent("export", "--integrations-json", Dist.mock("mock", SHAPE),
        "--agent-config-json", "{\"export_retention_count\":1,\"export_retention_days\":0}");
    assertEquals(0, second.exit(), second.all());
    Path export2 = ExportDir.latest(root);
    Map<String, Integer> counts = ExportDir.counts(ExportDir.objects(export2, "mock"));
    assertCount(counts, "sourcecode.PullRequest", 4);
    assertCount(counts, "sourcecode.User", 0);
    assertEquals(List.of(pending, export2), ExportDir.exports(root));
  }

  @Test
  void helpVersionAndTheDevbackendsHelp() throws Exception {
    Dist.Result help = Dist.run(TIMEOUT, "help");
    assertEquals(0, help.exit(), help.all());
    assertTrue(help.stdout().contains("  checkpoints "), help.all());
    assertFalse(help.stdout().contains("\n  export-onboard-data "), help.all());
    Dist.Result version = Dist.run(TIMEOUT, "version");
    assertEquals(0, version.exit(), version.all());
    assertTrue(version.stdout().startsWith("agent "), version.all());
    Process p = new ProcessBuilder(Dist.home().resolve("bin/devbackend").toString(), "--help").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    assertTrue(out.contains("usage: devbackend") && out.contains("/admin/commands"), out);
  }
}
