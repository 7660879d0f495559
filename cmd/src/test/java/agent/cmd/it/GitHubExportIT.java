package agent.cmd.it;

import static agent.cmd.it.ExportDir.assertCount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.integrations.github.fake.FakeData;
import agent.integrations.github.fake.FakeGitHub;
import agent.integrations.github.fake.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/agent export} with the github plugin against the fake GitHub on loopback, whose
 * repository clones from a real bare repository made with the git CLI: one pull request from a
 * branch of the repository, one from a "fork" whose commits are only under {@code refs/pull/2/head},
 * as on GitHub. Then one pull request changes and main gets a commit: only those are exported.
 */
class GitHubExportIT {
  static final Duration TIMEOUT = Duration.ofMinutes(2);
  /** Distinctive, so that finding it anywhere is a leak and nothing else. */
  static final String TOKEN = "ghp_IT7tokenNeverInOutput0123456789abcd";
  static final Instant T0 = Fixtures.EPOCH_2025;

  @TempDir Path tmp;
  Path work;
  Path bare;
  Path root;
  GitWork repo;
  FakeGitHub github;

  @BeforeAll
  static void gitIsThere() {
    GitWork.requireGit("GitHubExportIT");
  }

  @AfterEach
  void stop() {
    if (github != null) {
      github.close();
    }
  }

  @Test
  void exportsPullRequestsWithTheirHeadsThenOnlyWhatChanged() throws Exception {
    // -- a real repository: main, a branch for #1, a branch for #2 that only refs/pull/2/head keeps.
    repo = new GitWork(tmp, tmp.resolve("work"), T0);
    work = repo.dir();
    bare = tmp.resolve("api.git");
    root = tmp.resolve("root");
    commit("README.md", "api\n", "Initial commit");
    commit("src/Api.java", "class Api {}\n", "Add the API");
    commit("src/Pages.java", "class Pages {}\n", "Add pages");
    git(work, "checkout", "-q", "-b", "feature-1");
    FakeData.Commit c11 = commit("src/Limits.java", "class Limits {}\n", "Add rate limits", Fixtures.BOB);
    FakeData.Commit c12 = commit("src/Limits.java", "class Limits { int max = 100; }\n", "Limit to 100", Fixtures.BOB);
    git(work, "checkout", "-q", "main");
    git(work, "checkout", "-q", "-b", "carol-fix");
    FakeData.Commit c21 = commit("src/Pages.java", "class Pages { int size; }\n", "Fix pagination", Fixtures.CAROL);
    FakeData.Commit c22 = commit("src/Pages.java", "class Pages { int size = 1; }\n", "Off by one", Fixtures.CAROL);
    git(work, "checkout", "-q", "main");
    String mainTip = rev(work, "main");
    git(tmp, "init", "-q", "--bare", "-b", "main", bare.toString());
    git(work, "push", "-q", bare.toString(), "main", "feature-1", "carol-fix");
    git(bare, "update-ref", "refs/pull/1/head", c12.sha());
    git(bare, "update-ref", "refs/pull/2/head", c22.sha());
    git(bare, "branch", "-D", "carol-fix");
    assertEquals(Set.of("refs/heads/main", "refs/heads/feature-1", "refs/pull/1/head", "refs/pull/2/head"),
        Set.copyOf(git(bare, "for-each-ref", "--format=%(refname)").lines().toList()));

    // -- GitHub's view of it: acme/api cloned from the bare repository, #1 from feature-1, #2 from a fork.
    Fixtures.Ids ids = new Fixtures.Ids(5000);
    FakeData.Org acme = new FakeData.Org(100, "acme");
    acme.members().add(Fixtures.BOB);
    FakeData.Repo api = new FakeData.Repo(ids.next(), "acme", "api", false, false, false, "main", "Java", "The API",
        T0.minus(Duration.ofDays(10)), T0.plus(Duration.ofDays(5)), bare.toUri().toString(), new ArrayList<>());
    Instant t1 = T0.plus(Duration.ofDays(1));
    FakeData.PullRequest p1 = new FakeData.PullRequest(ids.next(), 1, "Add rate limits", "Adds limits.", "OPEN", false,
        false, Fixtures.BOB, null, null, "feature-1", c12.sha(), "main", mainTip, false, t1, t1.plus(Duration.ofHours(30)),
        null, null, new ArrayList<>(List.of(c11, c12)), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    FakeData.Review r1 = Fixtures.review(ids, "APPROVED", Fixtures.CAROL, t1.plus(Duration.ofHours(4)));
    p1.reviews().add(r1);
    p1.reviewComments().add(new FakeData.ReviewComment(ids.next(), r1.id(), "Why 100?", Fixtures.CAROL,
        t1.plus(Duration.ofHours(4)), t1.plus(Duration.ofHours(4)), "src/Limits.java"));
    Instant t2 = T0.plus(Duration.ofDays(3));
    FakeData.PullRequest p2 = new FakeData.PullRequest(ids.next(), 2, "Fix pagination", "From my fork.", "OPEN", false,
        false, Fixtures.CAROL, null, null, "carol-fix", c22.sha(), "main", mainTip, false, t2, t2.plus(Duration.ofHours(50)),
        null, null, new ArrayList<>(List.of(c21, c22)), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    p2.reviews().add(Fixtures.review(ids, "COMMENTED", Fixtures.BOB, t2.plus(Duration.ofHours(2))));
    p2.comments().add(new FakeData.Comment(ids.next(), "Rebased on main", Fixtures.BOB, t2.plus(Duration.ofHours(20)),
        t2.plus(Duration.ofHours(20))));
    api.pullRequests().addAll(List.of(p1, p2));
    acme.repos().add(api);
    github = FakeGitHub.start(Fixtures.ANN, new ArrayList<>(), new ArrayList<>(List.of(acme)));
    github.requireToken(TOKEN);

    Path integrations = tmp.resolve("integrations.json");
    Files.createFile(integrations, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(integrations, "[{\"name\":\"github\",\"config\":{\"url\":\"" + github.url() + "\",\"access_token\":\""
        + TOKEN + "\",\"organizations\":[\"acme\"]}}]");

    // -- the first export: everything.
    Dist.Result first = export(integrations);
    assertEquals(0, first.exit(), first.all());
    Map<String, List<JsonNode>> objects = ExportDir.objects(ExportDir.latest(root), "github");
    Map<String, Integer> counts = ExportDir.counts(objects);
    assertCount(counts, "sourcecode.Repo", 1);
    assertCount(counts, "sourcecode.PullRequest", 2);
    assertCount(counts, "sourcecode.PullRequestReview", 2);
    assertCount(counts, "sourcecode.PullRequestComment", 2);
    assertCount(counts, "sourcecode.PullRequestCommit", 4);
    assertEquals(Set.of("bob", "carol"), field(objects.get("sourcecode.User"), "username"), objects.get("sourcecode.User").toString());

    // Every commit of the repository, the fork's too, each once.
    List<String> allShas = git(bare, "rev-list", "--all").lines().toList();
    assertEquals(7, allShas.size());
    List<JsonNode> commits = objects.get("sourcecode.Commit");
    assertEquals(allShas.size(), commits.size(), "each commit once: " + field(commits, "sha"));
    assertEquals(Set.copyOf(allShas), field(commits, "sha"));
    assertTrue(field(commits, "sha").containsAll(List.of(c21.sha(), c22.sha())), "the fork's commits, only under refs/pull/2/head");

    // Branches: main, feature-1, and each pull request's head linked to its pull request.
    Map<Integer, String> prIds = objects.get("sourcecode.PullRequest").stream()
        .collect(Collectors.toMap(p -> p.path("number").asInt(), p -> p.path("id").asText()));
    List<JsonNode> branches = objects.get("sourcecode.Branch");
    assertEquals(4, branches.size(), branches.toString());
    assertEquals(Set.of("main", "feature-1"), branches.stream().filter(b -> !b.hasNonNull("pull_request_id"))
        .map(b -> b.path("name").asText()).collect(Collectors.toSet()));
    for (FakeData.PullRequest p : List.of(p1, p2)) {
      JsonNode head = branches.stream().filter(b -> b.path("pull_request_id").asText().equals(prIds.get(p.number())))
          .findFirst().orElseThrow(() -> new AssertionError("no branch of pull request #" + p.number() + ": " + branches));
      assertEquals(p.headRef(), head.path("name").asText(), head.toString());
      assertEquals(p.headSha(), head.path("tip_sha").asText(), head.toString());
    }

    // The pull requests' commits are the real ones, messages and all.
    JsonNode pr2 = objects.get("sourcecode.PullRequest").stream().filter(p -> p.path("number").asInt() == 2)
        .findFirst().orElseThrow();
    assertEquals(List.of(c21.sha(), c22.sha()), strings(pr2.path("commit_shas")));
    assertEquals(Set.of("Add rate limits", "Limit to 100", "Fix pagination", "Off by one"),
        field(objects.get("sourcecode.PullRequestCommit"), "message"));

    String prKey = "github/organization/acme/repo/acme%2Fapi/sourcecode.PullRequest";
    assertTrue(ExportDir.checkpoints(root).has(prKey), ExportDir.checkpoints(root).toString());
    assertNoToken(first);

    // -- a change: #2 gets a comment (GitHub moves its updated_at), main gets a commit.
    Instant now = p2.updatedAt().plus(Duration.ofDays(20));
    Instant previousToken = api.pullRequests().stream().map(FakeData.PullRequest::updatedAt)
        .max(Instant::compareTo).orElseThrow();
    p2.comments().add(new FakeData.Comment(ids.next(), "Ship it", Fixtures.BOB, now, now));
    api.pullRequests().set(1, touched(p2, now));
    commit("CHANGELOG.md", "- pagination\n", "Changelog");
    String newCommit = rev(work, "main");
    git(work, "push", "-q", bare.toString(), "main");
    github.reset();

    Dist.Result second = export(integrations);
    assertEquals(0, second.exit(), second.all());
    Map<String, List<JsonNode>> next = ExportDir.objects(ExportDir.latest(root), "github");
    Map<String, Integer> nextCounts = ExportDir.counts(next);
    // The changed one, and any other within the overlap before the previous token: none, days apart.
    Set<Integer> expected = new HashSet<>(Set.of(2));
    api.pullRequests().stream().filter(p -> !p.updatedAt().isBefore(previousToken.minus(Duration.ofMinutes(2))))
        .forEach(p -> expected.add(p.number()));
    assertEquals(Set.of(2), expected, "the fixture's dates keep the other pull request out of the overlap");
    assertEquals(expected, next.get("sourcecode.PullRequest").stream().map(p -> p.path("number").asInt())
        .collect(Collectors.toSet()), nextCounts.toString());
    assertCount(nextCounts, "sourcecode.PullRequest", 1);
    String id2 = prIds.get(2);
    for (String model : List.of("sourcecode.PullRequestReview", "sourcecode.PullRequestComment",
        "sourcecode.PullRequestCommit")) {
      next.getOrDefault(model, List.of()).forEach(o -> assertEquals(id2, o.path("pull_request_id").asText(), model + " " + o));
    }
    assertCount(nextCounts, "sourcecode.PullRequestReview", 1);
    assertEquals(Set.of("Rebased on main", "Ship it"), field(next.get("sourcecode.PullRequestComment"), "body"));
    assertCount(nextCounts, "sourcecode.PullRequestCommit", 2);
    assertEquals(List.of(newCommit), next.get("sourcecode.Commit").stream().map(c -> c.path("sha").asText()).toList());
    // main moved, so every branch of this export is sent: main, feature-1 and the changed pull request's head.
    List<JsonNode> nextBranches = next.get("sourcecode.Branch");
    assertEquals(List.of("carol-fix", "feature-1", "main"), nextBranches.stream().map(b -> b.path("name").asText())
        .sorted().toList(), nextBranches.toString());
    assertTrue(nextBranches.stream().anyMatch(b -> b.path("pull_request_id").asText().equals(id2)
        && b.path("tip_sha").asText().equals(c22.sha())), nextBranches.toString());
    assertTrue(nextBranches.stream().anyMatch(b -> b.path("name").asText().equals("main")
        && b.path("tip_sha").asText().equals(newCommit)), nextBranches.toString());
    assertTrue(github.graphqlRequests() <= 3, "members and one page of pull requests, no full read: "
        + github.requestLog());
    assertNoToken(second);
  }

  private Dist.Result export(Path integrations) throws Exception {
    return Dist.run(TIMEOUT, "export", "--pinpoint-root=" + root, "--integrations-file", integrations.toString());
  }

  /** The token is in no output, log, state or exported file. */
  private void assertNoToken(Dist.Result r) throws IOException {
    Secrets.assertNowhere(root, r, TOKEN);
  }

  /** The pull request as GitHub shows it after a change at {@code when}. */
  private static FakeData.PullRequest touched(FakeData.PullRequest p, Instant when) {
    return new FakeData.PullRequest(p.id(), p.number(), p.title(), p.body(), p.state(), p.draft(), p.locked(), p.author(),
        p.mergedBy(), p.mergeSha(), p.headRef(), p.headSha(), p.baseRef(), p.baseSha(), p.headRepoDeleted(), p.createdAt(),
        when, p.closedAt(), p.mergedAt(), p.commits(), p.reviews(), p.comments(), p.reviewComments());
  }

  private static Set<String> field(List<JsonNode> objects, String name) {
    return objects.stream().map(o -> o.path(name).asText()).collect(Collectors.toSet());
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private FakeData.Commit commit(String file, String content, String message) throws Exception {
    return commit(file, content, message, null);
  }

  /** A commit in the working repository, by {@code author} (null: a test account), as GitHub lists it. */
  private FakeData.Commit commit(String file, String content, String message, FakeData.User author) throws Exception {
    String name = author == null ? "Test" : author.name();
    String email = author == null ? "test@example.com" : author.login() + "@users.noreply.github.com";
    String sha = repo.commit(file, content, message, name, email);
    return new FakeData.Commit(sha, message, 1, 0, repo.now(), name, email, author, author);
  }

  private String rev(Path dir, String rev) throws Exception {
    return repo.rev(dir, rev);
  }

  private String git(Path dir, String... args) throws Exception {
    return repo.git(dir, args);
  }
}
