package agent.core.git;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.eclipse.jgit.diff.RawText;
import org.junit.jupiter.api.Test;

class LineCountsTest {
  @Test
  void countsAreThoseOfTheLongestCommonSubsequence() {
    Random random = new Random(3);
    for (int round = 0; round < 2000; round++) {
      String a = text(random);
      String b = random.nextInt(4) == 0 ? a : mutate(random, a);
      RawText ra = new RawText(a.getBytes(StandardCharsets.UTF_8));
      RawText rb = new RawText(b.getBytes(StandardCharsets.UTF_8));
      int lcs = lcs(ra, rb);
      long counts = LineCounts.count(CommitDiffer.DIFF_ALGORITHM, ra, rb);
      assertEquals(rb.size() - lcs, (int) (counts >>> 32), "additions of\n" + a + "\nto\n" + b);
      assertEquals(ra.size() - lcs, (int) counts, "deletions of\n" + a + "\nto\n" + b);
    }
  }

  @Test
  void aMissingFinalNewlineIsAChangedLine() {
    long counts = LineCounts.count(CommitDiffer.DIFF_ALGORITHM, new RawText("a\nb".getBytes(StandardCharsets.UTF_8)),
        new RawText("a\nb\n".getBytes(StandardCharsets.UTF_8)));
    assertEquals(1, counts >>> 32);
    assertEquals(1, (int) counts);
  }

  private static String text(Random random) {
    StringBuilder b = new StringBuilder();
    int n = random.nextInt(30);
    for (int i = 0; i < n; i++) {
      b.append(random.nextInt(6) == 0 ? "\r" : "").append("l").append(random.nextInt(8)).append('\n');
    }
    if (n > 0 && random.nextBoolean()) {
      b.setLength(b.length() - 1);
    }
    return b.toString();
  }

  private static String mutate(Random random, String a) {
    String[] lines = a.split("\n", -1);
    StringBuilder b = new StringBuilder();
    for (String line : lines) {
      int r = random.nextInt(10);
      if (r == 0) {
        continue;
      }
      if (r == 1) {
        b.append("new").append(random.nextInt(8)).append('\n');
      }
      b.append(line).append('\n');
    }
    if (random.nextBoolean() && b.length() > 0) {
      b.setLength(b.length() - 1);
    }
    return b.toString();
  }

  private static int lcs(RawText a, RawText b) {
    int[][] dp = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        dp[i][j] = org.eclipse.jgit.diff.RawTextComparator.DEFAULT.equals(a, i, b, j) ? dp[i + 1][j + 1] + 1
            : Math.max(dp[i + 1][j], dp[i][j + 1]);
      }
    }
    return dp[0][0];
  }
}
