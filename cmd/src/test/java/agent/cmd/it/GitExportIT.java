package agent.cmd.it;

import static agent.cmd.it.ExportDir.assertCount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/agent export} with the git plugin over real repositories made with the git CLI. */
class GitExportIT {
  static final Duration TIMEOUT = Duration.ofMinutes(2);

  @TempDir Path tmp;
  Path repo;
  Path root;
  int clock = 1_700_000_000;

  @BeforeEach
  void makeRepo() throws Exception {
    repo = Files.createDirectories(tmp.resolve("my repo"));
    root = tmp.resolve("root");
    git("init", "-q", "-b", "main");
    commit("README.md", "hello\n", "first");
    commit("src/a.py", "print(1)\n", "second");
    git("checkout", "-q", "-b", "feature");
    commit("src/b.py", "print(2)\n", "on feature");
    git("checkout", "-q", "main");
    commit("README.md", "hello\nworld\n", "third");
  }

  private Dist.Result export(String location) throws Exception {
    return export(location, "");
  }

  /** {@code moreConfig}: further config keys, as JSON after a comma, or empty. */
  private Dist.Result export(String location, String moreConfig) throws Exception {
    return Dist.run(TIMEOUT, "export", "--pinpoint-root=" + root,
        "--integrations-json", "[{\"name\":\"git\",\"config\":{\"repos\":[\"" + location + "\"]" + moreConfig + "}}]");
  }

  private static JsonNode commit(Map<String, List<JsonNode>> objects, String message) {
    return objects.get("sourcecode.Commit").stream()
        .filter(c -> c.path("message").asText().startsWith(message)).findFirst().orElseThrow();
  }

  @Test
  void exportsEveryBranchThenOnlyNewCommits() throws Exception {
    Dist.Result first = export(repo.toString());
    assertEquals(0, first.exit(), first.all());
    Map<String, List<JsonNode>> objects = ExportDir.objects(ExportDir.latest(root), "git");
    Map<String, Integer> counts = ExportDir.counts(objects);
    assertCount(counts, "sourcecode.Commit", 4);
    assertCount(counts, "sourcecode.Branch", 2);
    assertCount(counts, "sourcecode.Repo", 1);
    assertCount(counts, "sourcecode.Blame", 4);
    Set<String> shas = new HashSet<>();
    objects.get("sourcecode.Commit").forEach(c -> shas.add(c.path("sha").asText()));
    assertEquals(Set.copyOf(git("rev-list", "--branches").lines().toList()), shas);
    JsonNode third = commit(objects, "third");
    JsonNode readme = third.path("files").get(0);
    assertEquals("README.md", readme.path("filename").asText());
    // The file's own numstat is git's; README.md is documentation, excluded by default, so the
    // commit's totals leave its line out.
    assertEquals(1, readme.path("additions").asInt(), third.toString());
    assertEquals("documentation (README.md)", readme.path("excluded_reason").asText(), third.toString());
    assertEquals(0, third.path("additions").asInt(), third.toString());
    String key = "git/repo/" + repo.toString().replace("%", "%25").replace("/", "%2F") + "/sourcecode.Commit";
    assertTrue(ExportDir.checkpoints(root).has(key), ExportDir.checkpoints(root).toString());

    // One new commit on each branch: exactly those two.
    commit("src/a.py", "print(1)\nprint(3)\n", "fourth");
    git("checkout", "-q", "feature");
    commit("src/b.py", "print(2)\nprint(4)\n", "on feature again");
    git("checkout", "-q", "main");
    Dist.Result second = export(repo.toString());
    assertEquals(0, second.exit(), second.all());
    Map<String, List<JsonNode>> next = ExportDir.objects(ExportDir.latest(root), "git");
    List<String> messages = new ArrayList<>();
    next.get("sourcecode.Commit").forEach(c -> messages.add(c.path("message").asText().trim()));
    messages.sort(null);
    assertEquals(List.of("fourth", "on feature again"), messages);
    assertCount(ExportDir.counts(next), "sourcecode.Branch", 2);
    // The blame of src/a.py after "fourth": its first line from "second", continued from the state
    // the first export saved under the pinpoint root.
    assertTrue(Files.list(root.resolve("cache/blame")).anyMatch(f -> f.toString().endsWith(".blame")));
    JsonNode blame = next.get("sourcecode.Blame").stream()
        .filter(b -> b.path("filename").asText().equals("src/a.py")).findFirst().orElseThrow();
    String secondSha = git("log", "-1", "--format=%H", "--grep=second").trim();
    String fourthSha = git("rev-parse", "main").trim();
    assertEquals(fourthSha + ":src/a.py", blame.path("ref_id").asText(), blame.toString());
    assertEquals(secondSha, blame.path("lines").get(0).path("sha").asText(), blame.toString());
    assertEquals(fourthSha, blame.path("lines").get(1).path("sha").asText(), blame.toString());
    assertTrue(blame.path("lines").get(1).path("code").asBoolean(), blame.toString());
    assertCount(ExportDir.counts(next), "sourcecode.Blame", 2);

    // Nothing new: no commit, no branch.
    Dist.Result third3 = export(repo.toString());
    assertEquals(0, third3.exit(), third3.all());
    Map<String, Integer> none = ExportDir.counts(ExportDir.objects(ExportDir.latest(root), "git"));
    assertCount(none, "sourcecode.Commit", 0);
    assertCount(none, "sourcecode.Branch", 0);
  }

  @Test
  void excludeDocumentationFalseCountsDocumentationInTheTotals() throws Exception {
    Dist.Result r = export(repo.toString(), ",\"exclude_documentation\":false");
    assertEquals(0, r.exit(), r.all());
    JsonNode third = commit(ExportDir.objects(ExportDir.latest(root), "git"), "third");
    JsonNode readme = third.path("files").get(0);
    assertFalse(readme.path("excluded").asBoolean(), third.toString());
    assertEquals(1, third.path("additions").asInt(), third.toString());
    assertEquals(2, third.path("loc").asInt(), third.toString());
  }

  @Test
  void aCloneUrlIsClonedIntoTheCache() throws Exception {
    Dist.Result r = export(repo.toUri().toString());
    assertEquals(0, r.exit(), r.all());
    assertCount(ExportDir.counts(ExportDir.objects(ExportDir.latest(root), "git")), "sourcecode.Commit", 4);
    try (var s = Files.list(root.resolve("cache/repos"))) {
      assertEquals(1, s.count());
    }
  }

  @Test
  void aMissingRepositoryFailsInWordsAndCommitsNothing() throws Exception {
    Dist.Result r = export(tmp.resolve("nowhere").toString());
    assertEquals(1, r.exit(), r.all());
    assertTrue(r.stdout().contains("nowhere does not exist"), r.all());
    assertEquals(0, ExportDir.checkpoints(root).size());

    Dist.Result v = Dist.run(TIMEOUT, "validate-config", "--pinpoint-root=" + root,
        "--integrations-json", "[{\"name\":\"git\",\"config\":{\"repos\":[\"" + tmp.resolve("nowhere") + "\"]}}]");
    assertEquals(1, v.exit(), v.all());
    assertTrue(v.stdout().contains("does not exist"), v.all());
  }

  private void commit(String file, String content, String message) throws Exception {
    Path f = repo.resolve(file);
    Files.createDirectories(f.getParent());
    Files.writeString(f, content);
    git("add", "-A");
    clock += 60;
    git("commit", "-q", "-m", message);
  }

  private String git(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=Test", "-c", "user.email=test@example.com",
        "-c", "commit.gpgsign=false"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true);
    pb.environment().put("HOME", tmp.toString());
    pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    pb.environment().put("GIT_AUTHOR_DATE", clock + " +0100");
    pb.environment().put("GIT_COMMITTER_DATE", clock + " +0100");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), "git " + String.join(" ", args) + ": " + out);
    return out;
  }
}
