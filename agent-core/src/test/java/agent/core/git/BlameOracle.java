package agent.core.git;

import agent.rpcdef.model.sourcecode.Blame;
import agent.rpcdef.model.sourcecode.Commit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Compares the blames of a whole-history export with {@code git blame --porcelain <sha> -- <file>},
 * line by line: the oracle of {@link BlameOracleTest} and {@link GitHistoryOracleTest}.
 */
final class BlameOracle {
  private static final Pattern HEADER = Pattern.compile("^([0-9a-f]{40}) \\d+ (\\d+)(?: \\d+)?$", Pattern.MULTILINE);

  /**
   * What the comparison found.
   *
   * @param files blames with lines compared
   * @param lines lines compared
   * @param differences one entry per blame that differs: sha, file, how many lines, merge or not
   */
  record Result(int files, int lines, List<String> differences, List<Blame> blames, List<Commit> commits) {}

  private BlameOracle() {}

  /** Exports the whole history of {@code git}'s repository with blames and compares every line. */
  static Result compare(GitCli git) throws IOException {
    List<Blame> blames = new ArrayList<>();
    List<Commit> commits = new ArrayList<>();
    try (Repository repo = new FileRepositoryBuilder().setGitDir(git.dir().resolve(".git").toFile()).build()) {
      new GitHistoryWalker(repo, GitHistoryWalker.Options.of("cust", "git", "repo-id").withThreads(2))
          .walk(null, commits::add, (Consumer<Blame>) blames::add, (done, total) -> { });
    }
    java.util.Map<String, Commit> bySha = new java.util.HashMap<>();
    commits.forEach(c -> bySha.put(c.sha(), c));
    int files = 0;
    int lines = 0;
    List<String> differences = new ArrayList<>();
    for (Blame b : blames) {
      if (b.lines().isEmpty()) {
        continue;
      }
      files++;
      String porcelain = git.run("blame", "--porcelain", b.sha(), "--", b.filename());
      String[] expected = new String[b.lines().size()];
      Matcher m = HEADER.matcher(porcelain);
      int seen = 0;
      while (m.find()) {
        int line = Integer.parseInt(m.group(2)) - 1;
        seen = Math.max(seen, line + 1);
        if (line < expected.length) {
          expected[line] = m.group(1);
        }
      }
      int wrong = seen == expected.length ? 0 : 1;
      for (int i = 0; i < expected.length; i++) {
        lines++;
        if (!b.lines().get(i).sha().equals(expected[i])) {
          wrong++;
        }
      }
      if (wrong > 0) {
        differences.add(b.sha() + ":" + b.filename() + " " + wrong + " of " + expected.length + " lines"
            + (bySha.get(b.sha()).parents().size() > 1 ? " (merge)" : ""));
      }
    }
    return new Result(files, lines, differences, blames, commits);
  }
}
