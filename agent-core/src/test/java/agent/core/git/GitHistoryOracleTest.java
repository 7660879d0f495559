package agent.core.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.model.sourcecode.Commit;
import agent.rpcdef.model.sourcecode.CommitFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The oracle: for every commit of a repository built with the git CLI, the files, additions,
 * deletions, binary flags and rename sources the walker exports equal what {@code git log -1
 * --numstat --first-parent -M --diff-algorithm=myers -z <sha>} prints for that commit. That command
 * is the definition of "the diff against the first parent" (a root commit: against the empty tree)
 * and is run for every commit, including those not on any first-parent line.
 */
class GitHistoryOracleTest {
  @TempDir
  static Path tmp;

  static GitCli git;

  @BeforeAll
  static void buildRepository() throws IOException {
    git = GitCli.init(tmp.resolve("repo"));
    Random random = new Random(42);
    git.write("a.txt", lines("a", 12))
        .write("no-newline.txt", "first\nlast without newline")
        .write("dir with space/ü file.txt", "grüße\nwelt\n")
        .write("image.bin", binary(random, 3000))
        .write("crlf.txt", "one\r\ntwo\r\nthree\r\n")
        .write("lone-cr.txt", "a\rb\nc\n")
        .write("toggle.txt", lines("t", 5))
        .write("big.txt", lines("line", 40))
        .write("empty.txt", "")
        .write("scattered.txt", randomLines(random, 400, 60));
    git.commit("root: a bit of everything");

    git.write("a.txt", lines("a", 12).replace("a 5\n", "a five\n") + "a 13\n")
        .write("no-newline.txt", "first\nlast without newline\n")
        .write("crlf.txt", "one\r\ntwo changed\r\nthree\r\n")
        .write("lone-cr.txt", "a\rb changed\nc\n");
    git.commit("modify, add a trailing newline, CRLF and a lone CR");

    git.mv("a.txt", "renamed/a2.txt");
    git.mv("big.txt", "big2.txt");
    git.write("big2.txt", lines("line", 40).replace("line 7\n", "line seven\n").replace("line 30\n", ""));
    git.mv("dir with space/ü file.txt", "dir with space/ö renamed.txt");
    git.commit("rename without edits, with edits, with unicode");

    git.write("image.bin", binary(random, 3500)).write("toggle.txt", "t\0binary now\n");
    git.commit("a binary changes, a text file turns binary");

    git.write("toggle.txt", lines("t", 6));
    git.commit("and back to text");

    git.commit("an empty commit");

    git.run("update-index", "--chmod=+x", "crlf.txt");
    git.run("commit", "-q", "-m", "mode change only");

    git.write("scattered.txt", mutate(random, readScattered(), 0.2));
    git.commit("many scattered edits");

    // A feature branch merged with a merge commit.
    git.run("checkout", "-q", "-b", "feature");
    git.write("feature.txt", lines("f", 3)).write("renamed/a2.txt", lines("a", 12) + "feature line\n");
    git.commit("feature: add and edit");
    git.write("feature.txt", lines("f", 4));
    git.commit("feature: more");
    git.run("checkout", "-q", "main");
    git.write("main-only.txt", "main\n");
    git.commit("main moves on");
    git.run("merge", "-q", "--no-ff", "-m", "merge feature", "feature");

    // A merge that resolves a conflict.
    git.write("conflict.txt", lines("c", 6));
    git.commit("conflict base");
    git.run("checkout", "-q", "-b", "left");
    git.write("conflict.txt", lines("c", 6).replace("c 3\n", "c left\n"));
    git.commit("left side");
    git.run("checkout", "-q", "main");
    git.write("conflict.txt", lines("c", 6).replace("c 3\n", "c main\n"));
    git.commit("main side");
    assertTrue(git.status("merge", "-q", "left") != 0, "the merge must conflict");
    git.write("conflict.txt", lines("c", 6).replace("c 3\n", "c resolved\nc extra\n"));
    git.commit("merge left, resolving the conflict");

    // An unmerged branch, and a branch that is deleted before the export.
    git.run("checkout", "-q", "-b", "topic");
    git.write("topic/ünïcode näme.md", "# topic\n").delete("empty.txt");
    git.commit("topic: add and delete");
    git.run("checkout", "-q", "-b", "doomed");
    git.write("doomed.txt", "gone\n");
    git.commit("doomed");
    git.run("checkout", "-q", "main");
    git.run("branch", "-D", "doomed");
    git.write("dup1.txt", lines("same", 10)).write("dup2.txt", lines("same", 10)).delete("no-newline.txt");
    git.commit("two identical new files");
    git.mv("dup1.txt", "moved.txt");
    git.delete("dup2.txt");
    git.write("copy-a.txt", lines("same", 10));
    git.commit("rename and copy from one source");

    // A submodule (a gitlink) added, then moved to another commit; a symlink; a file turned symlink.
    String target = git.revParse("HEAD~1");
    git.run("update-index", "--add", "--cacheinfo", "160000," + target + ",sub");
    git.run("commit", "-q", "-m", "add a submodule");
    git.run("update-index", "--cacheinfo", "160000," + git.revParse("HEAD~3") + ",sub");
    git.run("commit", "-q", "-m", "move the submodule");
    git.run("rm", "-q", "--cached", "sub");
    git.run("commit", "-q", "-m", "remove the submodule");
    java.nio.file.Files.createSymbolicLink(git.dir().resolve("link"), java.nio.file.Path.of("moved.txt"));
    git.commit("add a symlink");
    git.delete("copy-a.txt");
    java.nio.file.Files.createSymbolicLink(git.dir().resolve("copy-a.txt"), java.nio.file.Path.of("moved.txt"));
    git.commit("a file becomes a symlink");

    // Git pairs files of the same name first (at 75%), even when another is more similar; JGit does not.
    String base = lines("common", 20);
    git.write("A/x.txt", base).write("B/y.txt", base + lines("b-only", 3));
    git.commit("two similar files");
    git.delete("A/x.txt").delete("B/y.txt");
    git.write("C/x.txt", lines("common", 17) + lines("b-only", 3));
    git.commit("a rename by file name over a closer match");

    // An empty file moved; one source similar to two new files (git -M uses a source once).
    git.write("empty-a.txt", "").write("src.txt", lines("src", 20));
    git.commit("an empty file and a source");
    git.mv("empty-a.txt", "moved/empty-b.txt");
    git.delete("src.txt");
    git.write("d1.txt", lines("src", 20) + "one more\n").write("d2.txt", lines("src", 20) + "two\nmore\n");
    git.commit("an empty file moves, a source splits in two");

    // A file removed and added again with some of its old lines; a merge that takes one side's file whole.
    git.delete("d1.txt");
    git.commit("d1 removed");
    git.write("d1.txt", lines("src", 5) + "back\n");
    git.commit("d1 added again");
    git.run("checkout", "-q", "-b", "side");
    git.write("d2.txt", "side first\n" + lines("src", 20) + "two\nmore\n");
    git.commit("side edits d2");
    git.run("checkout", "-q", "main");
    git.write("d2.txt", lines("src", 20) + "two\nmore\nmain last\n").write("other.txt", "main\n");
    git.commit("main edits d2 too");
    git.run("merge", "-q", "--no-commit", "side");
    git.write("d2.txt", "side first\n" + lines("src", 20) + "two\nmore\n");
    git.commit("merge side, keeping its d2 whole");
  }

  private static String readScattered() throws IOException {
    return java.nio.file.Files.readString(git.dir().resolve("scattered.txt"));
  }

  static String lines(String prefix, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      b.append(prefix).append(' ').append(i).append('\n');
    }
    return b.toString();
  }

  static byte[] binary(Random random, int size) {
    byte[] b = new byte[size];
    random.nextBytes(b);
    b[10] = 0;
    return b;
  }

  static String randomLines(Random random, int n, int vocabulary) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append("word").append(random.nextInt(vocabulary)).append('\n');
    }
    return b.toString();
  }

  static String mutate(Random random, String text, double rate) {
    StringBuilder b = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      double r = random.nextDouble();
      if (r < rate / 2) {
        continue;
      }
      b.append(line);
      if (r < rate) {
        b.append(" changed");
      }
      b.append('\n');
    }
    return b.toString();
  }

  private static List<Commit> export() throws IOException {
    List<Commit> out = new ArrayList<>();
    try (Repository repo = new FileRepositoryBuilder().setGitDir(git.dir().resolve(".git").toFile()).build()) {
      new GitHistoryWalker(repo, GitHistoryWalker.Options.of("cust", "git", "repo-id").withThreads(2))
          .walk(null, out::add, (done, total) -> { });
    }
    return out;
  }

  @Test
  void everyCommitMatchesGitNumstat() throws IOException {
    List<Commit> commits = export();
    assertEquals(new HashSet<>(Arrays.asList(git.run("rev-list", "--branches").split("\n"))),
        commits.stream().map(Commit::sha).collect(java.util.stream.Collectors.toSet()),
        "every commit of every branch, and no commit of the deleted branch");
    int compared = 0;
    for (Commit c : commits) {
      List<GitCli.NumstatLine> expected = git.numstat(c.sha());
      List<GitCli.NumstatLine> actual = GitCli.NumstatLine.of(c);
      assertEquals(expected, actual, "numstat of " + c.sha() + " " + c.message().trim());
      compared += expected.size();
    }
    assertTrue(compared > 30, "the repository exercises enough files: " + compared);
  }

  @Test
  void everyLineOfEveryBlameMatchesGitBlame() throws IOException {
    BlameOracle.Result r = BlameOracle.compare(git);
    assertTrue(r.files() > 40, "files blamed: " + r.files());
    assertEquals(List.of(), r.differences());
    assertTrue(r.blames().stream().anyMatch(b -> b.filename().equals("toggle.txt") && !b.lines().isEmpty()
        && b.lines().stream().allMatch(l -> l.sha().equals(b.sha()))), "a file back from binary starts afresh");
  }

  @Test
  void coversTheCasesItClaims() throws IOException {
    List<Commit> commits = export();
    List<CommitFile> all = commits.stream().flatMap(c -> c.files().stream()).toList();
    assertTrue(all.stream().anyMatch(f -> f.renamed() && f.additions() == 0 && f.deletions() == 0), "pure rename");
    assertTrue(all.stream().anyMatch(f -> f.renamed() && f.additions() + f.deletions() > 0), "rename with edits");
    assertTrue(all.stream().anyMatch(f -> f.filename().equals("toggle.txt") && f.binary()), "turns binary");
    assertTrue(all.stream().anyMatch(f -> f.filename().equals("lone-cr.txt") && !f.binary()
        && f.status() == CommitFile.Status.MODIFIED), "a lone CR is text, as in git");
    assertTrue(commits.stream().anyMatch(c -> c.files().isEmpty() && c.parents().size() == 1), "an empty commit");
    assertTrue(commits.stream().anyMatch(c -> c.parents().size() == 2 && c.message().startsWith("merge left")
        && c.additions() > 0), "the conflict resolution is counted against the first parent");
    Commit merge = commits.stream().filter(c -> c.message().startsWith("merge feature")).findFirst().orElseThrow();
    assertEquals(Set.of("feature.txt", "renamed/a2.txt"),
        merge.files().stream().map(CommitFile::filename).collect(java.util.stream.Collectors.toSet()),
        "a merge commit carries what it brought in over its first parent");
    assertEquals(new String("dir with space/ö renamed.txt".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8),
        all.stream().filter(f -> f.renamed() && f.filename().startsWith("dir")).findFirst().orElseThrow().filename());
  }
}
