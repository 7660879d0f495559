package agent.core.git;

import static agent.core.git.GitHistoryOracleTest.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.io.DisabledOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pairs each of git's rename passes makes, on real blobs. Where git decides, the expected pairs
 * are also checked against {@code git diff -M} on the same commit, so that they are git's and not
 * merely this code's.
 */
class RenamePassesTest {
  @TempDir
  Path tmp;

  private GitCli git;

  /** What the passes returned, as {@code old -> new} pairs and the paths left over. */
  private record Paired(List<String> typeChanges, List<String> renames, List<String> added, List<String> deleted) {}

  @BeforeEach
  void init() throws IOException {
    git = GitCli.init(tmp.resolve("repo"));
  }

  @Test
  void aPathThatChangedTypeIsNotARenameSource() throws IOException {
    git.write("x", "target\n").commit("a file");
    git.delete("x");
    Files.createSymbolicLink(git.dir().resolve("x"), Path.of("y.txt"));
    git.write("y.txt", "target\n").commit("x becomes a symlink; a new file with its old content");

    Paired p = pairHead();
    assertEquals(List.of("x -> x"), p.typeChanges());
    assertEquals(List.of(), p.renames(), "the old blob of x is identical to y.txt, but x did not go away");
    assertEquals(List.of("y.txt"), p.added());
    assertEquals(List.of(), p.deleted());
    assertEquals(List.of(), gitRenames());
  }

  @Test
  void exactRenamesPreferTheSameFileNameThenTheFirstPath() throws IOException {
    git.write("a/one.txt", lines("same", 5)).write("b/two.txt", lines("same", 5)).commit("two identical files");
    git.delete("a/one.txt").delete("b/two.txt");
    git.write("c/two.txt", lines("same", 5)).write("d/three.txt", lines("same", 5)).commit("moved");

    Paired p = pairHead();
    assertEquals(List.of("b/two.txt -> c/two.txt", "a/one.txt -> d/three.txt"), p.renames());
    assertEquals(List.of(), p.added());
    assertEquals(List.of(), p.deleted());
    assertEquals(sorted(p.renames()), gitRenames());
  }

  @Test
  void aUniqueSameFileNameWinsOverACloserMatch() throws IOException {
    String base = lines("common", 20);
    git.write("A/x.txt", base).write("B/y.txt", base + lines("b-only", 3)).commit("two similar files");
    git.delete("A/x.txt").delete("B/y.txt");
    git.write("C/x.txt", lines("common", 17) + lines("b-only", 3)).commit("closer to B/y.txt, named as A/x.txt");

    Paired p = pairHead();
    assertEquals(List.of("A/x.txt -> C/x.txt"), p.renames());
    assertEquals(List.of("B/y.txt"), p.deleted());
    assertEquals(p.renames(), gitRenames());
  }

  @Test
  void aSourceEquallySimilarToTwoAddedFilesGoesToTheFirst() throws IOException {
    git.write("src.txt", lines("src", 20)).commit("a source");
    git.delete("src.txt");
    git.write("d1.txt", lines("src", 20) + "one\n").write("d2.txt", lines("src", 20) + "two\n").commit("split");

    Paired p = pairHead();
    assertEquals(List.of("src.txt -> d1.txt"), p.renames(), "git keeps the earlier path; JGit the later");
    assertEquals(List.of("d2.txt"), p.added(), "a source is used once: no copies");
    assertEquals(p.renames(), gitRenames());
  }

  @Test
  void anAddedFileEquallySimilarToFiveSourcesTakesTheFirst() throws IOException {
    // Five, not two: git keeps the first four best sources of an added file and replaces one only
    // with a strictly better one, so a fifth tie must not displace the first.
    for (int i = 1; i <= 5; i++) {
      git.write("s" + i + ".txt", lines("base", 20) + "x" + i + "\n");
    }
    git.commit("five sources");
    for (int i = 1; i <= 5; i++) {
      git.delete("s" + i + ".txt");
    }
    git.write("t.txt", lines("base", 20)).commit("one file from all of them");

    Paired p = pairHead();
    assertEquals(List.of("s1.txt -> t.txt"), p.renames());
    assertEquals(List.of("s2.txt", "s3.txt", "s4.txt", "s5.txt"), p.deleted());
    assertEquals(p.renames(), gitRenames());
  }

  @Test
  void aTieBetweenSourcesGoesToTheSameFileNameWhenTheNameIsNotUnique() throws IOException {
    git.write("a/s.txt", lines("base", 20) + "s extra\n").write("b/t.txt", lines("base", 20) + "t extra\n")
        .commit("two sources");
    git.delete("a/s.txt").delete("b/t.txt");
    // Two added t.txt: the basename pass does not apply; the similarity pass prefers the same name.
    git.write("c/t.txt", lines("base", 20)).write("d/t.txt", lines("unrelated", 20)).commit("two t.txt");

    Paired p = pairHead();
    assertEquals(List.of("b/t.txt -> c/t.txt"), p.renames());
    assertEquals(List.of("d/t.txt"), p.added());
    assertEquals(List.of("a/s.txt"), p.deleted());
    assertEquals(p.renames(), gitRenames());
  }

  @Test
  void aFileOfTooManyChunksForGitsScoreIsStillPaired() throws IOException {
    // More chunks than RenameSimilarity indexes: such a pair is scored with JGit's estimate.
    int lines = RenameSimilarity.MAX_CHUNKS + 1000;
    git.write("big.txt", lines("big", lines)).write("small.txt", lines("small", 20)).commit("a big file");
    git.delete("big.txt").delete("small.txt");
    git.write("moved/big.log", lines("big", lines).replace("big 7\n", "big seven\n"))
        .write("moved/small.log", lines("small", 19)).commit("both moved and edited");

    Paired p = pairHead();
    assertEquals(List.of("big.txt -> moved/big.log", "small.txt -> moved/small.log"), p.renames());
    assertEquals(p.renames(), gitRenames());
  }

  @Test
  void similarRenamesStopBeyondTheRenameLimit() throws IOException {
    int limit = RenamePasses.RENAME_LIMIT;
    git.write("big.txt", lines("real", 40));
    for (int i = 1; i < limit; i++) {
      git.write(String.format("gone-%04d.txt", i), "gone\n");
    }
    git.commit("one real source and fillers");
    git.run("checkout", "-q", "-b", "at-limit");
    moveAll(limit - 1);
    git.commit(limit + " x " + limit);
    Paired atLimit = pairHead();
    git.run("checkout", "-q", "main");
    git.run("checkout", "-q", "-b", "beyond");
    moveAll(limit);
    git.commit((limit + 1) + " x " + limit);
    Paired beyond = pairHead();

    assertEquals(List.of("big.txt -> big-moved.txt"), atLimit.renames());
    assertEquals(List.of(), beyond.renames());
    assertEquals(limit + 1, beyond.added().size());
    assertEquals(limit, beyond.deleted().size());
  }

  /** Removes big.txt and the fillers, adds an edited big-moved.txt and {@code newFiles} fillers. */
  private void moveAll(int newFiles) throws IOException {
    git.run("rm", "-q", "-r", ".");
    git.write("big-moved.txt", lines("real", 40) + "edited\n");
    for (int i = 1; i <= newFiles; i++) {
      git.write(String.format("new-%04d.txt", i), "new\n");
    }
  }

  /** Runs the passes over HEAD's removals and additions against its parent, as CommitDiffer scans them. */
  private Paired pairHead() throws IOException {
    try (Repository repo = new FileRepositoryBuilder().setGitDir(git.dir().resolve(".git").toFile()).build();
        ObjectReader reader = repo.newObjectReader();
        RevWalk walk = new RevWalk(reader);
        DiffFormatter formatter = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
      formatter.setReader(reader, repo.getConfig());
      formatter.setDetectRenames(false);
      RevCommit head = walk.parseCommit(repo.resolve("HEAD"));
      RevCommit parent = walk.parseCommit(head.getParent(0));
      List<DiffEntry> added = new ArrayList<>();
      List<DiffEntry> deleted = new ArrayList<>();
      for (DiffEntry e : formatter.scan(parent.getTree(), head.getTree())) {
        switch (e.getChangeType()) {
          case ADD -> added.add(e);
          case DELETE -> deleted.add(e);
          default -> { }
        }
      }
      RenamePasses.Result r = new RenamePasses(reader).pair(added, deleted);
      return new Paired(pairs(r.typeChanges()), pairs(r.renames()),
          r.added().stream().map(DiffEntry::getNewPath).toList(),
          r.deleted().stream().map(DiffEntry::getOldPath).toList());
    }
  }

  private static List<String> pairs(List<RenamePasses.Pair> pairs) {
    return pairs.stream().map(p -> p.deleted().getOldPath() + " -> " + p.added().getNewPath()).toList();
  }

  /** Git's renames for HEAD, {@code old -> new}, in git's order (by new path). */
  private List<String> gitRenames() {
    String[] t = git.run("diff", "-M", "--name-status", "-z", "HEAD~1", "HEAD").split("\0");
    List<String> renames = new ArrayList<>();
    for (int i = 0; i < t.length; i++) {
      if (t[i].startsWith("R")) {
        renames.add(t[i + 1] + " -> " + t[i + 2]);
        i += 2;
      } else if (!t[i].isEmpty()) {
        i += 1;
      }
    }
    return renames;
  }

  private static List<String> sorted(List<String> renames) {
    return renames.stream().sorted((a, b) -> a.substring(a.indexOf(" -> ")).compareTo(b.substring(b.indexOf(" -> "))))
        .toList();
  }
}
