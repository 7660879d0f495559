package agent.cmd.it;

import static agent.cmd.it.ExportDir.assertCount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.integrations.gitlab.fake.FakeGitLab;
import agent.integrations.gitlab.fake.GitLabWorld;
import agent.rpcdef.testing.SelfSignedCertificate;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/agent export} with the gitlab plugin against the fake GitLab, served over HTTPS with the
 * certificate of a private CA under a relative path, as a self-managed instance often is. Its project
 * clones from a real bare repository made with the git CLI: merge request !1 from a branch of the
 * project, !2 from a fork whose commits only {@code refs/merge-requests/2/head} holds, as GitLab keeps
 * them. Then !2 gets a note and main a commit: only those are exported.
 */
class GitLabExportIT {
  static final Duration TIMEOUT = Duration.ofMinutes(2);
  /** Distinctive, so that finding it anywhere is a leak and nothing else. */
  static final String TOKEN = "glpat-IT7tokenNeverInOutput0123";
  static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");

  @TempDir Path tmp;
  Path root;
  FakeGitLab gitlab;

  @BeforeAll
  static void gitIsThere() {
    GitWork.requireGit("GitLabExportIT");
  }

  @AfterEach
  void stop() {
    if (gitlab != null) {
      gitlab.close();
    }
  }

  @Test
  void exportsMergeRequestsWithTheirHeadsBehindAPrivateCaThenOnlyWhatChanged() throws Exception {
    // -- a real repository: main, feature-1 for !1, and a fork's branch that only refs/merge-requests/2/head keeps.
    GitWork repo = new GitWork(tmp, tmp.resolve("work"), T0);
    Path work = repo.dir();
    Path bare = tmp.resolve("api.git");
    root = tmp.resolve("root");
    repo.commit("README.md", "api\n", "Initial commit", "Ann Viewer", "ann@example.com");
    repo.commit("src/api.go", "package api\n", "Add the API", "Ann Viewer", "ann@example.com");
    repo.git(work, "checkout", "-q", "-b", "feature-1");
    String c11 = repo.commit("src/limits.go", "package api\n// limits\n", "Add rate limits", "Bob Builder", "bob@example.com");
    String c12 = repo.commit("src/limits.go", "package api\n// limit 100\n", "Limit to 100", "Bob Builder", "bob@example.com");
    repo.git(work, "checkout", "-q", "main");
    repo.git(work, "checkout", "-q", "-b", "carol-fix");
    String c21 = repo.commit("src/pages.go", "package api\n// pages\n", "Fix pagination", "Carol", "carol@example.com");
    String c22 = repo.commit("src/pages.go", "package api\n// pages, 1\n", "Off by one", "Carol", "carol@example.com");
    repo.git(work, "checkout", "-q", "main");
    repo.git(tmp, "init", "-q", "--bare", "-b", "main", bare.toString());
    repo.git(work, "push", "-q", bare.toString(), "main", "feature-1", "carol-fix");
    repo.git(bare, "update-ref", "refs/merge-requests/1/head", c12);
    repo.git(bare, "update-ref", "refs/merge-requests/2/head", c22);
    repo.git(bare, "branch", "-D", "carol-fix");

    // -- GitLab's view of it.
    GitLabWorld world = new GitLabWorld(new GitLabWorld.User(1000, "ann", "Ann Viewer"), 1001);
    GitLabWorld.User bob = world.user("bob", "Bob Builder");
    GitLabWorld.User carol = world.user("carol", "Carol");
    GitLabWorld.Group acme = world.group("Acme", "acme", null);
    GitLabWorld.Group platform = world.group("Platform", "platform", acme);
    world.member(acme, world.viewer, GitLabWorld.DEVELOPER, T0);
    world.member(platform, bob, GitLabWorld.MAINTAINER, T0);
    GitLabWorld.Project api = world.project("api", platform, bob, T0.minus(Duration.ofDays(10)));
    api.httpUrlToRepo = bare.toUri().toString();
    Instant t1 = T0.plus(Duration.ofDays(1));
    GitLabWorld.MergeRequest mr1 = world.mergeRequest(api, "Add rate limits", bob, t1);
    mr1.sourceBranch = "feature-1";
    world.push(mr1, bob, List.of(commit(c11, "Add rate limits", "Bob Builder", t1), commit(c12, "Limit to 100", "Bob Builder", t1)),
        t1.plus(Duration.ofMinutes(5)));
    world.approve(mr1, carol, t1.plus(Duration.ofHours(4)));
    Instant t2 = T0.plus(Duration.ofDays(3));
    GitLabWorld.MergeRequest mr2 = world.mergeRequest(api, "Fix pagination", carol, t2);
    mr2.sourceBranch = "carol-fix";
    mr2.sourceProjectId = 4242; // a fork
    world.push(mr2, carol, List.of(commit(c21, "Fix pagination", "Carol", t2), commit(c22, "Off by one", "Carol", t2)),
        t2.plus(Duration.ofMinutes(5)));
    world.comment(mr2, bob, "Rebased on main?", t2.plus(Duration.ofHours(2)));

    SelfSignedCertificate cert = SelfSignedCertificate.create(Files.createDirectories(tmp.resolve("tls")), "127.0.0.1");
    gitlab = new FakeGitLab(world, "/gitlab", cert);
    gitlab.token(TOKEN);
    Path integrations = tmp.resolve("integrations.json");
    Files.createFile(integrations, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(integrations, "[{\"name\":\"gitlab\",\"config\":{\"url\":\"" + gitlab.url() + "\",\"access_token\":\""
        + TOKEN + "\",\"groups\":[\"acme\"]}}]");
    String agentConfig = "{\"ca_file\":\"" + cert.pem() + "\"}";

    // -- without the CA the instance is not trusted, and the export says how to fix it.
    Dist.Result untrusted = Dist.run(TIMEOUT, "export", "--pinpoint-root=" + tmp.resolve("untrusted"),
        "--integrations-file", integrations.toString());
    assertNotEquals(0, untrusted.exit(), untrusted.all());
    assertTrue(untrusted.all().contains("certificate"), untrusted.all());

    // -- the first export: everything.
    Dist.Result first = export(integrations, agentConfig);
    assertEquals(0, first.exit(), first.all());
    Map<String, List<JsonNode>> objects = ExportDir.objects(ExportDir.latest(root), "gitlab");
    Map<String, Integer> counts = ExportDir.counts(objects);
    assertCount(counts, "sourcecode.Repo", 1);
    assertCount(counts, "sourcecode.PullRequest", 2);
    assertCount(counts, "sourcecode.PullRequestReview", 1);
    assertCount(counts, "sourcecode.PullRequestComment", 1);
    assertCount(counts, "sourcecode.PullRequestCommit", 4);
    assertEquals(Set.of("ann", "bob", "carol"), field(objects.get("sourcecode.User"), "username"));

    // Every commit of the repository, the fork's too, each once.
    List<String> allShas = repo.git(bare, "rev-list", "--all").lines().toList();
    assertEquals(6, allShas.size());
    List<JsonNode> commits = objects.get("sourcecode.Commit");
    assertEquals(allShas.size(), commits.size(), "each commit once: " + field(commits, "sha"));
    assertEquals(Set.copyOf(allShas), field(commits, "sha"));

    // Branches: main, feature-1, and each merge request's head linked to it.
    Map<Integer, String> prIds = objects.get("sourcecode.PullRequest").stream()
        .collect(Collectors.toMap(p -> p.path("number").asInt(), p -> p.path("id").asText()));
    List<JsonNode> branches = objects.get("sourcecode.Branch");
    assertEquals(4, branches.size(), branches.toString());
    for (GitLabWorld.MergeRequest m : List.of(mr1, mr2)) {
      JsonNode head = branches.stream().filter(b -> b.path("pull_request_id").asText().equals(prIds.get((int) m.iid)))
          .findFirst().orElseThrow(() -> new AssertionError("no branch of !" + m.iid + ": " + branches));
      assertEquals(m.sourceBranch, head.path("name").asText(), head.toString());
      assertEquals(m.sha(), head.path("tip_sha").asText(), head.toString());
    }
    JsonNode pr2 = objects.get("sourcecode.PullRequest").stream().filter(p -> p.path("number").asInt() == 2)
        .findFirst().orElseThrow();
    assertEquals(List.of(c21, c22), strings(pr2.path("commit_shas")));
    assertEquals("acme/platform/api!2", pr2.path("identifier").asText());
    assertTrue(ExportDir.checkpoints(root).has("gitlab/group/acme/repo/acme%2Fplatform%2Fapi/sourcecode.PullRequest"),
        ExportDir.checkpoints(root).toString());
    Secrets.assertNowhere(root, first, TOKEN);

    // -- a change: !2 gets a note (GitLab moves its updated_at), main gets a commit.
    world.comment(mr2, bob, "Ship it", t2.plus(Duration.ofDays(20)));
    String newCommit = repo.commit("CHANGELOG.md", "- pagination\n", "Changelog", "Ann Viewer", "ann@example.com");
    repo.git(work, "push", "-q", bare.toString(), "main");
    gitlab.resetLog();

    Dist.Result second = export(integrations, agentConfig);
    assertEquals(0, second.exit(), second.all());
    Map<String, List<JsonNode>> next = ExportDir.objects(ExportDir.latest(root), "gitlab");
    Map<String, Integer> nextCounts = ExportDir.counts(next);
    assertCount(nextCounts, "sourcecode.PullRequest", 1);
    String id2 = prIds.get(2);
    for (String model : List.of("sourcecode.PullRequestComment", "sourcecode.PullRequestCommit")) {
      next.getOrDefault(model, List.of()).forEach(o -> assertEquals(id2, o.path("pull_request_id").asText(), model + " " + o));
    }
    assertEquals(Set.of("Rebased on main?", "Ship it"), field(next.get("sourcecode.PullRequestComment"), "body"));
    assertEquals(List.of(newCommit), next.get("sourcecode.Commit").stream().map(c -> c.path("sha").asText()).toList());
    assertEquals(3, gitlab.count("/projects/\\d+/merge_requests/\\d+/.*"), "the children of !2 only: " + gitlab.requests());
    Secrets.assertNowhere(root, second, TOKEN);
  }

  private Dist.Result export(Path integrations, String agentConfig) throws Exception {
    return Dist.run(TIMEOUT, "export", "--pinpoint-root=" + root, "--agent-config-json", agentConfig,
        "--integrations-file", integrations.toString());
  }

  private static GitLabWorld.Commit commit(String sha, String message, String author, Instant at) {
    String email = author.toLowerCase().split(" ")[0] + "@example.com";
    return new GitLabWorld.Commit(sha, List.of(), message, message + "\n", author, email, at, author, email, at);
  }

  private static Set<String> field(List<JsonNode> objects, String name) {
    return objects.stream().map(o -> o.path(name).asText()).collect(Collectors.toSet());
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
