package agent.cmd.it;

import static agent.cmd.it.ExportDir.assertCount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/agent export} with the mock plugin as a real subprocess, read back from gzip. */
class ExportIT {
  static final Duration TIMEOUT = Duration.ofMinutes(2);
  static final String SHAPE =
      "{\"organizations\":2,\"repos_per_org\":2,\"pull_requests_per_repo\":5,\"reviews_per_pr\":1,"
          + "\"comments_per_pr\":2,\"commits_per_pr\":2,\"users\":3}";

  @TempDir Path root;

  private Dist.Result export(String integrationsJson, String... extra) throws Exception {
    String[] args = new String[4 + extra.length];
    args[0] = "export";
    args[1] = "--pinpoint-root=" + root;
    args[2] = "--integrations-json";
    args[3] = integrationsJson;
    System.arraycopy(extra, 0, args, 4, extra.length);
    return Dist.run(TIMEOUT, args);
  }

  @Test
  void exportsTheConfiguredShapeThenOnlyWhatIsNew() throws Exception {
    Dist.Result first = export(Dist.mock("mock", SHAPE));
    assertEquals(0, first.exit(), first.all());
    Path export1 = ExportDir.latest(root);
    Map<String, List<JsonNode>> objects = ExportDir.objects(export1, "mock");
    Map<String, Integer> counts = ExportDir.counts(objects);
    assertCount(counts, "sourcecode.Repo", 4);
    assertCount(counts, "sourcecode.PullRequest", 20);
    assertCount(counts, "sourcecode.PullRequestReview", 20);
    assertCount(counts, "sourcecode.PullRequestComment", 40);
    assertCount(counts, "sourcecode.PullRequestCommit", 40);
    assertCount(counts, "sourcecode.User", 3);
    Set<String> ids = new HashSet<>();
    for (List<JsonNode> list : objects.values()) {
      for (JsonNode o : list) {
        assertEquals("mock", o.path("ref_type").asText(), o.toString());
        assertEquals("local", o.path("customer_id").asText(), o.toString());
        assertTrue(ids.add(o.path("id").asText()), "duplicate id " + o);
      }
    }
    assertTrue(ExportDir.tempFiles(root).isEmpty(), "unfinished files: " + ExportDir.tempFiles(root));

    JsonNode manifest = ExportDir.manifest(export1);
    assertEquals("completed", manifest.path("status").asText(), manifest.toString());
    JsonNode integration = manifest.path("integrations").get(0);
    assertEquals("completed", integration.path("status").asText());
    long filesObjects = 0;
    for (JsonNode f : integration.path("files")) {
      assertTrue(Files.isRegularFile(export1.resolve(f.path("path").asText())), f.toString());
      assertEquals(64, f.path("sha256").asText().length(), f.toString());
      filesObjects += f.path("objects").asLong();
    }
    assertEquals(127, filesObjects);
    assertTrue(ExportDir.checkpoints(root).size() > 0, "no checkpoint committed");

    // The summary names the integration and its counts.
    assertTrue(first.stdout().contains("sourcecode.PullRequest"), first.stdout());
    assertTrue(Files.exists(root.resolve("logs/export")), "no logs/export");
    assertTrue(Files.exists(root.resolve("logs/integrations/mock")), "no integration log");
    // The plugin's last line before Export returned; it exits at once after Shutdown, and loses nothing.
    String pluginLog = Files.readString(root.resolve("logs/integrations/mock"));
    assertTrue(pluginLog.contains("mock export done"), pluginLog);

    // Same shape again: nothing new.
    Dist.Result second = export(Dist.mock("mock", SHAPE));
    assertEquals(0, second.exit(), second.all());
    Map<String, Integer> counts2 = ExportDir.counts(ExportDir.objects(ExportDir.latest(root), "mock"));
    assertCount(counts2, "sourcecode.PullRequest", 0);
    assertCount(counts2, "sourcecode.User", 0);
    assertCount(counts2, "sourcecode.Repo", 0);

    // Two more pull requests per repo: exactly those, with their reviews, comments and commits.
    Dist.Result third = export(Dist.mock("mock", SHAPE.replace("\"pull_requests_per_repo\":5", "\"pull_requests_per_repo\":7")));
    assertEquals(0, third.exit(), third.all());
    Map<String, List<JsonNode>> new3 = ExportDir.objects(ExportDir.latest(root), "mock");
    Map<String, Integer> counts3 = ExportDir.counts(new3);
    assertCount(counts3, "sourcecode.PullRequest", 8);
    assertCount(counts3, "sourcecode.PullRequestReview", 8);
    assertCount(counts3, "sourcecode.PullRequestComment", 16);
    for (JsonNode pr : new3.get("sourcecode.PullRequest")) {
      assertTrue(!ids.contains(pr.path("id").asText()), "re-sent an old pull request: " + pr);
    }

    // --reprocess-historical: everything again.
    Dist.Result fourth = export(Dist.mock("mock", SHAPE), "--reprocess-historical");
    assertEquals(0, fourth.exit(), fourth.all());
    assertCount(ExportDir.counts(ExportDir.objects(ExportDir.latest(root), "mock")), "sourcecode.PullRequest", 20);
    assertEquals(4, ExportDir.exports(root).size(), "each export has its own folder");
  }

  @Test
  void oneFailingIntegrationDoesNotStopTheOthers() throws Exception {
    String both = "[{\"id\":\"good\",\"name\":\"mock\",\"config\":" + SHAPE + "},"
        + "{\"id\":\"bad\",\"name\":\"mock\",\"config\":{\"fail\":{\"error_after_objects\":10}}}]";
    Dist.Result r = export(both);
    assertEquals(1, r.exit(), r.all());
    assertTrue(r.stdout().contains("error_after_objects"), r.all());
    Path export = ExportDir.latest(root);
    assertCount(ExportDir.counts(ExportDir.objects(export, "good")), "sourcecode.PullRequest", 20);
    assertTrue(!Files.exists(export.resolve("bad")), "a failed integration leaves no files");
    JsonNode manifest = ExportDir.manifest(export);
    assertEquals("partial", manifest.path("status").asText());
    JsonNode checkpoints = ExportDir.checkpoints(root);
    checkpoints.fieldNames().forEachRemaining(k -> assertTrue(k.startsWith("good/"), "committed a token of the failed integration: " + k));
    assertTrue(checkpoints.size() > 0);
  }

  @Test
  void deferredCheckpointsStayStagedInTheManifestOnly() throws Exception {
    Dist.Result r = export(Dist.mock("mock", SHAPE), "--defer-checkpoints");
    assertEquals(0, r.exit(), r.all());
    assertTrue(!Files.exists(root.resolve("state/checkpoints.json")), "a deferred export committed its tokens");
    JsonNode staged = ExportDir.manifest(ExportDir.latest(root)).path("integrations").get(0).path("staged_checkpoints");
    assertTrue(staged.size() > 0, "no staged tokens in the manifest: " + staged);

    // Nothing was committed, so the next export sends everything again.
    Dist.Result again = export(Dist.mock("mock", SHAPE), "--defer-checkpoints");
    assertEquals(0, again.exit(), again.all());
    assertCount(ExportDir.counts(ExportDir.objects(ExportDir.latest(root), "mock")), "sourcecode.PullRequest", 20);
  }

  @Test
  void withoutIntegrationsItExportsTheDemo() throws Exception {
    Dist.Result r = Dist.run(TIMEOUT, "export", "--pinpoint-root=" + root);
    assertEquals(0, r.exit(), r.all());
    assertTrue(ExportDir.counts(ExportDir.objects(ExportDir.latest(root), "mock")).getOrDefault("sourcecode.PullRequest", 0) > 0);
  }
}
