package agent.core.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.model.sourcecode.Commit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit's {@code ordinal}: its position in {@code git log --date-order --reverse} of the exported
 * branches in a full export, numbered on from the token's highest ordinal in an incremental one.
 * Held against the git CLI, with skewed clocks, equal commit times and tips that tie.
 */
class CommitOrdinalTest {
  @TempDir
  Path tmp;

  private record Walked(List<Commit> commits, GitHistoryWalker.Result result) {
    Map<String, Long> ordinals() {
      Map<String, Long> m = new HashMap<>();
      commits.forEach(c -> m.put(c.sha(), c.ordinal()));
      return m;
    }

    List<String> shas() {
      return commits.stream().map(Commit::sha).toList();
    }
  }

  private static Walked walk(GitCli git, String token) throws IOException {
    List<Commit> commits = new ArrayList<>();
    try (Repository repo = new FileRepositoryBuilder().setGitDir(git.dir().resolve(".git").toFile()).build()) {
      GitHistoryWalker.Result r = new GitHistoryWalker(repo,
          GitHistoryWalker.Options.of("cust", "git", "repo-id").withThreads(2)).walk(token, commits::add, (d, t) -> { });
      return new Walked(commits, r);
    }
  }

  /** {@code git log --reverse --format=%H} with the given options and revisions, no commit-graph file. */
  private static List<String> log(GitCli git, String... args) {
    List<String> cmd = new ArrayList<>(List.of("-c", "core.commitGraph=false", "log", "--reverse", "--format=%H"));
    cmd.addAll(Arrays.asList(args));
    String out = git.run(cmd.toArray(String[]::new)).trim();
    return out.isEmpty() ? List.of() : List.of(out.split("\n"));
  }

  /** The exported commits numbered by the walk, in the order the walk emitted them. */
  private static void assertNumbered(List<String> expectedOrder, long after, Walked w) {
    assertEquals(expectedOrder, w.shas(), "emitted in git's order");
    for (int i = 0; i < expectedOrder.size(); i++) {
      assertEquals(after + i + 1, w.ordinals().get(expectedOrder.get(i)), "ordinal of " + expectedOrder.get(i));
    }
  }

  /**
   * A history whose clocks disagree: a commit dated before its parent, commits and tips with equal
   * commit times, a merge. Returns commit name to sha.
   */
  private static Map<String, String> skewedHistory(GitCli git) throws IOException {
    Map<String, String> sha = new HashMap<>();
    long t = 1_700_000_000L;
    sha.put("c1", git.write("a.txt", "1\n").commitAt("c1", t + 1000));
    git.run("branch", "b");
    sha.put("c2", git.write("a.txt", "2\n").commitAt("c2", t + 2000));
    git.run("checkout", "-q", "b");
    sha.put("b1", git.write("b.txt", "1\n").commitAt("b1", t + 2000));
    sha.put("b2", git.write("b.txt", "2\n").commitAt("b2", t + 1500));
    git.run("checkout", "-q", "-b", "skew", sha.get("c2"));
    // A clock set back by an hour: dated before its parent.
    sha.put("s1", git.write("s.txt", "1\n").commitAt("s1", t - 3600));
    sha.put("s2", git.write("s.txt", "2\n").commitAt("s2", t + 3000));
    git.run("checkout", "-q", "main");
    git.run("merge", "-q", "--no-ff", "-m", "merge b", "b");
    sha.put("merge", git.head());
    // Two tips with the same commit time, neither an ancestor of the other.
    git.run("checkout", "-q", "-b", "x", sha.get("c1"));
    sha.put("x1", git.write("x.txt", "1\n").commitAt("x1", t + 4000));
    git.run("checkout", "-q", "-b", "y", sha.get("c1"));
    sha.put("y1", git.write("y.txt", "1\n").commitAt("y1", t + 4000));
    git.run("checkout", "-q", "main");
    return sha;
  }

  @Test
  void aFullExportNumbersCommitsInGitDateOrderFromOne() throws IOException {
    GitCli git = GitCli.init(tmp.resolve("repo"));
    Map<String, String> sha = skewedHistory(git);
    Walked w = walk(git, null);

    // The exported branches in the walker's order (by ref name): b, main, skew, x, y.
    assertNumbered(log(git, "--date-order", "--branches"), 0, w);
    assertEquals(w.commits().size(), HistoryToken.parse(w.result().token()).ordinal());
    Map<String, Long> o = w.ordinals();
    for (Commit c : w.commits()) {
      for (String p : c.parents()) {
        assertTrue(o.get(p) < c.ordinal(), "a parent's ordinal is lower than its child's: " + c.message());
      }
    }
    assertTrue(o.get(sha.get("s1")) > o.get(sha.get("c2")), "dated before its parent, numbered after it");
    // Git lists tips of equal time newest first in the order of their refs (x, y); reversed, y comes first.
    assertEquals(o.get(sha.get("y1")) + 1, o.get(sha.get("x1")), "tips at the same time: by their refs");
  }

  @Test
  void withClocksThatAgreeTheOrdinalsAreRipsrcsPositionsInGitLogReverse() throws IOException {
    // ripsrc numbered commits 1..N in the output of `git log --reverse --all` (git's default order);
    // where every commit is dated after its parents and no two share a second, that is this order.
    GitCli git = GitCli.init(tmp.resolve("repo"));
    git.write("a.txt", "1\n").commit("c1");
    git.run("branch", "feature");
    git.write("a.txt", "2\n").commit("c2");
    git.run("checkout", "-q", "feature");
    git.write("f.txt", "1\n").commit("f1");
    git.write("f.txt", "2\n").commit("f2");
    git.run("checkout", "-q", "main");
    git.run("merge", "-q", "--no-ff", "-m", "merge feature", "feature");
    git.write("a.txt", "3\n").commit("c3");
    git.run("checkout", "-q", "-b", "topic");
    git.write("t.txt", "1\n").commit("t1");
    git.run("checkout", "-q", "main");
    git.write("a.txt", "4\n").commit("c4");

    Walked w = walk(git, null);
    assertNumbered(log(git, "--all"), 0, w);
    assertEquals(log(git, "--date-order", "--branches"), log(git, "--all"));
  }

  @Test
  void anIncrementalExportNumbersItsCommitsOnFromTheHighestOrdinalSoFar() throws IOException {
    GitCli git = GitCli.init(tmp.resolve("repo"));
    Map<String, String> sha = skewedHistory(git);
    Walked first = walk(git, null);
    HistoryToken firstToken = HistoryToken.parse(first.result().token());
    long last = firstToken.ordinal();
    assertEquals(first.commits().size(), last);

    long t = 1_700_000_000L;
    git.write("a.txt", "5\n").commitAt("m5", t + 5000);
    git.run("checkout", "-q", "b");
    git.write("b.txt", "3\n").commitAt("b3", t + 5000);
    // New, yet dated before everything exported so far: still numbered after it.
    git.run("checkout", "-q", "-b", "old", sha.get("c1"));
    git.write("o.txt", "1\n").commitAt("o1", t - 99_999);
    git.run("checkout", "-q", "main");

    Walked second = walk(git, first.result().token());
    List<String> revisions = new ArrayList<>(List.of("--date-order", "--branches", "--not"));
    revisions.addAll(firstToken.tips().values());
    assertNumbered(log(git, revisions.toArray(String[]::new)), last, second);
    assertEquals(3, second.commits().size());
    assertEquals(last + 3, HistoryToken.parse(second.result().token()).ordinal());

    // Nothing new: nothing numbered, the token stays.
    Walked third = walk(git, second.result().token());
    assertEquals(List.of(), third.commits());
    assertEquals(second.result().token(), third.result().token());

    // A force push: the rewritten commit is numbered on, never given an ordinal used before.
    git.run("checkout", "-q", "old");
    git.run("reset", "-q", "--hard", sha.get("c1"));
    String rewritten = git.write("o.txt", "again\n").commitAt("o1'", t - 99_999);
    git.run("checkout", "-q", "main");
    Walked fourth = walk(git, third.result().token());
    assertEquals(List.of(rewritten), fourth.shas());
    assertEquals(last + 4, fourth.commits().get(0).ordinal());

    Set<Long> given = new HashSet<>();
    for (Walked w : List.of(first, second, fourth)) {
      for (Commit c : w.commits()) {
        assertTrue(given.add(c.ordinal()), "ordinal " + c.ordinal() + " given twice");
      }
    }
  }

  @Test
  void aTokenWithoutAnOrdinalGoesOnFromTheCommitsItCovered() throws IOException {
    GitCli git = GitCli.init(tmp.resolve("repo"));
    skewedHistory(git);
    Walked first = walk(git, null);
    HistoryToken recorded = HistoryToken.parse(first.result().token());
    // What an agent that numbered topological levels wrote: the tips only.
    String legacy = new HistoryToken(recorded.tips(), recorded.shallow()).format();
    assertEquals(HistoryToken.NO_ORDINAL, HistoryToken.parse(legacy).ordinal());

    String m5 = git.write("a.txt", "5\n").commit("m5");
    Walked second = walk(git, legacy);
    assertEquals(List.of(m5), second.shas());
    List<String> covered = new ArrayList<>(List.of("rev-list", "--count"));
    covered.addAll(recorded.tips().values());
    long before = Long.parseLong(git.run(covered.toArray(String[]::new)).trim());
    assertEquals(before + 1, second.commits().get(0).ordinal());
    assertEquals(before + 1, HistoryToken.parse(second.result().token()).ordinal());
  }
}
