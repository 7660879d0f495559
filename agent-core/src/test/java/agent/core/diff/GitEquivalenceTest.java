package agent.core.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LineDiff} against the real git binary: every generated pair must give exactly git's
 * {@code -U0} hunks (zero context), git's changed lines in a diff with context, both with and without
 * the indent heuristic, and git's numstat counts.
 */
class GitEquivalenceTest {
  @TempDir
  static Path dir;
  static List<PairGenerator.Pair> pairs;
  static GitOracle git;

  @BeforeAll
  static void writePairs() throws Exception {
    pairs = PairGenerator.all();
    git = new GitOracle(dir, pairs);
  }

  @Test
  void hunksEqualGitsWithIndentHeuristic() throws Exception {
    assertSameHunks("--indent-heuristic", true);
  }

  @Test
  void hunksEqualGitsWithoutIndentHeuristic() throws Exception {
    assertSameHunks("--no-indent-heuristic", false);
  }

  @Test
  void changedLinesEqualGitsWithContextAndIndentHeuristic() throws Exception {
    assertSameChangedLines("--indent-heuristic", true);
  }

  @Test
  void changedLinesEqualGitsWithContextWithoutIndentHeuristic() throws Exception {
    assertSameChangedLines("--no-indent-heuristic", false);
  }

  @Test
  void countsEqualGitsNumstat() throws Exception {
    Map<String, int[]> expected = git.numstat();
    LineDiff diff = new LineDiff();
    List<String> wrong = new ArrayList<>();
    for (PairGenerator.Pair p : pairs) {
      diff.compute(p.oldContent(), p.oldContent().length, p.newContent(), p.newContent().length);
      int[] counts = expected.getOrDefault(p.name(), new int[2]);
      if (counts[0] != diff.additions() || counts[1] != diff.deletions()) {
        wrong.add(p.name() + " (" + p.kind() + "): git +" + counts[0] + " -" + counts[1]
            + ", ours +" + diff.additions() + " -" + diff.deletions());
      }
    }
    assertEquals(List.of(), wrong.subList(0, Math.min(10, wrong.size())),
        wrong.size() + " of " + pairs.size() + " pairs differ");
  }

  private void assertSameHunks(String flag, boolean indentHeuristic) throws Exception {
    Map<String, List<String>> expected = git.hunks(flag);
    LineDiff diff = new LineDiff().zeroContext(true).indentHeuristic(indentHeuristic);
    Map<String, int[]> perKind = new TreeMap<>();
    List<String> wrong = new ArrayList<>();
    for (PairGenerator.Pair p : pairs) {
      diff.compute(p.oldContent(), p.oldContent().length, p.newContent(), p.newContent().length);
      List<String> ours = new ArrayList<>();
      for (int h = 0; h < diff.hunkCount(); h++) {
        ours.add(diff.hunkHeader(h));
      }
      List<String> theirs = expected.getOrDefault(p.name(), List.of());
      int[] tally = perKind.computeIfAbsent(p.kind(), k -> new int[2]);
      tally[1]++;
      if (ours.equals(theirs)) {
        tally[0]++;
      } else {
        wrong.add(p.name() + " (" + p.kind() + "): first difference at hunk "
            + firstDifference(ours, theirs) + " of git's " + theirs.size());
      }
      assertMatchingConsistent(diff);
    }
    StringBuilder summary = new StringBuilder(flag + ": exact/total per kind:");
    perKind.forEach((k, t) -> summary.append(' ').append(k).append('=').append(t[0]).append('/').append(t[1]));
    System.out.println(summary);
    assertEquals(List.of(), wrong.subList(0, Math.min(10, wrong.size())),
        wrong.size() + " of " + pairs.size() + " pairs differ; " + summary);
  }

  private void assertSameChangedLines(String flag, boolean indentHeuristic) throws Exception {
    Map<String, String> expected = git.changedLines(flag);
    LineDiff diff = new LineDiff().indentHeuristic(indentHeuristic);
    List<String> wrong = new ArrayList<>();
    for (PairGenerator.Pair p : pairs) {
      diff.compute(p.oldContent(), p.oldContent().length, p.newContent(), p.newContent().length);
      String ours = changedLines(diff);
      String theirs = expected.getOrDefault(p.name(), "-+");
      if (!ours.equals(theirs)) {
        wrong.add(p.name() + " (" + p.kind() + ")");
      }
      assertMatchingConsistent(diff);
    }
    assertEquals(List.of(), wrong.subList(0, Math.min(10, wrong.size())),
        wrong.size() + " of " + pairs.size() + " pairs differ in " + flag);
  }

  /** As {@link GitOracle#changedLines}: 1-based deleted old lines, then added new lines. */
  private static String changedLines(LineDiff diff) {
    StringBuilder deleted = new StringBuilder("-");
    StringBuilder added = new StringBuilder("+");
    for (int h = 0; h < diff.hunkCount(); h++) {
      for (int i = 0; i < diff.hunkOldCount(h); i++) {
        deleted.append(diff.hunkOldStart(h) + i + 1).append(',');
      }
      for (int i = 0; i < diff.hunkNewCount(h); i++) {
        added.append(diff.hunkNewStart(h) + i + 1).append(',');
      }
    }
    return deleted.toString() + added;
  }

  private static String firstDifference(List<String> ours, List<String> theirs) {
    for (int i = 0; i < Math.max(ours.size(), theirs.size()); i++) {
      String o = i < ours.size() ? ours.get(i) : "none";
      String t = i < theirs.size() ? theirs.get(i) : "none";
      if (!o.equals(t)) {
        return i + ": git " + t + ", ours " + o;
      }
    }
    return "?";
  }

  /** The matching agrees with the hunks: unchanged lines pair up in order, in between them. */
  private static void assertMatchingConsistent(LineDiff diff) {
    int added = 0;
    int last = -1;
    for (int j = 0; j < diff.newLineCount(); j++) {
      int i = diff.oldLineOf(j);
      if (i == -1) {
        added++;
      } else {
        assertTrue(i > last, "matching goes forward");
        last = i;
      }
    }
    assertEquals(diff.additions(), added);
    assertEquals(diff.oldLineCount() - diff.deletions(), diff.newLineCount() - diff.additions());
  }
}
