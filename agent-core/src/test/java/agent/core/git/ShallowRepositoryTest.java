package agent.core.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.testing.CapturedLogs;
import agent.rpcdef.model.sourcecode.Branch;
import agent.rpcdef.model.sourcecode.Commit;
import agent.rpcdef.model.sourcecode.CommitFile;
import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shallow clone ({@code git clone --depth 5 --no-single-branch}) of a repository with four
 * branches, made with the git CLI, exported as it is and after it was pulled, fetched shallower,
 * deepened and unshallowed. The source (every branch local, 27 commits):
 *
 * <pre>
 *   m1 .. m12 ─ f1 f2 f3                                  feature (forked beyond the clone's depth)
 *          └─ m13 m14 m15 ─ t1 t2                         topic (forked within it)
 *                        └─ m16 ─ g1 ──────┐              merged (merged with a merge commit)
 *                              └─ m17 ─ merge ─ m18 m19 m20   main
 * </pre>
 *
 * The clone's boundary commits (its {@code .git/shallow}) are m11, m13 and m17: 17 commits are
 * available, m17's first-parent line ends at m17, and m16 is reachable only through g1.
 */
class ShallowRepositoryTest {
  @TempDir static Path shared;
  @TempDir Path tmp;

  static GitCli source;
  static final Map<String, String> sha = new HashMap<>();

  @RegisterExtension final CapturedLogs logs = CapturedLogs.of(GitHistoryWalker.class);

  @BeforeAll
  static void buildSource() throws IOException {
    source = GitCli.init(shared.resolve("source"));
    Random random = new Random(7);
    source.write("a.txt", GitHistoryOracleTest.lines("a", 20))
        .write("b.bin", GitHistoryOracleTest.binary(random, 2000))
        .write("docs/readme.md", GitHistoryOracleTest.lines("doc", 8));
    sha.put("m1", source.commit("m1"));
    for (int i = 2; i <= 12; i++) {
      if (i == 5) {
        source.mv("docs/readme.md", "docs/README.md");
      }
      if (i == 9) {
        source.write("b.bin", GitHistoryOracleTest.binary(random, 2100));
      }
      source.write("a.txt", GitHistoryOracleTest.lines("a", 20 + i).replace("a 3\n", "a three " + i + "\n"));
      sha.put("m" + i, source.commit("m" + i));
    }
    source.run("checkout", "-q", "-b", "feature");
    for (int i = 1; i <= 3; i++) {
      sha.put("f" + i, source.write("f.txt", GitHistoryOracleTest.lines("f", i)).commit("f" + i));
    }
    source.run("checkout", "-q", "main");
    sha.put("m13", source.write("a.txt", GitHistoryOracleTest.lines("a", 40)).commit("m13"));
    sha.put("m14", source.write("c.txt", GitHistoryOracleTest.lines("c", 30)).commit("m14"));
    sha.put("m15", source.write("c.txt", GitHistoryOracleTest.lines("c", 31)).commit("m15"));
    source.run("checkout", "-q", "-b", "topic");
    sha.put("t1", source.write("t.txt", "t\n").commit("t1"));
    sha.put("t2", source.write("t.txt", "t\nt\n").commit("t2"));
    source.run("checkout", "-q", "main");
    source.mv("c.txt", "src/c.txt");
    sha.put("m16", source.write("src/c.txt", GitHistoryOracleTest.lines("c", 32)).commit("m16"));
    source.run("checkout", "-q", "-b", "merged");
    sha.put("g1", source.write("g.txt", "g\n").write("a.txt", GitHistoryOracleTest.lines("a", 41)).commit("g1"));
    source.run("checkout", "-q", "main");
    sha.put("m17", source.write("b.bin", GitHistoryOracleTest.binary(random, 2200)).commit("m17"));
    source.run("merge", "-q", "--no-ff", "-m", "merge merged", "merged");
    sha.put("merge", source.head());
    sha.put("m18", source.write("src/c.txt", GitHistoryOracleTest.lines("c", 33)).commit("m18"));
    sha.put("m19", source.delete("docs/README.md").commit("m19"));
    sha.put("m20", source.write("a.txt", GitHistoryOracleTest.lines("a", 42)).commit("m20"));
  }


  /** {@code git clone --depth <depth> --no-single-branch} of the source, with a local branch for each. */
  private GitCli shallowClone(int depth) throws IOException {
    return shallowClone(depth, source);
  }

  private GitCli shallowClone(int depth, GitCli from) throws IOException {
    Path dir = tmp.resolve("clone");
    new GitCli(tmp).run("clone", "-q", "--depth", String.valueOf(depth), "--no-single-branch",
        from.dir().toUri().toString(), dir.toString());
    GitCli clone = new GitCli(dir);
    for (String b : List.of("feature", "topic", "merged")) {
      clone.run("branch", "-q", b, "origin/" + b);
    }
    return clone;
  }

  private record Walked(List<Commit> commits, GitHistoryWalker.Result result) {
    Map<String, Commit> bySha() {
      return commits.stream().collect(Collectors.toMap(Commit::sha, Function.identity()));
    }

    Branch branch(String name) {
      return result.branches().stream().filter(b -> b.name().equals(name)).findFirst().orElseThrow();
    }
  }

  private static Walked walk(GitCli git, String token) throws IOException {
    List<Commit> commits = new ArrayList<>();
    try (Repository repo = new FileRepositoryBuilder().setGitDir(git.dir().resolve(".git").toFile()).build()) {
      GitHistoryWalker.Result r = new GitHistoryWalker(repo, GitHistoryWalker.Options.of("cust", "git", "repo-id")
          .withThreads(2)).walk(token, commits::add, (done, total) -> { });
      return new Walked(commits, r);
    }
  }

  private static Set<String> revList(GitCli git) {
    return Set.of(git.run("rev-list", "--branches").trim().split("\n"));
  }

  private static Set<String> shallowFile(GitCli git) throws IOException {
    Path f = git.dir().resolve(".git/shallow");
    return Files.exists(f) ? Set.copyOf(Files.readAllLines(f)) : Set.of();
  }

  private static List<GitCli.NumstatLine> numstat(Commit c) {
    return c.files().stream().map(f -> new GitCli.NumstatLine(f.filename(), f.renamed() ? f.renamedFrom() : null,
        f.additions(), f.deletions(), f.binary())).toList();
  }

  private List<String> warnings() {
    return logs.messages(Level.WARN);
  }

  @Test
  void theFixtureIsTheShallowCloneItClaims() throws IOException {
    GitCli clone = shallowClone(5);
    assertEquals(Set.of(sha.get("m11"), sha.get("m13"), sha.get("m17")), shallowFile(clone));
    assertEquals(17, revList(clone).size());
    assertEquals(27, revList(source).size());
  }

  @Test
  void everyAvailableCommitIsExportedOnceAndBoundaryCommitsKeepTheirParents() throws IOException {
    GitCli clone = shallowClone(5);
    Walked w = walk(clone, null);

    assertEquals(revList(clone), w.bySha().keySet(), "the commits git itself lists, each once");
    assertEquals(17, w.commits().size());
    Map<String, Commit> full = walk(source, null).bySha();
    for (String boundary : List.of("m11", "m13", "m17")) {
      Commit c = w.bySha().get(sha.get(boundary));
      assertEquals(full.get(sha.get(boundary)).parents(), c.parents(),
          boundary + " names the parents its commit object names, though they are not in the clone");
    }
    // Ordinals number the available commits in git's order, where a boundary commit has no parents.
    List<String> order = List.of(clone.run("-c", "core.commitGraph=false", "log", "--date-order", "--reverse",
        "--format=%H", "--branches").trim().split("\n"));
    assertEquals(order, w.commits().stream().map(Commit::sha).toList());
    for (int i = 0; i < order.size(); i++) {
      assertEquals(i + 1, w.bySha().get(order.get(i)).ordinal(), order.get(i));
    }
    assertEquals(List.of(sha.get("m17"), sha.get("g1")), w.bySha().get(sha.get("merge")).parents());
    assertEquals(full.get(sha.get("t2")).message(), w.bySha().get(sha.get("t2")).message());
  }

  @Test
  void everyAvailableCommitMatchesGitNumstatAndABoundaryCommitIsDiffedAgainstNothing() throws IOException {
    GitCli clone = shallowClone(5);
    Walked w = walk(clone, null);
    for (Commit c : w.commits()) {
      assertEquals(clone.numstat(c.sha()), numstat(c), "numstat of " + c.message().trim());
    }
    Commit m17 = w.bySha().get(sha.get("m17"));
    assertEquals(List.of("a.txt", "b.bin", "docs/README.md", "src/c.txt"),
        m17.files().stream().map(CommitFile::filename).toList(), "every file m17 has, as git log shows it");
    assertTrue(m17.files().stream().allMatch(f -> f.status() == CommitFile.Status.ADDED && f.deletions() == 0));
    assertEquals(40 + 32, m17.additions(), "a.txt and src/c.txt; docs/README.md is documentation (excluded), b.bin is binary");
  }

  @Test
  void branchFactsAreComputedOnTheAvailableHistoryAndNameNoStartBeyondIt() throws IOException {
    Walked full = walk(source, null);
    GitCli clone = shallowClone(5);
    Walked w = walk(clone, null);

    // topic forked within the available history: the same facts as in the full repository.
    assertEquals(full.branch("topic"), w.branch("topic"));
    assertEquals(List.of(sha.get("t1"), sha.get("t2")), w.branch("topic").commitShas());
    assertEquals(7, w.branch("topic").behindDefaultCount());

    // main's first-parent line ends at the boundary commit m17, which is not its root.
    Branch main = w.branch("main");
    assertTrue(main.isDefault());
    assertEquals(sha.get("m1"), full.branch("main").firstCommitSha());
    assertNull(main.firstCommitSha(), "the root of main's line is not in the clone");
    assertEquals(List.of(clone.run("-c", "core.commitGraph=false", "rev-list", "--date-order", "--reverse", "main")
        .trim().split("\n")), main.commitShas(), "the commits of main the clone has");

    // feature forked at m12, beyond the boundary: where it started is unknown.
    Branch feature = w.branch("feature");
    assertFalse(feature.merged());
    assertNull(feature.firstCommitSha());
    assertEquals(List.of(), feature.branchedFromCommitShas());
    assertEquals(sha.get("f1"), full.branch("feature").firstCommitSha());
    assertEquals(List.of(sha.get("m12")), full.branch("feature").branchedFromCommitShas());
    // Counted on the available history: m11 and m12 are main's, but nothing available says so.
    assertEquals(List.of(sha.get("m11"), sha.get("m12"), sha.get("f1"), sha.get("f2"), sha.get("f3")),
        feature.commitShas());
    assertEquals(5, feature.aheadDefaultCount());
    assertEquals(10, feature.behindDefaultCount());

    // merged is merged (reachability is proven), through the same merge commit.
    Branch merged = w.branch("merged");
    assertTrue(merged.merged());
    assertEquals(sha.get("merge"), merged.mergeCommitSha());
    assertEquals(full.branch("merged").mergeCommitSha(), merged.mergeCommitSha());
    assertEquals(merged.commitShas().size(), merged.aheadDefaultCount(), "ahead by what it brought in");
    assertEquals(0, merged.behindDefaultCount(), "merged: behind by none");
    // Its base, m17, is a boundary commit: its own commits run into the boundary m13.
    assertNull(merged.firstCommitSha());
    assertEquals(List.of(), merged.branchedFromCommitShas());
  }

  @Test
  void oneWarningPerExportSaysTheRepositoryIsShallowHowMuchIsExportedAndHowToFixIt() throws IOException {
    GitCli clone = shallowClone(5);
    walk(source, null);
    assertEquals(List.of(), warnings(), "a complete repository warns nothing");

    GitHistoryWalker.Result first = walk(clone, null).result();
    List<String> w = warnings();
    assertEquals(1, w.size(), w.toString());
    String line = w.get(0);
    assertTrue(line.contains(clone.dir().toString()), line);
    assertTrue(line.contains("shallow"), line);
    assertTrue(line.contains("17 commits"), line);
    assertTrue(line.contains("3 boundary commits"), line);
    assertTrue(line.contains("git fetch --unshallow"), line);

    walk(clone, first.token());
    assertEquals(2, warnings().size(), "an incremental export of a shallow repository warns once again");

    try (Repository repo = new FileRepositoryBuilder().setGitDir(clone.dir().resolve(".git").toFile()).build()) {
      new GitHistoryWalker(repo, GitHistoryWalker.Options.of("cust", "git", "repo-id"), "file:///ci/checkout")
          .walk(null, c -> { }, (done, total) -> { });
    }
    assertTrue(warnings().get(2).startsWith("git repository file:///ci/checkout is shallow"),
        "named as the operator configured it, the place to unshallow: " + warnings().get(2));
  }

  @Test
  void incrementalExportsOfAShallowCloneSendOnlyTheNewCommits() throws IOException {
    GitCli upstream = fullCopyOfSource();
    GitCli clone = shallowClone(5, upstream);
    Walked first = walk(clone, null);
    assertEquals(17, first.commits().size());

    String m21 = upstream.write("a.txt", "m21\n").commit("m21");
    String m22 = upstream.write("a.txt", "m22\n").commit("m22");
    Set<String> boundaryBefore = shallowFile(clone);
    clone.run("pull", "-q", "--ff-only");
    assertEquals(boundaryBefore, shallowFile(clone), "a plain pull leaves the boundary where it was");

    Walked second = walk(clone, first.result().token());
    assertEquals(List.of(m21, m22), second.commits().stream().map(Commit::sha).toList());
    assertEquals(first.bySha().get(sha.get("m20")).ordinal() + 1, second.bySha().get(m21).ordinal());
    assertEquals(clone.numstat(m21), numstat(second.bySha().get(m21)));
    assertEquals(HistoryToken.parse(first.result().token()).shallow(),
        HistoryToken.parse(second.result().token()).shallow());

    assertEquals(List.of(), walk(clone, second.result().token()).commits(), "nothing new, nothing sent");
  }

  @Test
  void aShallowerFetchSendsTheNewCommitsItBroughtAndNothingAgain() throws IOException {
    GitCli upstream = fullCopyOfSource();
    GitCli clone = shallowClone(5, upstream);
    Walked first = walk(clone, null);

    upstream.write("a.txt", "m21\n").commit("m21");
    String m22 = upstream.write("a.txt", "m22\n").commit("m22");
    String m23 = upstream.write("a.txt", "m23\n").commit("m23");
    Set<String> boundaryBefore = shallowFile(clone);
    clone.run("fetch", "-q", "--depth=2");
    clone.run("reset", "-q", "--hard", "origin/main");
    assertTrue(shallowFile(clone).containsAll(boundaryBefore) && shallowFile(clone).contains(m22),
        "the old boundary stays, m22 joins it");

    Walked second = walk(clone, first.result().token());
    assertEquals(Set.of(m22, m23), second.bySha().keySet(), "m21 is not in the clone; nothing old is sent again");
    assertEquals(List.of(), second.bySha().get(m22).files().stream().filter(f -> f.status() != CommitFile.Status.ADDED)
        .toList(), "the new boundary commit m22 is diffed against nothing");
    assertEquals(clone.numstat(m23), numstat(second.bySha().get(m23)));
  }

  @Test
  void deepeningSendsTheWholeAvailableHistoryAgainWithTheFormerBoundaryCorrected() throws IOException {
    GitCli clone = shallowClone(5);
    Walked first = walk(clone, null);

    clone.run("fetch", "-q", "--deepen=3");
    Walked deeper = walk(clone, first.result().token());
    assertEquals(revList(clone), deeper.bySha().keySet(), "every available commit, the older ones included");
    assertTrue(deeper.commits().size() > first.commits().size());
    for (Commit c : deeper.commits()) {
      assertEquals(clone.numstat(c.sha()), numstat(c), "numstat of " + c.message().trim());
    }
    assertEquals(List.of(), walk(clone, deeper.result().token()).commits(), "then incremental again");

    int warned = warnings().size();
    clone.run("fetch", "-q", "--unshallow");
    assertEquals(Set.of(), shallowFile(clone));
    Walked complete = walk(clone, deeper.result().token());
    Walked full = walk(source, null);
    assertEquals(full.bySha(), complete.bySha(), "every commit, with the ordinals, parents and files of a full export");
    assertEquals(full.result().branches(), complete.result().branches());
    assertEquals(List.of(), HistoryToken.parse(complete.result().token()).shallow());
    assertEquals(warned, warnings().size(), "no warning once the clone is complete");
  }

  /** A clone of the source with every branch local, to commit to without touching the shared source. */
  private GitCli fullCopyOfSource() throws IOException {
    Path dir = tmp.resolve("upstream");
    new GitCli(tmp).run("clone", "-q", source.dir().toString(), dir.toString());
    GitCli upstream = new GitCli(dir);
    for (String b : List.of("feature", "topic", "merged")) {
      upstream.run("branch", "-q", b, "origin/" + b);
    }
    return upstream;
  }
}
