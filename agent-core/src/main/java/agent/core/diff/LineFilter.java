package agent.core.diff;

/**
 * Chooses which lines of the changed middle of one side take part in the Myers search; the others
 * are marked changed up front.
 *
 * <p>As git's diff does (observed behaviour): a line whose text does not occur on the other side at
 * all can only be a change, so it is dropped. A line whose text occurs on the other side "too often"
 * (at least {@code max(2, sqrt-ish(lines of this side))}, capped at 1024 times; see {@link #limit})
 * is dropped too when it sits inside a run of dropped lines, before and after it, in which lines
 * without any match outnumber the too-frequent ones more than 3 to 1 (see {@link #dropFrequent}).
 * That makes a wholesale rewrite cheap, at the price of minimality: a blank line or {@code }} in the
 * middle of rewritten code is shown as changed even where it could have been kept.
 */
final class LineFilter {
  private static final byte NO_MATCH = 0;
  private static final byte KEEP = 1;
  private static final byte FREQUENT = 2;
  /** How far, in lines, a frequent line looks for the run it sits in. */
  private static final int WINDOW = 100;
  private static final int MAX_FREQUENT_LIMIT = 1024;

  private byte[] kind = new byte[64];

  /**
   * Filters lines {@code [start, end)} of one side.
   *
   * @param ids the side's line ids
   * @param lines how many lines the side has (the whole side, not only the middle)
   * @param otherCount per id, how many lines of the other side have it
   * @param changed per line {@code i}, at {@code changed[i + 1]}: set to 1 for a dropped line
   * @param keptIds receives the ids of the kept lines
   * @param keptLines receives the line numbers of the kept lines
   * @return how many lines were kept
   */
  int filter(int[] ids, int lines, int start, int end, int[] otherCount, byte[] changed,
      int[] keptIds, int[] keptLines) {
    if (kind.length < end) {
      kind = new byte[Math.max(end, kind.length * 2)];
    }
    int limit = limit(lines);
    for (int i = start; i < end; i++) {
      int n = otherCount[ids[i]];
      kind[i] = n == 0 ? NO_MATCH : n >= limit ? FREQUENT : KEEP;
    }
    int kept = 0;
    for (int i = start; i < end; i++) {
      byte k = kind[i];
      if (k == KEEP || (k == FREQUENT && !dropFrequent(i, start, end - 1))) {
        keptIds[kept] = ids[i];
        keptLines[kept] = i;
        kept++;
      } else {
        changed[i + 1] = 1;
      }
    }
    return kept;
  }

  /** A rough square root of {@code lines} (a power of two), capped. */
  static int limit(int lines) {
    return Math.min(roughSqrt(lines), MAX_FREQUENT_LIMIT);
  }

  /** A power of two between {@code sqrt(n)} and {@code 2 * sqrt(n) + 1}. */
  static int roughSqrt(int n) {
    int root = 1;
    for (; n > 0; n >>= 2) {
      root <<= 1;
    }
    return root;
  }

  /**
   * Whether frequent line {@code i} is dropped: it needs dropped-looking lines (no match or
   * frequent) right before and right after it, within the window, with at least one line without a
   * match on each side; and the frequent ones, itself counted once per direction, must be fewer than
   * a quarter of the run.
   */
  private boolean dropFrequent(int i, int first, int last) {
    int from = Math.max(first, i - WINDOW);
    int to = Math.min(last, i + WINDOW);
    int noMatchBefore = 0;
    int frequentBefore = 1;
    for (int r = i - 1; r >= from; r--) {
      if (kind[r] == NO_MATCH) {
        noMatchBefore++;
      } else if (kind[r] == FREQUENT) {
        frequentBefore++;
      } else {
        break;
      }
    }
    if (noMatchBefore == 0) {
      return false;
    }
    int noMatchAfter = 0;
    int frequentAfter = 1;
    for (int r = i + 1; r <= to; r++) {
      if (kind[r] == NO_MATCH) {
        noMatchAfter++;
      } else if (kind[r] == FREQUENT) {
        frequentAfter++;
      } else {
        break;
      }
    }
    if (noMatchAfter == 0) {
      return false;
    }
    int noMatch = noMatchBefore + noMatchAfter;
    int frequent = frequentBefore + frequentAfter;
    return frequent * 4 < frequent + noMatch;
  }
}
