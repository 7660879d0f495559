package agent.core.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.git.RepoCache;
import agent.core.output.ExportOutput;
import agent.core.output.OutputFile;
import agent.core.plugin.CallbackServer;
import agent.rpcdef.GitRepo;
import agent.rpcdef.GitRepoResult;
import agent.rpcdef.Json;
import agent.rpcdef.Sessions;
import agent.rpcdef.TrackingSession;
import agent.rpcdef.internal.grpc.AgentClient;
import agent.rpcdef.internal.grpc.Loopback;
import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.ManagedChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ExportGitRepo with pull requests, as a GitHub or GitLab plugin calls it: over the real callback
 * server on loopback, into real model files, with the tokens carried from one export to the next.
 */
class HostGitExportTest {
  private static final String MISSING_SHA = "0123456789abcdef0123456789abcdef01234567";

  @TempDir Path tmp;
  private int exports;
  private long clock = 1_700_000_000L;

  private record Exported(GitRepoResult result, Map<String, String> staged, List<String> commitShas,
      List<JsonNode> branches) {
    JsonNode branch(String refId) {
      return branches.stream().filter(b -> b.get("ref_id").asText().equals(refId)).findFirst().orElseThrow();
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

  private Exported export(Path repo, List<GitRepo.PullRequestHead> prs, Map<String, String> stored)
      throws Exception {
    ExportOutput output = new ExportOutput(Files.createDirectories(tmp.resolve("export-" + ++exports)), 1 << 20);
    HostAgent host = new HostAgent("github", k -> stored.getOrDefault(k, ""), false, output,
        new HostGitExport(new RepoCache(tmp.resolve("cache")), "cust"));
    CallbackServer server = CallbackServer.start(host, "tok");
    ManagedChannel channel = Loopback.channel(server.address(), "tok");
    try {
      AgentClient client = new AgentClient(channel);
      TrackingSession session = new Sessions(client).tracking("repo", "acme/api");
      GitRepo.Builder b = GitRepo.builder(repo.toString()).repo("acme/api", "repo-id", "github");
      prs.forEach(b::pullRequest);
      GitRepoResult r = client.exportGitRepo(session.id(), b.build());
      session.done();
      List<String> commits = new ArrayList<>();
      List<JsonNode> branches = new ArrayList<>();
      for (OutputFile f : output.closeIntegration("github")) {
        for (String line : gunzip(output.exportDir().resolve(f.path())).lines().toList()) {
          JsonNode n = Json.mapper().readTree(line);
          if (f.modelType().equals("sourcecode.Commit")) {
            commits.add(n.get("sha").asText());
          } else if (f.modelType().equals("sourcecode.Branch")) {
            branches.add(n);
          }
        }
      }
      assertEquals(r.branches(), branches.size());
      assertTrue(host.stagedTokens().keySet().stream().anyMatch(k -> k.endsWith("sourcecode.Commit")));
      return new Exported(r, Map.copyOf(host.stagedTokens()), commits, branches);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      server.close();
    }
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
