package agent.core.git;

import static org.junit.jupiter.api.Assertions.assertEquals;

import agent.rpcdef.model.sourcecode.Commit;
import agent.rpcdef.model.sourcecode.CommitFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The oracle on a generated history ({@link HistoryGenerator}): a few hundred commits with renames,
 * binaries, merges and wholesale rewrites, every commit compared with {@code git log -1 --numstat
 * --first-parent -M --diff-algorithm=myers}.
 *
 * <p>The counts are git's to the line, large scattered rewrites included, where git's diff is not
 * minimal: {@link agent.core.diff.LineDiff} diffs as git does.
 */
class GeneratedHistoryOracleTest {
  @TempDir
  Path tmp;

  @Test
  void everyGeneratedCommitMatchesGitNumstat() throws Exception {
    GitCli git = HistoryGenerator.repository(tmp, 7, 300);

    List<Commit> commits = new ArrayList<>();
    GitHistoryWalker.Result result;
    try (Repository repo = new FileRepositoryBuilder().setGitDir(git.dir().resolve(".git").toFile()).build()) {
      result = new GitHistoryWalker(repo, GitHistoryWalker.Options.of("cust", "git", "repo-id").withThreads(2))
          .walk(null, commits::add, (done, total) -> { });
    }
    // Branch counts against git rev-list, merged against merge-base --is-ancestor. A branch not merged
    // is ahead and behind as rev-list counts; a merged one is ahead by what its merge commit brought in
    // over its first parent (nothing for a fast-forward) and behind by none.
    int mergedBranches = 0;
    for (agent.rpcdef.model.sourcecode.Branch b : result.branches()) {
      boolean ancestor = git.status("merge-base", "--is-ancestor", b.name(), "main") == 0;
      assertEquals(ancestor && !b.name().equals("main"), b.merged(), b.name() + " merged");
      String ahead;
      String behind;
      if (b.name().equals("main")) {
        ahead = "0";
        behind = "0";
        assertEquals(List.of(git.run("rev-list", "--date-order", "--reverse", "main").trim().split("\n")),
            b.commitShas(), "main lists every commit it has");
      } else if (b.merged()) {
        mergedBranches++;
        ahead = b.mergeCommitSha() == null ? "0"
            : git.run("rev-list", "--count", b.mergeCommitSha() + "^1.." + b.name()).trim();
        behind = "0";
      } else {
        ahead = git.run("rev-list", "--count", "main.." + b.name()).trim();
        behind = git.run("rev-list", "--count", b.name() + "..main").trim();
      }
      assertEquals(ahead + "/" + behind, b.aheadDefaultCount() + "/" + b.behindDefaultCount(), b.name());
    }
    org.junit.jupiter.api.Assertions.assertTrue(mergedBranches > 0, "no merged branch left to check");
    assertEquals(new HashSet<>(Arrays.asList(git.run("rev-list", "--branches").split("\n"))),
        commits.stream().map(Commit::sha).collect(Collectors.toSet()));
    // Ordinals: positions in git log --date-order --reverse of the exported branches, in emitted order.
    List<String> order = Arrays.asList(git.run("-c", "core.commitGraph=false", "log", "--date-order", "--reverse",
        "--format=%H", "--branches").trim().split("\n"));
    assertEquals(order, commits.stream().map(Commit::sha).toList());
    for (int i = 0; i < commits.size(); i++) {
      assertEquals(i + 1, commits.get(i).ordinal(), commits.get(i).sha());
    }
    List<String> mismatches = new ArrayList<>();
    for (Commit c : commits) {
      List<GitCli.NumstatLine> expected = git.numstat(c.sha());
      List<GitCli.NumstatLine> actual = GitCli.NumstatLine.of(c);
      if (!expected.equals(actual)) {
        mismatches.add(c.sha() + " " + c.message().trim() + "\n  git:    " + expected + "\n  export: " + actual);
      }
    }
    assertEquals(List.of(), mismatches, mismatches.size() + " of " + commits.size() + " commits differ");

    // The history exercises what it claims to.
    List<CommitFile> files = commits.stream().flatMap(c -> c.files().stream()).toList();
    long renamed = files.stream().filter(CommitFile::renamed).count();
    long editedRenames = files.stream().filter(f -> f.renamed() && f.additions() + f.deletions() > 0).count();
    long binary = files.stream().filter(CommitFile::binary).count();
    long rewrites = files.stream().filter(f -> f.additions() + f.deletions() > 300).count();
    long merges = commits.stream().filter(c -> c.parents().size() > 1).count();
    System.out.printf("generated oracle: %d commits, %d files, %d renames (%d edited), %d binary, %d rewrites,"
        + " %d merges%n", commits.size(), files.size(), renamed, editedRenames, binary, rewrites, merges);
    org.junit.jupiter.api.Assertions.assertTrue(renamed > 10 && editedRenames > 5 && binary > 5 && rewrites > 3
        && merges > 5, "too little variety");
  }
}
