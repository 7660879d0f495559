package agent.core.git;

import java.util.HashMap;
import java.util.Map;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.diff.Sequence;
import org.eclipse.jgit.diff.SequenceComparator;

/**
 * Lines added and deleted between two texts, as a minimal line diff counts them.
 *
 * <p>Any minimal diff has the same counts: deletions = |a| - LCS, additions = |b| - LCS, where LCS is
 * the longest common subsequence of lines. So before running the pinned algorithm this drops what
 * cannot change the LCS, as git's xdiff does ({@code xdl_trim_ends}, {@code xdl_cleanup_records}):
 * the common prefix and suffix, and lines that occur on one side only. What is left is compared as
 * interned line numbers, not bytes. A wholesale rewrite, where most lines are new, then costs little.
 */
final class LineCounts {
  private LineCounts() {}

  /** {@code additions << 32 | deletions} between {@code a} and {@code b}, with {@code algorithm}. */
  static long count(DiffAlgorithm algorithm, RawText a, RawText b) {
    return match(algorithm, a, b, null);
  }

  /**
   * Matches the lines of {@code b} with those of {@code a}: {@code newToOld[i]} is the line of
   * {@code a} that line {@code i} of {@code b} is unchanged from, or -1 when it is added. Returns
   * {@code additions << 32 | deletions}, as {@link #count}.
   *
   * @param newToOld at least {@code b.size()} long; null to count only
   */
  static long match(DiffAlgorithm algorithm, RawText a, RawText b, int[] newToOld) {
    RawTextComparator cmp = RawTextComparator.DEFAULT;
    int aEnd = a.size();
    int bEnd = b.size();
    int start = 0;
    while (start < aEnd && start < bEnd && cmp.equals(a, start, b, start)) {
      start++;
    }
    while (aEnd > start && bEnd > start && cmp.equals(a, aEnd - 1, b, bEnd - 1)) {
      aEnd--;
      bEnd--;
    }
    if (newToOld != null) {
      for (int i = 0; i < start; i++) {
        newToOld[i] = i;
      }
      for (int i = bEnd, shift = aEnd - bEnd; i < b.size(); i++) {
        newToOld[i] = i + shift;
      }
      java.util.Arrays.fill(newToOld, start, bEnd, -1);
    }
    int aLen = aEnd - start;
    int bLen = bEnd - start;
    if (aLen == 0 || bLen == 0) {
      return ((long) bLen << 32) | aLen;
    }
    Map<Line, Integer> ids = new HashMap<>();
    int[] aIds = new int[aLen];
    for (int i = 0; i < aLen; i++) {
      aIds[i] = ids.computeIfAbsent(new Line(a, start + i), k -> ids.size());
    }
    int aDistinct = ids.size();
    boolean[] inB = new boolean[aDistinct];
    int[] bIds = new int[bLen];
    int[] bAt = newToOld == null ? null : new int[bLen];
    int bKept = 0;
    for (int i = 0; i < bLen; i++) {
      Integer id = ids.get(new Line(b, start + i));
      // A line of b that a does not have can only be an addition.
      if (id != null) {
        inB[id] = true;
        if (bAt != null) {
          bAt[bKept] = start + i;
        }
        bIds[bKept++] = id;
      }
    }
    int[] aAt = newToOld == null ? null : new int[aLen];
    int aKept = 0;
    for (int i = 0; i < aLen; i++) {
      if (inB[aIds[i]]) {
        if (aAt != null) {
          aAt[aKept] = start + i;
        }
        aIds[aKept++] = aIds[i];
      }
    }
    int lcs = 0;
    if (aKept > 0 && bKept > 0) {
      int changedA = 0;
      int ai = 0;
      int bi = 0;
      for (Edit e : algorithm.diff(Ids.COMPARATOR, new Ids(aIds, aKept), new Ids(bIds, bKept))) {
        changedA += e.getLengthA();
        if (newToOld != null) {
          // The lines between edits are common: pair them up.
          for (; bi < e.getBeginB(); ai++, bi++) {
            newToOld[bAt[bi]] = aAt[ai];
          }
          ai = e.getEndA();
          bi = e.getEndB();
        }
      }
      if (newToOld != null) {
        for (; bi < bKept; ai++, bi++) {
          newToOld[bAt[bi]] = aAt[ai];
        }
      }
      lcs = aKept - changedA;
    }
    return ((long) (bLen - lcs) << 32) | (aLen - lcs);
  }

  /** A line of a text, equal to another with the same bytes (its newline included). */
  private static final class Line {
    final RawText text;
    final int index;
    final int hash;

    Line(RawText text, int index) {
      this.text = text;
      this.index = index;
      this.hash = RawTextComparator.DEFAULT.hash(text, index);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Line l && l.hash == hash && RawTextComparator.DEFAULT.equals(text, index, l.text, l.index);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** Interned lines. */
  private static final class Ids extends Sequence {
    static final SequenceComparator<Ids> COMPARATOR = new SequenceComparator<>() {
      @Override
      public boolean equals(Ids a, int ai, Ids b, int bi) {
        return a.ids[ai] == b.ids[bi];
      }

      @Override
      public int hash(Ids seq, int i) {
        return seq.ids[i];
      }
    };

    final int[] ids;
    final int size;

    Ids(int[] ids, int size) {
      this.ids = ids;
      this.size = size;
    }

    @Override
    public int size() {
      return size;
    }
  }
}
