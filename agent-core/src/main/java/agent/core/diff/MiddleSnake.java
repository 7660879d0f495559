package agent.core.diff;

/**
 * Myers' linear-space divide and conquer over two int sequences, with the limits that make git's
 * diff give up minimality on large edits.
 *
 * <p>The algorithm is the one of E. W. Myers, "An O(ND) Difference Algorithm and Its Variations"
 * (Algorithmica 1, 1986), section 4b: search forward from the top-left corner and backward from the
 * bottom-right corner of the edit graph at the same time, one edit more per round, furthest-reaching
 * point per diagonal; where the two searches overlap lies a "middle snake", split the problem there
 * and recurse on both halves. Common elements at both ends of a sub-problem are skipped first.
 *
 * <p>On top of it, as git's diff behaves (found by comparing outputs with git 2.39):
 *
 * <ul>
 *   <li>on a tie between reaching a diagonal from its left or right neighbour, the forward search
 *       prefers the deletion and the backward search the insertion;
 *   <li>a sub-problem found through a true middle snake is solved minimally. Otherwise, after more
 *       than {@value #HEURISTIC_MIN_COST} rounds where some diagonal slid along more than
 *       {@value #SNAKE} equal elements, a point that sits at the end of such a long snake and is far
 *       along (more than {@value #HEURISTIC_FACTOR} times the rounds beyond its diagonal's offset)
 *       is taken as the split;
 *   <li>and after {@code max(256, sqrt-ish(n + m + 3))} rounds the search gives up: it splits at the
 *       furthest point either search reached.
 * </ul>
 *
 * <p>Sub-problems are kept on an explicit stack, so deep recursion cannot overflow the thread's stack.
 * Reused between calls; not thread-safe.
 */
final class MiddleSnake {
  private static final int SNAKE = 20;
  private static final int HEURISTIC_MIN_COST = 256;
  private static final int HEURISTIC_FACTOR = 4;
  private static final int MIN_COST_LIMIT = 256;

  private int[] forward = new int[64];
  private int[] backward = new int[64];
  /** Pending sub-problems: off1, lim1, off2, lim2, needMinimal. */
  private int[] stack = new int[80];

  private int[] a;
  private int[] b;
  private int costLimit;
  /** The last split: point, and whether each half must be solved minimally. */
  private int splitA;
  private int splitB;
  private boolean minimalLow;
  private boolean minimalHigh;

  /**
   * Marks, for the elements of {@code a[0, n)} and {@code b[0, m)} that are not in the chosen common
   * subsequence, {@code changedA[linesA[i] + 1] = 1} (and likewise for {@code b}).
   */
  void diff(int[] a, int n, int[] linesA, byte[] changedA, int[] b, int m, int[] linesB,
      byte[] changedB) {
    this.a = a;
    this.b = b;
    int diagonals = n + m + 3;
    costLimit = Math.max(MIN_COST_LIMIT, LineFilter.roughSqrt(diagonals));
    forward = LineTable.ensure(forward, diagonals);
    backward = LineTable.ensure(backward, diagonals);
    int top = push(0, 0, n, 0, m, false);
    while (top > 0) {
      top -= 5;
      int off1 = stack[top];
      int lim1 = stack[top + 1];
      int off2 = stack[top + 2];
      int lim2 = stack[top + 3];
      boolean needMinimal = stack[top + 4] != 0;
      while (off1 < lim1 && off2 < lim2 && a[off1] == b[off2]) {
        off1++;
        off2++;
      }
      while (off1 < lim1 && off2 < lim2 && a[lim1 - 1] == b[lim2 - 1]) {
        lim1--;
        lim2--;
      }
      if (off1 == lim1) {
        for (int j = off2; j < lim2; j++) {
          changedB[linesB[j] + 1] = 1;
        }
      } else if (off2 == lim2) {
        for (int i = off1; i < lim1; i++) {
          changedA[linesA[i] + 1] = 1;
        }
      } else {
        split(off1, lim1, off2, lim2, needMinimal, m + 1);
        int sa = splitA;
        int sb = splitB;
        boolean high = minimalHigh;
        top = push(top, off1, sa, off2, sb, minimalLow);
        top = push(top, sa, lim1, sb, lim2, high);
      }
    }
    this.a = null;
    this.b = null;
  }

  private int push(int top, int off1, int lim1, int off2, int lim2, boolean needMinimal) {
    if (stack.length < top + 5) {
      stack = java.util.Arrays.copyOf(stack, stack.length * 2);
    }
    stack[top] = off1;
    stack[top + 1] = lim1;
    stack[top + 2] = off2;
    stack[top + 3] = lim2;
    stack[top + 4] = needMinimal ? 1 : 0;
    return top + 5;
  }

  /**
   * Finds where to split {@code a[off1, lim1)} against {@code b[off2, lim2)}, both non-empty and
   * differing at both ends. Diagonal {@code k} (index {@code i - j}) is stored at {@code k + zero}.
   */
  private void split(int off1, int lim1, int off2, int lim2, boolean needMinimal, int zero) {
    int[] fw = forward;
    int[] bw = backward;
    int dmin = off1 - lim2;
    int dmax = lim1 - off2;
    int fmid = off1 - off2;
    int bmid = lim1 - lim2;
    boolean odd = ((fmid - bmid) & 1) != 0;
    int fmin = fmid;
    int fmax = fmid;
    int bmin = bmid;
    int bmax = bmid;
    fw[fmid + zero] = off1;
    bw[bmid + zero] = lim1;
    for (int cost = 1; ; cost++) {
      boolean longSnake = false;
      // Widen the forward band by one diagonal each way, or shrink it at the graph's edges.
      if (fmin > dmin) {
        fw[--fmin - 1 + zero] = -1;
      } else {
        fmin++;
      }
      if (fmax < dmax) {
        fw[++fmax + 1 + zero] = -1;
      } else {
        fmax--;
      }
      for (int d = fmax; d >= fmin; d -= 2) {
        int i = fw[d - 1 + zero] >= fw[d + 1 + zero] ? fw[d - 1 + zero] + 1 : fw[d + 1 + zero];
        int from = i;
        int j = i - d;
        while (i < lim1 && j < lim2 && a[i] == b[j]) {
          i++;
          j++;
        }
        if (i - from > SNAKE) {
          longSnake = true;
        }
        fw[d + zero] = i;
        if (odd && bmin <= d && d <= bmax && bw[d + zero] <= i) {
          found(i, j, true, true);
          return;
        }
      }
      if (bmin > dmin) {
        bw[--bmin - 1 + zero] = Integer.MAX_VALUE;
      } else {
        bmin++;
      }
      if (bmax < dmax) {
        bw[++bmax + 1 + zero] = Integer.MAX_VALUE;
      } else {
        bmax--;
      }
      for (int d = bmax; d >= bmin; d -= 2) {
        int i = bw[d - 1 + zero] < bw[d + 1 + zero] ? bw[d - 1 + zero] : bw[d + 1 + zero] - 1;
        int from = i;
        int j = i - d;
        while (i > off1 && j > off2 && a[i - 1] == b[j - 1]) {
          i--;
          j--;
        }
        if (from - i > SNAKE) {
          longSnake = true;
        }
        bw[d + zero] = i;
        if (!odd && fmin <= d && d <= fmax && i <= fw[d + zero]) {
          found(i, j, true, true);
          return;
        }
      }
      if (needMinimal) {
        continue;
      }
      if (longSnake && cost > HEURISTIC_MIN_COST
          && (forwardSnakeSplit(off1, lim1, off2, lim2, fmin, fmax, fmid, cost, zero)
              || backwardSnakeSplit(off1, lim1, off2, lim2, bmin, bmax, bmid, cost, zero))) {
        return;
      }
      if (cost >= costLimit) {
        giveUp(off1, lim1, off2, lim2, fmin, fmax, bmin, bmax, zero);
        return;
      }
    }
  }

  /** The forward point furthest along that ends a snake of {@value #SNAKE} or more, if any. */
  private boolean forwardSnakeSplit(int off1, int lim1, int off2, int lim2, int fmin, int fmax,
      int fmid, int cost, int zero) {
    int best = 0;
    for (int d = fmax; d >= fmin; d -= 2) {
      int i = forward[d + zero];
      int j = i - d;
      int progress = (i - off1) + (j - off2) - Math.abs(d - fmid);
      if (progress > HEURISTIC_FACTOR * cost && progress > best
          && off1 + SNAKE <= i && i < lim1 && off2 + SNAKE <= j && j < lim2
          && endsSnake(i, j)) {
        best = progress;
        splitA = i;
        splitB = j;
      }
    }
    if (best > 0) {
      minimalLow = true;
      minimalHigh = false;
      return true;
    }
    return false;
  }

  /** The backward point furthest along that starts a snake of {@value #SNAKE} or more, if any. */
  private boolean backwardSnakeSplit(int off1, int lim1, int off2, int lim2, int bmin, int bmax,
      int bmid, int cost, int zero) {
    int best = 0;
    for (int d = bmax; d >= bmin; d -= 2) {
      int i = backward[d + zero];
      int j = i - d;
      int progress = (lim1 - i) + (lim2 - j) - Math.abs(d - bmid);
      if (progress > HEURISTIC_FACTOR * cost && progress > best
          && off1 < i && i <= lim1 - SNAKE && off2 < j && j <= lim2 - SNAKE
          && startsSnake(i, j)) {
        best = progress;
        splitA = i;
        splitB = j;
      }
    }
    if (best > 0) {
      minimalLow = false;
      minimalHigh = true;
      return true;
    }
    return false;
  }

  private boolean endsSnake(int i, int j) {
    for (int k = 1; k <= SNAKE; k++) {
      if (a[i - k] != b[j - k]) {
        return false;
      }
    }
    return true;
  }

  private boolean startsSnake(int i, int j) {
    for (int k = 0; k < SNAKE; k++) {
      if (a[i + k] != b[j + k]) {
        return false;
      }
    }
    return true;
  }

  /** Too expensive: split at whichever search got further, measured as i + j. */
  private void giveUp(int off1, int lim1, int off2, int lim2, int fmin, int fmax, int bmin, int bmax,
      int zero) {
    int fbest = -1;
    int fbestA = -1;
    for (int d = fmax; d >= fmin; d -= 2) {
      int i = Math.min(forward[d + zero], lim1);
      int j = i - d;
      if (lim2 < j) {
        i = lim2 + d;
        j = lim2;
      }
      if (fbest < i + j) {
        fbest = i + j;
        fbestA = i;
      }
    }
    int bbest = Integer.MAX_VALUE;
    int bbestA = Integer.MAX_VALUE;
    for (int d = bmax; d >= bmin; d -= 2) {
      int i = Math.max(off1, backward[d + zero]);
      int j = i - d;
      if (j < off2) {
        i = off2 + d;
        j = off2;
      }
      if (i + j < bbest) {
        bbest = i + j;
        bbestA = i;
      }
    }
    if ((lim1 + lim2) - bbest < fbest - (off1 + off2)) {
      found(fbestA, fbest - fbestA, true, false);
    } else {
      found(bbestA, bbest - bbestA, false, true);
    }
  }

  private void found(int i, int j, boolean low, boolean high) {
    splitA = i;
    splitB = j;
    minimalLow = low;
    minimalHigh = high;
  }
}
