package agent.core.diff;

/**
 * Slides groups of changed lines of one side to where git shows them, keeping the diff equivalent.
 *
 * <p>A group of consecutive changed lines can move up by one when the line before it equals its last
 * line, and down by one when the line after it equals its first line; moving may merge it with a
 * neighbouring group. This is the post-pass GNU diff and git call "compaction" (git's behaviour is
 * described in prose in Haggerty's commit message for the indent heuristic): each group is first
 * slid as far up, then as far down as it goes, repeating while it grows by merging. Then it stays
 * at the bottom, unless it can sit next to a group of changes on the other side (then the lowest such
 * place is taken, so that a deletion and an addition show as one change), or unless the
 * {@link IndentScorer indent heuristic} is on, which picks the best-scoring place among the last
 * {@value IndentScorer#MAX_SLIDING} positions.
 *
 * <p>Groups are tracked as {@code [start, end)} line ranges; there is one group, maybe empty, before
 * the first line and after each unchanged line, and the two sides have as many, in the same order.
 * Change flags are {@code changed[line + 1]}, with a zero at both ends.
 */
final class GroupSlider {
  private final IndentScorer scorer = new IndentScorer();

  private int[] ids;
  private int lines;
  private byte[] changed;
  private int otherLines;
  private byte[] otherChanged;
  /** The current group of this side and of the other side. */
  private int start;
  private int end;
  private int otherStart;
  private int otherEnd;

  void compact(int[] ids, int lines, byte[] changed, byte[] text, int[] starts, int otherLines,
      byte[] otherChanged, boolean indentHeuristic) {
    this.ids = ids;
    this.lines = lines;
    this.changed = changed;
    this.otherLines = otherLines;
    this.otherChanged = otherChanged;
    scorer.use(text, starts, lines);
    start = 0;
    end = groupEnd(changed, 0);
    otherStart = 0;
    otherEnd = groupEnd(otherChanged, 0);
    while (true) {
      if (end != start) {
        place(indentHeuristic);
      }
      if (end == lines) {
        break;
      }
      start = end + 1;
      end = groupEnd(changed, start);
      if (otherEnd == otherLines) {
        throw new IllegalStateException("groups out of step");
      }
      otherStart = otherEnd + 1;
      otherEnd = groupEnd(otherChanged, otherStart);
    }
    this.ids = null;
    this.changed = null;
    this.otherChanged = null;
  }

  private void place(boolean indentHeuristic) {
    int size;
    int earliestEnd;
    int endNextToOther;
    do {
      size = end - start;
      endNextToOther = -1;
      while (slideUp()) {
        otherPrevious();
      }
      earliestEnd = end;
      if (otherEnd > otherStart) {
        endNextToOther = end;
      }
      while (slideDown()) {
        otherNext();
        if (otherEnd > otherStart) {
          endNextToOther = end;
        }
      }
    } while (size != end - start);

    if (end == earliestEnd) {
      return;
    }
    if (endNextToOther != -1) {
      while (otherEnd == otherStart) {
        slideUp();
        otherPrevious();
      }
    } else if (indentHeuristic) {
      int shift = Math.max(earliestEnd,
          Math.max(end - size - 1, end - IndentScorer.MAX_SLIDING));
      int bestShift = -1;
      int bestPenalty = 0;
      int bestIndent = 0;
      for (; shift <= end; shift++) {
        scorer.reset();
        scorer.addSplit(shift);
        scorer.addSplit(shift - size);
        if (bestShift == -1
            || IndentScorer.compare(scorer.penalty, scorer.effectiveIndent, bestPenalty, bestIndent) <= 0) {
          bestShift = shift;
          bestPenalty = scorer.penalty;
          bestIndent = scorer.effectiveIndent;
        }
      }
      while (end > bestShift) {
        slideUp();
        otherPrevious();
      }
    }
  }

  private boolean slideUp() {
    if (start > 0 && ids[start - 1] == ids[end - 1]) {
      changed[start] = 1; // line start - 1
      changed[end] = 0; // line end - 1
      start--;
      end--;
      while (changed[start] != 0) { // line start - 1 changed: merge
        start--;
      }
      return true;
    }
    return false;
  }

  private boolean slideDown() {
    if (end < lines && ids[start] == ids[end]) {
      changed[start + 1] = 0;
      changed[end + 1] = 1;
      start++;
      end++;
      while (changed[end + 1] != 0) {
        end++;
      }
      return true;
    }
    return false;
  }

  private void otherPrevious() {
    if (otherStart == 0) {
      throw new IllegalStateException("groups out of step");
    }
    otherEnd = otherStart - 1;
    otherStart = otherEnd;
    while (otherChanged[otherStart] != 0) {
      otherStart--;
    }
  }

  private void otherNext() {
    if (otherEnd == otherLines) {
      throw new IllegalStateException("groups out of step");
    }
    otherStart = otherEnd + 1;
    otherEnd = groupEnd(otherChanged, otherStart);
  }

  private static int groupEnd(byte[] changed, int from) {
    int end = from;
    while (changed[end + 1] != 0) {
      end++;
    }
    return end;
  }
}
