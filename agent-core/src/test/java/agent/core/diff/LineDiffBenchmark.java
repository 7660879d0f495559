package agent.core.diff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.MyersDiff;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/**
 * Not a test: median time per pass over the generated pairs, per kind, of {@link LineDiff} (numstat
 * mode, indent heuristic on) against JGit's {@code MyersDiff} on the same bytes (line splitting
 * included in both). Run with the test classpath: {@code java agent.core.diff.LineDiffBenchmark}.
 */
public final class LineDiffBenchmark {
  private LineDiffBenchmark() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    Map<String, List<PairGenerator.Pair>> byKind = new LinkedHashMap<>();
    for (PairGenerator.Pair p : PairGenerator.all()) {
      byKind.computeIfAbsent(p.kind(), k -> new ArrayList<>()).add(p);
    }
    LineDiff diff = new LineDiff();
    System.out.printf("%-16s %6s %12s %12s %7s%n", "kind", "pairs", "LineDiff us", "JGit us", "ratio");
    long sink = 0;
    for (Map.Entry<String, List<PairGenerator.Pair>> e : byKind.entrySet()) {
      List<PairGenerator.Pair> pairs = e.getValue();
      long[] ours = new long[rounds];
      long[] jgit = new long[rounds];
      for (int r = 0; r < rounds; r++) {
        long t0 = System.nanoTime();
        for (PairGenerator.Pair p : pairs) {
          diff.compute(p.oldContent(), p.oldContent().length, p.newContent(), p.newContent().length);
          sink += diff.additions();
        }
        long t1 = System.nanoTime();
        for (PairGenerator.Pair p : pairs) {
          EditList edits = MyersDiff.INSTANCE.diff(RawTextComparator.DEFAULT,
              new RawText(p.oldContent()), new RawText(p.newContent()));
          sink += edits.size();
        }
        long t2 = System.nanoTime();
        ours[r] = t1 - t0;
        jgit[r] = t2 - t1;
      }
      double o = median(ours) / 1000.0;
      double j = median(jgit) / 1000.0;
      System.out.printf("%-16s %6d %12.0f %12.0f %7.2f%n", e.getKey(), pairs.size(), o, j, j / o);
    }
    System.out.println("(sink " + sink + ")");
  }

  private static long median(long[] times) {
    long[] sorted = times.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
