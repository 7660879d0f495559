package agent.core.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.model.sourcecode.Commit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rename detection against the git binary, with no tolerance: the score of random small file
 * pairs ({@link RenameSimilarity}) against the similarity git prints, and the export of commits
 * built around what is awkward for it (small files edited around the 50% and 75% thresholds, a
 * last line without a newline, CRLF files, equal scores, the same file name in several folders,
 * empty files) against {@code git log --numstat -M}.
 */
class RenameOracleTest {
  private static final int MAX = RenameSimilarity.MAX_SCORE;

  @TempDir
  Path tmp;

  /**
   * Each pair as the only removed ({@code src.x}) and added ({@code dst.y}) file of two trees: git
   * with {@code -M01} reports a rename, with its similarity in percent, exactly when the score is
   * at least 1%.
   */
  @Test
  void randomSmallFilesScoreAsGitDoes() throws IOException {
    GitCli git = GitCli.init(tmp.resolve("pairs"));
    Random random = new Random(11);
    List<String> differences = new ArrayList<>();
    int renamed = 0;
    int notRenamed = 0;
    int nearHalf = 0;
    int pairs = 0;
    try (Repository repo = new FileRepositoryBuilder().setGitDir(git.dir().resolve(".git").toFile()).build();
        ObjectInserter inserter = repo.newObjectInserter()) {
      while (pairs < 300) {
        byte[] src = randomFile(random);
        byte[] dst = edit(random, src);
        if (java.util.Arrays.equals(src, dst)) {
          continue;
        }
        pairs++;
        ObjectId before = tree(inserter, "src.x", src);
        ObjectId after = tree(inserter, "dst.y", dst);
        inserter.flush();
        String out = git.run("diff-tree", "-r", "-M01", "--name-status", before.name(), after.name());
        String gitSays = out.startsWith("R") ? out.substring(0, 4) : "none";
        int score = RenameSimilarity.of(src).score(RenameSimilarity.of(dst));
        String weSay = score * 100L >= MAX ? String.format("R%03d", score * 100L / MAX) : "none";
        if (!gitSays.equals(weSay)) {
          differences.add(gitSays + " but " + weSay + ": " + show(src) + " -> " + show(dst));
        }
        renamed += score >= MAX / 2 ? 1 : 0;
        notRenamed += score < MAX / 2 ? 1 : 0;
        nearHalf += Math.abs(score - MAX / 2) < MAX / 10 ? 1 : 0;
      }
    }
    assertEquals(List.of(), differences);
    assertTrue(renamed > 50 && notRenamed > 50 && nearHalf > 20,
        "at 50% or more " + renamed + ", under " + notRenamed + ", within 10 points of 50% " + nearHalf);
  }

  @Test
  void awkwardRenamesMatchGitLog() throws IOException {
    GitCli git = GitCli.init(tmp.resolve("repo"));
    git.write("README", "scenarios follow\n").commit("root");
    List<String> left = new ArrayList<>();
    int scenarios = 0;

    // One file of ten lines renamed keeping k of them, with the last line with or without a
    // newline, LF or CRLF: git's decision at 50%.
    for (int k = 2; k <= 8; k++) {
      for (boolean lastNewline : new boolean[] {true, false}) {
        for (String eol : new String[] {"\n", "\r\n"}) {
          List<String> src = new ArrayList<>();
          List<String> dst = new ArrayList<>();
          for (int i = 0; i < 10; i++) {
            src.add("line " + i + " of " + k);
            dst.add(i < k ? src.get(i) : "new " + i + " of" + k);
          }
          // The last line kept whatever k is: it only matches in git if it ends in a newline.
          dst.set(9, src.get(9));
          scenario(git, left, Map.of("a/t.txt", text(src, eol, lastNewline)),
              Map.of("b/u.txt", text(dst, eol, lastNewline)));
          scenarios++;
        }
      }
    }

    // The same with the line ending changed on the way: CRLF to LF and back, and lines of unequal
    // length, so that the scores straddle 50% at other points.
    for (int k = 3; k <= 7; k++) {
      List<String> src = new ArrayList<>();
      List<String> dst = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        src.add("x".repeat(3 + 4 * i));
        dst.add(i < k ? src.get(i) : "y".repeat(3 + 4 * i));
      }
      scenario(git, left, Map.of("crlf.txt", text(src, "\r\n", true)), Map.of("lf/moved.txt", text(dst, "\n", true)));
      scenario(git, left, Map.of("lf.txt", text(src, "\n", true)), Map.of("crlf/moved.txt", text(dst, "\r\n", false)));
      scenarios += 2;
    }

    // A file name unique on both sides pairs at 75% even if another file is closer; below, not.
    for (int k = 73; k <= 77; k++) {
      List<String> base = numbered("base", 100);
      List<String> named = new ArrayList<>(base);
      for (int i = k; i < 100; i++) {
        named.set(i, "other " + i);
      }
      List<String> closer = new ArrayList<>(named);
      closer.add("one more");
      scenario(git, left, Map.of("A/x.txt", text(base, "\n", true), "B/y.txt", text(closer, "\n", true)),
          Map.of("C/x.txt", text(named, "\n", true)));
      scenarios++;
    }

    // The same file name twice among the removed files, or the added ones: no basename pass, and in
    // the similarity pass a tie goes to the source with the same file name.
    List<String> shared = numbered("shared", 12);
    scenario(git, left, Map.of("A/x.txt", lf(with(shared, "a")), "D/x.txt", lf(numbered("z", 12)),
        "B/y.txt", lf(with(shared, "b"))), Map.of("C/x.txt", lf(with(shared, "c"))));
    scenario(git, left, Map.of("A/y.txt", lf(with(shared, "a")), "B/x.txt", lf(with(shared, "b"))),
        Map.of("C/x.txt", lf(with(shared, "c")), "D/x.txt", lf(with(shared, "d"))));
    scenarios += 2;

    // Equal scores: two added files equally close to one source, two sources to one added file,
    // two by two; git takes them in path order.
    scenario(git, left, Map.of("s.txt", lf(shared)),
        Map.of("d2.txt", lf(with(shared, "two")), "d1.txt", lf(with(shared, "one"))));
    scenario(git, left, Map.of("s2.txt", lf(with(shared, "two")), "s1.txt", lf(with(shared, "one"))),
        Map.of("d.txt", lf(with(shared, "new"))));
    scenario(git, left, Map.of("p/s1.txt", lf(with(shared, "1")), "p/s2.txt", lf(with(shared, "2"))),
        Map.of("q/d1.txt", lf(with(shared, "3")), "q/d2.txt", lf(with(shared, "4"))));
    scenarios += 3;

    // Empty files: moved (an exact rename), two removed and one added, one next to a removed file of
    // the same name with content, and content replaced by an empty file.
    scenario(git, left, Map.of("e/empty.txt", new byte[0]), Map.of("f/empty.txt", new byte[0]));
    scenario(git, left, Map.of("e/one", new byte[0], "e/two", new byte[0]), Map.of("f/three", new byte[0]));
    scenario(git, left, Map.of("e/x.txt", lf(shared)), Map.of("f/x.txt", new byte[0]));
    scenario(git, left, Map.of("e/x.txt", new byte[0]), Map.of("f/x.txt", lf(shared)));
    scenarios += 4;

    // A seeded storm: several small files removed and added at once, edited copies of each other
    // under new and old names, so that scores near the thresholds compete.
    Random random = new Random(5);
    for (int c = 0; c < 30; c++) {
      Map<String, byte[]> before = new LinkedHashMap<>();
      Map<String, byte[]> after = new LinkedHashMap<>();
      int n = 2 + random.nextInt(4);
      List<byte[]> contents = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        byte[] content = i > 0 && random.nextInt(3) == 0 ? edit(random, contents.get(random.nextInt(i)))
            : randomText(random);
        contents.add(content);
        before.put("old" + c + "/" + (char) ('a' + random.nextInt(4)) + i + ".txt", content);
      }
      int m = 1 + random.nextInt(5);
      for (int i = 0; i < m; i++) {
        String name = random.nextBoolean() ? before.keySet().toArray(new String[0])[random.nextInt(n)]
            .replaceFirst("^old", "new" + random.nextInt(2)) : "new" + c + "/" + i + ".txt";
        after.put(name, edit(random, contents.get(random.nextInt(n))));
      }
      scenario(git, left, before, after);
      scenarios++;
    }
    for (String path : left) {
      git.delete(path);
    }
    git.commit("remove " + left);

    List<Commit> commits = new ArrayList<>();
    try (Repository repo = new FileRepositoryBuilder().setGitDir(git.dir().resolve(".git").toFile()).build()) {
      new GitHistoryWalker(repo, GitHistoryWalker.Options.of("cust", "git", "repo-id").withThreads(2))
          .walk(null, commits::add, (done, total) -> { });
    }
    List<String> mismatches = new ArrayList<>();
    int renames = 0;
    for (Commit c : commits) {
      List<GitCli.NumstatLine> expected = git.numstat(c.sha());
      List<GitCli.NumstatLine> actual = GitCli.NumstatLine.of(c);
      if (!expected.equals(actual)) {
        mismatches.add(c.message().trim() + "\n  git:    " + expected + "\n  export: " + actual);
      }
      renames += (int) expected.stream().filter(l -> l.from() != null).count();
    }
    assertEquals(List.of(), mismatches, mismatches.size() + " of " + commits.size() + " commits differ");
    assertEquals(1 + 2 * scenarios + 1, commits.size());
    assertTrue(renames > scenarios / 2 && renames < 2 * scenarios, renames + " renames in " + scenarios + " scenarios");
  }

  /**
   * Two commits: the files {@code left} by the scenario before replaced by {@code before}, then
   * {@code before} replaced by {@code after}, the commit the scenario is about; {@code left} is
   * then {@code after}'s paths. Both commits are compared with git.
   */
  private static void scenario(GitCli git, List<String> left, Map<String, byte[]> before, Map<String, byte[]> after)
      throws IOException {
    for (String path : left) {
      git.delete(path);
    }
    for (Map.Entry<String, byte[]> e : before.entrySet()) {
      git.write(e.getKey(), e.getValue());
    }
    git.commit(left + " to " + before.keySet());
    for (String path : before.keySet()) {
      git.delete(path);
    }
    for (Map.Entry<String, byte[]> e : after.entrySet()) {
      git.write(e.getKey(), e.getValue());
    }
    git.commit(before.keySet() + " to " + after.keySet());
    left.clear();
    left.addAll(after.keySet());
  }

  private static ObjectId tree(ObjectInserter inserter, String name, byte[] content) throws IOException {
    TreeFormatter t = new TreeFormatter();
    t.append(name, FileMode.REGULAR_FILE, inserter.insert(Constants.OBJ_BLOB, content));
    return inserter.insert(t);
  }

  private static byte[] text(List<String> lines, String eol, boolean lastNewline) {
    String s = String.join(eol, lines) + (lastNewline ? eol : "");
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] lf(List<String> lines) {
    return text(lines, "\n", true);
  }

  private static List<String> numbered(String prefix, int n) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lines.add(prefix + " " + i);
    }
    return lines;
  }

  private static List<String> with(List<String> lines, String extra) {
    List<String> l = new ArrayList<>(lines);
    l.add(extra);
    return l;
  }

  /**
   * A small file as the generated histories have them, and then some: 1 to 15 lines of statements
   * (a few of them long enough for two chunks), CRLF or mixed line endings now and then, no final
   * newline, a lone CR, and a NUL (binary) now and then.
   */
  private static byte[] randomFile(Random random) {
    byte[] text = randomText(random);
    if (random.nextInt(10) == 0) {
      text[random.nextInt(text.length)] = 0;
    }
    return text;
  }

  private static byte[] randomText(Random random) {
    int lines = 1 + random.nextInt(15);
    int eolStyle = random.nextInt(8);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      b.append(line(random));
      boolean crlf = eolStyle == 0 || (eolStyle == 1 && random.nextBoolean());
      b.append(crlf ? "\r\n" : "\n");
    }
    if (random.nextInt(4) == 0) {
      b.setLength(b.length() - (b.charAt(b.length() - 2) == '\r' ? 2 : 1));
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String line(Random random) {
    int r = random.nextInt(12);
    return switch (r) {
      case 0 -> "";
      case 1 -> "}";
      case 2 -> "  long statement " + "z".repeat(40 + random.nextInt(60)) + random.nextInt(4) + ";";
      case 3 -> "  a\rlone CR " + random.nextInt(5);
      default -> "  statement" + random.nextInt(r < 6 ? 20 : 5000) + "(x, y);";
    };
  }

  /** Edits as {@link HistoryGenerator} does (a few small hunks), sometimes with another line ending. */
  private static byte[] edit(Random random, byte[] content) {
    String s = new String(content, StandardCharsets.UTF_8);
    if (random.nextInt(6) == 0) {
      s = s.contains("\r\n") ? s.replace("\r\n", "\n") : s.replace("\n", "\r\n");
    }
    List<String> lines = new ArrayList<>(List.of(s.split("(?<=\n)", -1)));
    int hunks = 1 + random.nextInt(3);
    for (int h = 0; h < hunks; h++) {
      int at = random.nextInt(lines.size() + 1);
      int del = Math.min(random.nextInt(4), lines.size() - at);
      for (int i = 0; i < del; i++) {
        lines.remove(at);
      }
      int add = random.nextInt(4);
      for (int i = 0; i < add; i++) {
        lines.add(at, line(random) + "\n");
      }
    }
    if (random.nextInt(5) == 0) {
      lines.add(line(random));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String l : lines) {
      out.writeBytes(l.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private static String show(byte[] content) {
    return "[" + new String(content, StandardCharsets.UTF_8).replace("\r", "\\r").replace("\n", "\\n")
        .replace("\0", "\\0") + "]";
  }
}
