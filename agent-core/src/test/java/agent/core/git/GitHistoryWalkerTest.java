package agent.core.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.model.sourcecode.Branch;
import agent.rpcdef.model.sourcecode.Commit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHistoryWalkerTest {
  @TempDir
  Path tmp;

  private record Walked(List<Commit> commits, GitHistoryWalker.Result result, List<long[]> progress) {
    Set<String> shas() {
      return commits.stream().map(Commit::sha).collect(Collectors.toSet());
    }

    Branch branch(String name) {
      return result.branches().stream().filter(b -> b.name().equals(name)).findFirst().orElseThrow();
    }

    Commit commit(String sha) {
      return commits.stream().filter(c -> c.sha().equals(sha)).findFirst().orElseThrow();
    }
  }

  private static Walked walk(GitCli git, String token, GitHistoryWalker.Options options) throws IOException {
    List<Commit> commits = new ArrayList<>();
    List<long[]> progress = new ArrayList<>();
    try (Repository repo = new FileRepositoryBuilder().setGitDir(git.dir().resolve(".git").toFile()).build()) {
      GitHistoryWalker.Result r = new GitHistoryWalker(repo, options)
          .walk(token, commits::add, (done, total) -> progress.add(new long[] {done, total}));
      return new Walked(commits, r, progress);
    }
  }

  private static Walked walk(GitCli git, String token) throws IOException {
    return walk(git, token, GitHistoryWalker.Options.of("cust", "git", "repo-id").withThreads(2));
  }

  @Test
  void secondWalkEmitsExactlyTheNewCommitsOfEveryBranch() throws IOException {
    GitCli git = GitCli.init(tmp.resolve("repo"));
    git.write("a.txt", "1\n").commit("c1");
    git.write("a.txt", "2\n").commit("c2");
    git.run("checkout", "-q", "-b", "b1");
    git.write("b.txt", "1\n").commit("b1-1");
    git.run("checkout", "-q", "main");
    Walked first = walk(git, null);
    assertEquals(3, first.commits().size());

    String m3 = git.write("a.txt", "3\n").commit("c3");
    String m4 = git.write("a.txt", "4\n").commit("c4");
    git.run("checkout", "-q", "b1");
    String b12 = git.write("b.txt", "2\n").commit("b1-2");
    git.run("checkout", "-q", "-b", "b2");
    String b21 = git.write("c.txt", "1\n").commit("b2-1");
    git.run("checkout", "-q", "main");

    Walked second = walk(git, first.result().token());
    assertEquals(Set.of(m3, m4, b12, b21), second.shas());
    assertEquals(4, second.commits().size(), "each commit once");
    assertEquals(4, second.progress().get(second.progress().size() - 1)[0]);
    assertEquals(4, second.progress().get(0)[1]);

    Walked third = walk(git, second.result().token());
    assertTrue(third.commits().isEmpty(), "nothing new, nothing emitted");
    assertEquals(second.result().token(), third.result().token());
    assertEquals(3, third.result().branches().size(), "branches are always exported");
  }

  @Test
  void forcePushAndDeletedBranchEmitTheNewLineWithoutGapOrCrash() throws IOException {
    GitCli git = GitCli.init(tmp.resolve("repo"));
    git.write("a.txt", "1\n").commit("c1");
    String c2 = git.write("a.txt", "2\n").commit("c2");
    git.run("checkout", "-q", "-b", "topic");
    git.write("t.txt", "1\n").commit("t1");
    git.write("t.txt", "2\n").commit("t2");
    git.run("checkout", "-q", "-b", "doomed");
    git.write("d.txt", "1\n").commit("d1");
    git.run("checkout", "-q", "main");
    Walked first = walk(git, null);
    assertEquals(5, first.commits().size());

    // Force-push: topic is rewritten from c2; doomed is deleted.
    git.run("checkout", "-q", "topic");
    git.run("reset", "-q", "--hard", c2);
    String rewritten = git.write("t.txt", "rewritten\n").commit("t1'");
    git.run("checkout", "-q", "main");
    git.run("branch", "-D", "doomed");

    Walked second = walk(git, first.result().token());
    assertEquals(Set.of(rewritten), second.shas());
    assertEquals(Set.of("main", "topic"),
        second.result().branches().stream().map(Branch::name).collect(Collectors.toSet()));
    assertFalse(HistoryToken.parse(second.result().token()).tips().containsKey("refs/heads/doomed"));

    // A previous tip the repository no longer has: the walk starts over rather than fail.
    String gone = new HistoryToken(Map.of("refs/heads/main", "0123456789012345678901234567890123456789")).format();
    assertEquals(3, walk(git, gone).commits().size(), "c1, c2 and t1'");
    assertEquals(3, walk(git, "not json at all").commits().size(), "an unreadable token means a full export");
  }

  @Test
  void branchesKnowWhereTheyStandAgainstTheDefaultBranch() throws IOException {
    GitCli git = GitCli.init(tmp.resolve("repo"));
    String c1 = git.write("a.txt", "1\n").commit("c1");
    git.run("branch", "feature");
    String c2 = git.write("a.txt", "2\n").commit("c2");
    git.run("branch", "fast");
    git.run("checkout", "-q", "feature");
    String f1 = git.write("f.txt", "1\n").commit("f1");
    String f2 = git.write("f.txt", "2\n").commit("f2");
    git.run("checkout", "-q", "main");
    git.run("merge", "-q", "--no-ff", "-m", "merge feature", "feature");
    String merge = git.head();
    String c3 = git.write("a.txt", "3\n").commit("c3");
    git.run("checkout", "-q", "-b", "topic");
    String t1 = git.write("t.txt", "1\n").commit("t1");
    git.run("checkout", "-q", "main");

    GitHistoryWalker.Options options = GitHistoryWalker.Options.of("cust", "git", "repo-id").withThreads(2);
    options = new GitHistoryWalker.Options(options.customerId(), options.refType(), options.repoId(), List.of(), null,
        "https://git.example.com/acme/api/commit/{sha}", "https://git.example.com/acme/api/tree/{branch}",
        options.exclusions(), 2, List.of());
    Walked w = walk(git, null, options);

    Branch main = w.branch("main");
    assertTrue(main.isDefault());
    assertFalse(main.merged());
    assertEquals(c1, main.firstCommitSha(), "the default branch starts at its root");
    assertEquals(List.of(git.run("rev-list", "--date-order", "--reverse", "main").trim().split("\n")),
        main.commitShas(), "the default branch lists every commit it has, parents first");
    assertEquals(List.of(c1, c2, f1, f2, merge, c3), main.commitShas());
    assertEquals(0, main.aheadDefaultCount());
    assertEquals(0, main.behindDefaultCount());
    assertEquals("https://git.example.com/acme/api/tree/main", main.url());

    Branch feature = w.branch("feature");
    assertTrue(feature.merged());
    assertEquals(merge, feature.mergeCommitSha());
    assertEquals(List.of(f1, f2), feature.commitShas());
    assertEquals(f1, feature.firstCommitSha());
    assertEquals(List.of(c1), feature.branchedFromCommitShas());
    // Merged: ahead by the commits it brought in, behind by none (git's rev-list would say 0 and 3).
    assertEquals(2, feature.aheadDefaultCount());
    assertEquals(0, feature.behindDefaultCount());

    Branch fast = w.branch("fast");
    assertTrue(fast.merged());
    assertNull(fast.mergeCommitSha(), "its tip is on main's first-parent line");
    assertTrue(fast.commitShas().isEmpty());
    assertEquals(0, fast.aheadDefaultCount(), "a fast-forward brought in no commits of its own");
    assertEquals(0, fast.behindDefaultCount());

    Branch topic = w.branch("topic");
    assertFalse(topic.merged());
    assertEquals(List.of(t1), topic.commitShas());
    assertEquals(List.of(c3), topic.branchedFromCommitShas());
    assertEquals(1, topic.aheadDefaultCount());
    assertEquals(0, topic.behindDefaultCount());
    assertEquals(t1, topic.tipSha());

    // Positions in git log --date-order --reverse: every commit here is a minute after the one before.
    assertEquals(1, w.commit(c1).ordinal());
    assertEquals(2, w.commit(c2).ordinal());
    assertEquals(3, w.commit(f1).ordinal());
    assertEquals(4, w.commit(f2).ordinal());
    assertEquals(5, w.commit(merge).ordinal());
    assertEquals(6, w.commit(c3).ordinal());
    assertEquals(7, w.commit(t1).ordinal());
    assertEquals(List.of(c2, f2), w.commit(merge).parents());

    List<String> order = w.commits().stream().map(Commit::sha).toList();
    for (Commit c : w.commits()) {
      for (String p : c.parents()) {
        assertTrue(order.indexOf(p) < order.indexOf(c.sha()), "parents come before children");
      }
    }
  }

  @Test
  void commitCarriesIdentityDatesOffsetsAndUrl() throws IOException {
    GitCli git = GitCli.init(tmp.resolve("repo"));
    String sha = git.write("src/Main.java", "class Main {}\n").write("vendor/lib/x.go", "package x\n")
        .commit("first\n\nwith a body");
    GitHistoryWalker.Options o = GitHistoryWalker.Options.of("cust", "git", "repo-id");
    o = new GitHistoryWalker.Options("cust", "git", "repo-id", List.of(), null, "https://x/{sha}", null,
        o.exclusions(), 1, List.of());
    Commit c = walk(git, null, o).commit(sha);
    assertEquals("first\n\nwith a body\n", c.message());
    assertEquals("Ada Lovelace", c.author().name());
    assertEquals("ada@example.com", c.author().email());
    assertEquals(120, c.author().date().offset());
    assertEquals("Charles Babbage", c.committer().name());
    assertEquals(-330, c.committer().date().offset());
    assertEquals(c.author().date().epoch() + 30_000, c.committer().date().epoch());
    assertEquals("https://x/" + sha, c.url());
    assertEquals(2, c.filesChanged());
    assertEquals(1, c.additions(), "the vendored file is left out of the totals");
    assertEquals("Java", c.files().get(0).language());
    assertTrue(c.files().get(1).excluded());
    assertEquals("vendored (vendor/)", c.files().get(1).excludedReason());
  }

  @Test
  void branchGlobsChooseTheBranches() throws IOException {
    GitCli git = GitCli.init(tmp.resolve("repo"));
    git.write("a.txt", "1\n").commit("c1");
    git.run("checkout", "-q", "-b", "release/1.0");
    String r = git.write("r.txt", "1\n").commit("r1");
    git.run("checkout", "-q", "-b", "wip");
    git.write("w.txt", "1\n").commit("w1");
    git.run("checkout", "-q", "main");
    Walked w = walk(git, null, GitHistoryWalker.Options.of("cust", "git", "repo-id")
        .withBranchGlobs(List.of("main", "release/*")));
    assertEquals(2, w.commits().size());
    assertTrue(w.shas().contains(r));
    assertEquals(List.of("main", "release/1.0"), w.result().branches().stream().map(Branch::name).toList());
  }

  @Test
  void aFailingConsumerStopsTheWalkAndItsWorkers() throws Exception {
    GitCli git = GitCli.init(tmp.resolve("repo"));
    for (int i = 0; i < 20; i++) {
      git.write("a.txt", i + "\n").commit("c" + i);
    }
    try (Repository repo = new FileRepositoryBuilder().setGitDir(git.dir().resolve(".git").toFile()).build()) {
      GitHistoryWalker walker = new GitHistoryWalker(repo,
          GitHistoryWalker.Options.of("cust", "git", "repo-id").withThreads(2));
      List<Commit> seen = new ArrayList<>();
      IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
          () -> walker.walk(null, c -> {
            if (seen.size() == 3) {
              throw new IllegalStateException("disk full");
            }
            seen.add(c);
          }, (done, total) -> { }));
      assertEquals("disk full", e.getMessage());
      assertEquals(3, seen.size());
    }
    // A terminated pool's threads may take a moment to finish exiting.
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("git-diff-")) {
        t.join(5_000);
        assertFalse(t.isAlive(), "no diff worker outlives its walk: " + t.getName());
      }
    }
  }

  @Test
  void anEmptyRepositoryHasNothingToExport() throws IOException {
    GitCli git = GitCli.init(tmp.resolve("repo"));
    Walked w = walk(git, null);
    assertTrue(w.commits().isEmpty());
    assertTrue(w.result().branches().isEmpty());
    assertEquals("{\"refs\":{},\"ordinal\":0}", w.result().token());
  }

  @Test
  void pullRequestHeadsOnNoBranchAreExportedOnceAsLinkedBranches() throws IOException {
    GitCli git = GitCli.init(tmp.resolve("repo"));
    String c1 = git.write("a.txt", "1\n").commit("c1");
    git.run("checkout", "-q", "-b", "fix/retry");
    String p1 = git.write("p.txt", "1\n").commit("p1");
    String p2 = git.write("p.txt", "2\n").commit("p2");
    git.run("checkout", "-q", "main");
    // The pull request's branch is gone (a fork's, or deleted); only GitHub's pull ref keeps its head.
    git.run("update-ref", "refs/pull/1/head", p2);
    git.run("branch", "-q", "-D", "fix/retry");
    String c2 = git.write("a.txt", "2\n").commit("c2");

    GitHistoryWalker.PullRequestHead pr = new GitHistoryWalker.PullRequestHead("pr-id-1", "1", "fix/retry", p2);
    GitHistoryWalker.PullRequestHead missing =
        new GitHistoryWalker.PullRequestHead("pr-id-2", "2", "gone", "0123456789abcdef0123456789abcdef01234567");
    GitHistoryWalker.PullRequestHead garbage = new GitHistoryWalker.PullRequestHead("pr-id-3", "3", "bad", "nope");
    GitHistoryWalker.Options options = GitHistoryWalker.Options.of("cust", "github", "repo-id").withThreads(2)
        .withPullRequests(List.of(pr, missing, garbage));

    Walked first = walk(git, null, options);
    assertEquals(Set.of(c1, c2, p1, p2), first.shas());
    assertEquals(4, first.commits().size(), "each commit once, the pull request's included");
    assertEquals(List.of("main", "fix/retry"), first.result().branches().stream().map(Branch::name).toList(),
        "the missing heads are skipped, not fatal");
    Branch b = first.branch("fix/retry");
    assertEquals("pr-id-1", b.pullRequestId());
    assertEquals("pull/1", b.refId());
    assertFalse(b.isDefault());
    assertFalse(b.merged());
    assertEquals(List.of(p1, p2), b.commitShas());
    assertEquals(p1, b.firstCommitSha());
    assertEquals(List.of(c1), b.branchedFromCommitShas());
    assertEquals(2, b.aheadDefaultCount());
    assertEquals(1, b.behindDefaultCount());
    assertEquals(p2, b.tipSha());
    assertNull(first.branch("main").pullRequestId());
    assertTrue(first.branch("main").isDefault(), "a pull request head never becomes the default branch");
    assertEquals(Map.of("refs/heads/main", c2, "pull/1", p2), HistoryToken.parse(first.result().token()).tips());

    Walked second = walk(git, first.result().token(), options);
    assertTrue(second.commits().isEmpty(), "the same head emits nothing new");

    git.run("checkout", "-q", p2);
    String p3 = git.write("p.txt", "3\n").commit("p3");
    git.run("checkout", "-q", "main");
    GitHistoryWalker.PullRequestHead moved = new GitHistoryWalker.PullRequestHead("pr-id-1", "1", "fix/retry", p3);
    Walked third = walk(git, second.result().token(), options.withPullRequests(List.of(moved)));
    assertEquals(List.of(p3), third.commits().stream().map(Commit::sha).toList());
    assertEquals(3, third.branch("fix/retry").aheadDefaultCount());
  }

  @Test
  void aPullRequestHeadNeverTakesTheDefaultBranchsPlaceInAnEmptyRepository() throws IOException {
    GitCli git = GitCli.init(tmp.resolve("repo"));
    Walked w = walk(git, null, GitHistoryWalker.Options.of("cust", "git", "repo-id")
        .withPullRequests(List.of(new GitHistoryWalker.PullRequestHead("pr", "9", "x",
            "0123456789abcdef0123456789abcdef01234567"))));
    assertTrue(w.commits().isEmpty());
    assertTrue(w.result().branches().isEmpty());
  }
}
