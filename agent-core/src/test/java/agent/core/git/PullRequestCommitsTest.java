package agent.core.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.testing.CapturedLogs;
import agent.rpcdef.model.Date;
import agent.rpcdef.model.sourcecode.PullRequestCommit;
import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class PullRequestCommitsTest {
  private static final String MISSING = "0123456789abcdef0123456789abcdef01234567";

  @TempDir Path tmp;
  @RegisterExtension final CapturedLogs logs = CapturedLogs.of(PullRequestCommits.class);

  private static List<PullRequestCommit> export(GitCli git, int limit, GitHistoryWalker.PullRequestHead... prs)
      throws IOException {
    List<PullRequestCommit> out = new ArrayList<>();
    GitHistoryWalker.Options options = GitHistoryWalker.Options.of("cust", "github", "repo-id").withThreads(2)
        .withPullRequests(List.of(prs));
    try (Repository repo = new FileRepositoryBuilder().setGitDir(git.dir().resolve(".git").toFile()).build()) {
      new PullRequestCommits(repo, options, "acme/api", limit).export(out::add);
    }
    return out;
  }

  private static List<String> shas(List<PullRequestCommit> commits) {
    return commits.stream().map(PullRequestCommit::sha).toList();
  }

  @Test
  void parentsComeBeforeChildrenAndSideLinesByCommitTime() throws IOException {
    GitCli git = GitCli.init(tmp.resolve("repo"));
    String base = git.write("a.txt", "1\n").commit("base");
    git.run("checkout", "-q", "-b", "pr");
    String p1 = git.write("p.txt", "1\n").commit("p1");
    git.run("checkout", "-q", "-b", "side");
    git.run("checkout", "-q", "pr");
    String p2 = git.write("p.txt", "2\n").commit("p2");
    git.run("checkout", "-q", "side");
    // Made after p2, on a line of its own: it comes after p2, though it is merged as a second parent.
    String s1 = git.write("s.txt", "1\n").commit("s1");
    git.run("checkout", "-q", "pr");
    git.run("merge", "-q", "--no-ff", "-m", "merge side", "side");
    String merge = git.head();

    List<PullRequestCommit> got = export(git, 100,
        new GitHistoryWalker.PullRequestHead("pr-1", "1", "pr", merge, base, List.of()));
    assertEquals(List.of(p1, p2, s1, merge), shas(got));
    // The author date with the author's offset (GitCli commits at +0200).
    Date created = got.get(0).createdDate();
    assertEquals(120, created.offset());
    assertEquals(Long.parseLong(git.run("show", "-s", "--format=%at", p1).trim()) * 1000, created.epoch());
  }

  @Test
  void aPullRequestPastTheCapGetsItsOldestCommitsAndOneWarning() throws IOException {
    GitCli git = GitCli.init(tmp.resolve("repo"));
    String base = git.write("a.txt", "0\n").commit("base");
    List<String> pr = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      pr.add(git.write("a.txt", i + "\n").commit("p" + i));
    }
    List<PullRequestCommit> got = export(git, 2,
        new GitHistoryWalker.PullRequestHead("pr-1", "1", "pr", pr.get(4), base, List.of(pr.get(0))));
    assertEquals(List.of(pr.get(1), pr.get(2)), shas(got));
    assertEquals(List.of("git repository acme/api: pull request pull/1 (pr-1) has 4 commits besides its 1 known "
        + "ones, more than 2: exporting the oldest 2 only"), logs.messages(Level.WARN));
  }

  @Test
  void aMissingHeadOrAnUnreadableShaSkipsThatPullRequestOnly() throws IOException {
    GitCli git = GitCli.init(tmp.resolve("repo"));
    String base = git.write("a.txt", "0\n").commit("base");
    String p1 = git.write("a.txt", "1\n").commit("p1");
    List<PullRequestCommit> got = export(git, 100,
        new GitHistoryWalker.PullRequestHead("pr-1", "1", "gone", MISSING, base, List.of()),
        new GitHistoryWalker.PullRequestHead("pr-2", "2", "bad", p1, "not-a-sha", List.of()),
        new GitHistoryWalker.PullRequestHead("pr-3", "3", "ok", p1, base, List.of()),
        new GitHistoryWalker.PullRequestHead("pr-4", "4", "no base", p1));
    assertEquals(List.of(p1), shas(got));
    assertEquals("pr-3", got.get(0).pullRequestId());
    List<String> warnings = logs.messages(Level.WARN);
    assertEquals(2, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("pull request pull/1 (pr-1): head commit " + MISSING + " is not"),
        warnings.get(0));
    assertTrue(warnings.get(1).contains("pull request pull/2 (pr-2): base commit not-a-sha is not"), warnings.get(1));
  }
}
