package agent.core.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.git.PullRequestCommits;
import agent.core.git.RepoCache;
import agent.core.output.ExportOutput;
import agent.core.output.OutputFile;
import agent.core.plugin.CallbackServer;
import agent.core.testing.CapturedLogs;
import agent.rpcdef.GitRepo;
import agent.rpcdef.GitRepoResult;
import agent.rpcdef.Json;
import agent.rpcdef.ModelSession;
import agent.rpcdef.Sessions;
import agent.rpcdef.TrackingSession;
import agent.rpcdef.internal.grpc.AgentClient;
import agent.rpcdef.internal.grpc.Loopback;
import agent.rpcdef.model.sourcecode.PullRequestCommit;
import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.ManagedChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * ExportGitRepo with pull requests, as a GitHub or GitLab plugin calls it: over the real callback
 * server on loopback, into real model files, with the tokens carried from one export to the next.
 */
class HostGitExportTest {
  private static final String MISSING_SHA = "0123456789abcdef0123456789abcdef01234567";

  @TempDir Path tmp;
  @RegisterExtension final CapturedLogs logs = CapturedLogs.of(PullRequestCommits.class);
  private int exports;
  private long clock = 1_700_000_000L;

  /**
   * What one ExportGitRepo call produced.
   *
   * @param hostSessions how many sessions the host opened under the caller's session
   */
  private record Exported(GitRepoResult result, Map<String, String> staged, List<JsonNode> commits,
      List<JsonNode> branches, List<JsonNode> prCommits, long hostSessions) {
    List<String> commitShas() {
      return commits.stream().map(c -> c.get("sha").asText()).toList();
    }

    JsonNode commit(String sha) {
      return commits.stream().filter(c -> c.get("sha").asText().equals(sha)).findFirst().orElseThrow();
    }

    JsonNode branch(String refId) {
      return branches.stream().filter(b -> b.get("ref_id").asText().equals(refId)).findFirst().orElseThrow();
    }

    List<String> prCommitShas(String pullRequestId) {
      return prCommits.stream().filter(c -> c.get("pull_request_id").asText().equals(pullRequestId))
          .map(c -> c.get("sha").asText()).toList();
    }
  }

  @Test
  void pullRequestHeadsAreExportedAsLinkedBranchesAndResentOnlyWhenTheyMove() throws Exception {
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    git(repo, "init", "-q", "-b", "main");
    String c1 = commit(repo, "a.txt", "1\n", "c1");
    git(repo, "checkout", "-q", "-b", "fix/retry");
    String p1 = commit(repo, "p.txt", "1\n", "p1");
    git(repo, "checkout", "-q", "main");
    git(repo, "update-ref", "refs/pull/7/head", p1);
    git(repo, "branch", "-q", "-D", "fix/retry");
    String c2 = commit(repo, "a.txt", "2\n", "c2");

    List<GitRepo.PullRequestHead> prs = List.of(
        new GitRepo.PullRequestHead("pr-7", "7", "fix/retry", p1),
        new GitRepo.PullRequestHead("pr-8", "8", "from-a-fork", MISSING_SHA));
    Exported first = export(repo, prs, Map.of());
    assertEquals(3, first.result().commits());
    assertEquals(List.of(c1, p1, c2).stream().sorted().toList(), first.commitShas().stream().sorted().toList());
    assertEquals(2, first.result().branches(), "main and the pull request's head; the missing head is skipped");
    JsonNode pr = first.branch("pull/7");
    assertEquals("pr-7", pr.get("pull_request_id").asText());
    assertEquals("fix/retry", pr.get("name").asText());
    assertEquals(1, pr.get("ahead_default_count").asInt());
    assertEquals(1, pr.get("behind_default_count").asInt());
    assertEquals(p1, pr.get("tip_sha").asText());
    assertFalse(first.branch("main").has("pull_request_id"));

    Exported second = export(repo, prs, first.staged());
    assertEquals(0, second.result().commits());
    assertEquals(0, second.result().branches(), "nothing moved, nothing resent");

    git(repo, "checkout", "-q", p1);
    String p2 = commit(repo, "p.txt", "2\n", "p2");
    git(repo, "checkout", "-q", "main");
    List<GitRepo.PullRequestHead> moved =
        List.of(new GitRepo.PullRequestHead("pr-7", "7", "fix/retry", p2));
    Exported third = export(repo, moved, second.staged());
    assertEquals(List.of(p2), third.commitShas());
    assertEquals(1, third.result().branches(), "only the pull request's head moved");
    assertEquals(2, third.branch("pull/7").get("ahead_default_count").asInt());

    String c3 = commit(repo, "a.txt", "3\n", "c3");
    Exported fourth = export(repo, moved, third.staged());
    assertEquals(List.of(c3), fourth.commitShas());
    assertEquals(2, fourth.result().branches(), "the default branch moved: every branch is resent");
    assertEquals(2, fourth.branch("pull/7").get("behind_default_count").asInt());
  }

  @Test
  void aShallowCloneDeepenedLaterIsSentAgainWithEveryBranch() throws Exception {
    Path upstream = Files.createDirectories(tmp.resolve("upstream"));
    git(upstream, "init", "-q", "-b", "main");
    String c1 = commit(upstream, "a.txt", "1\n", "c1");
    commit(upstream, "a.txt", "2\n", "c2");
    git(upstream, "checkout", "-q", "-b", "side");
    commit(upstream, "s.txt", "1\n", "s1");
    git(upstream, "checkout", "-q", "main");
    commit(upstream, "a.txt", "3\n", "c3");
    commit(upstream, "a.txt", "4\n", "c4");
    Path clone = tmp.resolve("clone");
    git(tmp, "clone", "-q", "--depth", "2", "--no-single-branch", upstream.toUri().toString(), clone.toString());
    git(clone, "branch", "-q", "side", "origin/side");

    Exported first = export(clone, List.of(), Map.of());
    assertEquals(4, first.result().commits(), "c3 and c4, s1 and c2: what the clone has");
    assertEquals(2, first.result().branches());
    assertFalse(first.branch("main").has("first_commit_sha"), "main's root is not in the clone");

    Exported second = export(clone, List.of(), first.staged());
    assertEquals(0, second.result().commits());
    assertEquals(0, second.result().branches(), "nothing moved, nothing resent");

    git(clone, "fetch", "-q", "--unshallow");
    Exported third = export(clone, List.of(), second.staged());
    assertEquals(5, third.result().commits(), "the whole history again, c1 with it");
    assertEquals(2, third.result().branches(), "no tip moved, but the history under them did: every branch is resent");
    assertEquals(c1, third.branch("main").get("first_commit_sha").asText());

    Exported fourth = export(clone, List.of(), third.staged());
    assertEquals(0, fourth.result().commits());
    assertEquals(0, fourth.result().branches());
  }

  /** A repository with main at c1, then c2, and a pull request branch {@code feature} of five commits off c1. */
  private record PullRequestRepo(Path dir, String c1, String c2, List<String> pr) {}

  private PullRequestRepo pullRequestRepo() throws IOException {
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    git(repo, "init", "-q", "-b", "main");
    String c1 = commit(repo, "a.txt", "1\n2\n3\n", "c1");
    git(repo, "checkout", "-q", "-b", "feature");
    List<String> pr = new ArrayList<>();
    pr.add(commit(repo, "f.txt", "a\nb\nc\n", "p1: add f"));
    pr.add(commit(repo, "a.txt", "1\ntwo\n3\n", "p2: change a line"));
    // The lock file is excluded: its lines count in neither the Commit's nor the PullRequestCommit's totals.
    Files.writeString(repo.resolve("package-lock.json"), "{\n}\n");
    git(repo, "add", "package-lock.json");
    pr.add(commit(repo, "b.txt", "x\ny\n", "p3: add b and a lock file\n\nWith a body."));
    pr.add(commit(repo, "f.txt", "a\n", "p4: shorten f"));
    git(repo, "rm", "-q", "b.txt");
    pr.add(commit(repo, "g.txt", "1\n2\n3\n4\n", "p5: b becomes g"));
    git(repo, "checkout", "-q", "main");
    String c2 = commit(repo, "a.txt", "1\n2\n3\n4\n", "c2");
    return new PullRequestRepo(repo, c1, c2, List.copyOf(pr));
  }

  @Test
  void aPullRequestGivenABaseGetsItsCommitsPastTheKnownOnesOldestFirst() throws Exception {
    PullRequestRepo r = pullRequestRepo();
    List<String> pr = r.pr();
    Exported e = export(r.dir(), List.of(new GitRepo.PullRequestHead("pr-7", "7", "feature", pr.get(4), r.c1(),
        List.of(pr.get(0), pr.get(1)))), Map.of());

    assertEquals(List.of(pr.get(2), pr.get(3), pr.get(4)), e.prCommitShas("pr-7"));
    assertEquals(3, e.prCommits().size());
    assertEquals(3, e.result().pullRequestCommits());
    assertEquals(4, e.hostSessions(), "Commit, Branch, Blame and PullRequestCommit");
    assertEquals(7, e.result().commits(), "the history export is unchanged: c1, c2 and the five");
    for (JsonNode c : e.prCommits()) {
      String sha = c.get("sha").asText();
      JsonNode commit = e.commit(sha);
      assertEquals(sha, c.get("ref_id").asText());
      assertEquals("github", c.get("ref_type").asText());
      assertEquals("cust", c.get("customer_id").asText());
      assertEquals("repo-id", c.get("repo_id").asText());
      assertEquals("pr-7", c.get("pull_request_id").asText());
      assertEquals(commit.get("message"), c.get("message"));
      assertEquals(commit.get("author").get("date"), c.get("created_date"));
      assertEquals(commit.get("additions"), c.get("additions"), sha);
      assertEquals(commit.get("deletions"), c.get("deletions"), sha);
      assertFalse(c.has("author_ref_id"), "git knows no accounts");
      assertFalse(c.has("committer_ref_id"), "git knows no accounts");
    }
    JsonNode p3 = e.prCommits().get(0);
    assertEquals("p3: add b and a lock file\n\nWith a body.\n", p3.get("message").asText());
    assertEquals(2, p3.get("additions").asInt(), "b.txt's two lines; the lock file is excluded");
    assertEquals(0, e.prCommits().get(1).get("additions").asInt());
    assertEquals(2, e.prCommits().get(1).get("deletions").asInt());
    assertEquals(4, e.prCommits().get(2).get("additions").asInt());
    assertEquals(2, e.prCommits().get(2).get("deletions").asInt());
  }

  @Test
  void aPullRequestMergedWithAMergeCommitStillGetsItsCommits() throws Exception {
    PullRequestRepo r = pullRequestRepo();
    git(r.dir(), "merge", "-q", "--no-ff", "-m", "Merge pull request #7", "feature");
    String merge = git(r.dir(), "rev-parse", "HEAD").trim();
    git(r.dir(), "branch", "-q", "-D", "feature");

    Exported e = export(r.dir(), List.of(new GitRepo.PullRequestHead("pr-7", "7", "feature", r.pr().get(4), r.c2(),
        List.of())), Map.of());
    assertEquals(r.pr(), e.prCommitShas("pr-7"));
    assertFalse(e.prCommitShas("pr-7").contains(merge));
    assertTrue(e.commitShas().contains(merge));
  }

  @Test
  void withoutABaseNoPullRequestCommitSessionIsOpened() throws Exception {
    PullRequestRepo r = pullRequestRepo();
    Exported e = export(r.dir(), List.of(
        new GitRepo.PullRequestHead("pr-7", "7", "feature", r.pr().get(4)),
        new GitRepo.PullRequestHead("pr-8", "8", "feature", r.pr().get(2), "", List.of(r.pr().get(0)))), Map.of());
    assertEquals(3, e.hostSessions(), "Commit, Branch and Blame only");
    assertEquals(0, e.result().pullRequestCommits());
    assertEquals(List.of(), e.prCommits());
    assertEquals(4, e.result().branches(), "main, feature and both pull requests' heads");
  }

  @Test
  void aPullRequestWhoseBaseIsMissingIsSkippedWithOneWarningAndNothingElseChanges() throws Exception {
    PullRequestRepo r = pullRequestRepo();
    Exported e = export(r.dir(), List.of(
        new GitRepo.PullRequestHead("pr-9", "9", "gone-base", r.pr().get(1), MISSING_SHA, List.of()),
        new GitRepo.PullRequestHead("pr-7", "7", "feature", r.pr().get(4), r.c1(), List.of())), Map.of());

    List<String> warnings = logs.messages(Level.WARN);
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("pull request pull/9 (pr-9): base commit " + MISSING_SHA + " is not in the "
        + "repository"), warnings.get(0));
    assertEquals(List.of(), e.prCommitShas("pr-9"));
    assertEquals(r.pr(), e.prCommitShas("pr-7"));
    assertEquals(7, e.result().commits());
    assertEquals(4, e.result().branches(), "main, feature and both heads: a base does not matter for the branch");
    assertEquals(r.pr().get(1), e.branch("pull/9").get("tip_sha").asText());
  }

  @Test
  void theIntegrationMayKeepItsOwnPullRequestCommitSessionOpenMeanwhile() throws Exception {
    PullRequestRepo r = pullRequestRepo();
    List<String> pr = r.pr();
    String key = "github/repo/acme%2Fapi/sourcecode.PullRequestCommit";
    Exported e = export(r.dir(), List.of(new GitRepo.PullRequestHead("pr-7", "7", "feature", pr.get(4), r.c1(),
        List.of(pr.get(0), pr.get(1)))), Map.of(), session -> {
          ModelSession own = session.model(PullRequestCommit.MODEL);
          // Larger than a batch, so that its stream is open while the host sends into its own.
          own.send(apiCommit(pr.get(0), "x".repeat(ModelSession.BATCH_BYTES + 1)));
          return () -> {
            own.send(apiCommit(pr.get(1), "p2"));
            own.done("cursor-1");
          };
        });
    assertEquals(List.of(pr.get(0), pr.get(2), pr.get(3), pr.get(4), pr.get(1)), e.prCommitShas("pr-7"),
        "the integration's first one, the host's three, then the integration's second");
    assertEquals("U1", e.prCommits().get(0).get("author_ref_id").asText());
    assertEquals("cursor-1", e.staged().get(key), "the host's session stages no token over the integration's");
  }

  private static PullRequestCommit apiCommit(String sha, String message) {
    return PullRequestCommit.builder().customerId("cust").refType("github").refId(sha).sha(sha).pullRequestId("pr-7")
        .repoId("repo-id").message(message).authorRefId("U1").committerRefId("U1").build();
  }

  private Exported export(Path repo, List<GitRepo.PullRequestHead> prs, Map<String, String> stored)
      throws Exception {
    return export(repo, prs, stored, session -> () -> { });
  }

  /**
   * @param around runs with the caller's tracking session before the call, and returns what to run
   *     after it (before the tracking session is done)
   */
  private Exported export(Path repo, List<GitRepo.PullRequestHead> prs, Map<String, String> stored,
      Function<TrackingSession, Runnable> around) throws Exception {
    ExportOutput output = new ExportOutput(Files.createDirectories(tmp.resolve("export-" + ++exports)), 1 << 20);
    HostAgent host = new HostAgent("github", k -> stored.getOrDefault(k, ""), false, output,
        new HostGitExport(new RepoCache(tmp.resolve("cache")), tmp.resolve("blame"), "cust"));
    CallbackServer server = CallbackServer.start(host, "tok");
    ManagedChannel channel = Loopback.channel(server.address(), "tok");
    try {
      AgentClient client = new AgentClient(channel);
      Sessions sessions = new Sessions(client);
      TrackingSession session = sessions.tracking("repo", "acme/api");
      GitRepo.Builder b = GitRepo.builder(repo.toString()).repo("acme/api", "repo-id", "github");
      prs.forEach(b::pullRequest);
      Runnable after = around.apply(session);
      // Session ids count up by one per session: probes either side tell how many the host opened.
      long before = probe(sessions, session);
      GitRepoResult r = client.exportGitRepo(session.id(), b.build());
      long hostSessions = probe(sessions, session) - before - 1;
      after.run();
      session.done();
      Map<String, List<JsonNode>> byModel = new HashMap<>();
      for (OutputFile f : output.closeIntegration("github")) {
        for (String line : gunzip(output.exportDir().resolve(f.path())).lines().toList()) {
          byModel.computeIfAbsent(f.modelType(), k -> new ArrayList<>()).add(Json.mapper().readTree(line));
        }
      }
      List<JsonNode> branches = byModel.getOrDefault("sourcecode.Branch", List.of());
      List<JsonNode> prCommits = byModel.getOrDefault("sourcecode.PullRequestCommit", List.of());
      assertEquals(r.branches(), branches.size());
      assertTrue(host.stagedTokens().keySet().stream().anyMatch(k -> k.endsWith("sourcecode.Commit")));
      return new Exported(r, Map.copyOf(host.stagedTokens()), byModel.getOrDefault("sourcecode.Commit", List.of()),
          branches, prCommits, hostSessions);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      server.close();
    }
  }

  /** Opens and ends an empty session under {@code session}; returns its id. */
  private static long probe(Sessions sessions, TrackingSession session) {
    ModelSession probe = sessions.model(session.id(), "sourcecode.Probe");
    probe.done();
    return probe.id();
  }

  private String commit(Path repo, String file, String text, String message) throws IOException {
    Files.writeString(repo.resolve(file), text);
    git(repo, "add", file);
    git(repo, "commit", "-q", "-m", message);
    return git(repo, "rev-parse", "HEAD").trim();
  }

  private String git(Path repo, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("git", "-c", "commit.gpgsign=false", "-c", "core.autocrlf=false"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("HOME", tmp.toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_AUTHOR_NAME", "Ada");
    env.put("GIT_AUTHOR_EMAIL", "ada@example.com");
    env.put("GIT_COMMITTER_NAME", "Ada");
    env.put("GIT_COMMITTER_EMAIL", "ada@example.com");
    clock += 60;
    env.put("GIT_AUTHOR_DATE", clock + " +0000");
    env.put("GIT_COMMITTER_DATE", clock + " +0000");
    Process p = pb.start();
    p.getOutputStream().close();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try {
      if (p.waitFor() != 0) {
        throw new AssertionError("git " + String.join(" ", args) + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
    return out;
  }

  private static String gunzip(Path f) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(f))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toString(StandardCharsets.UTF_8);
    }
  }
}
