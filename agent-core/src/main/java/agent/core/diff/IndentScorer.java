package agent.core.diff;

/**
 * The indent heuristic's judgement of where a slidable group of changed lines should sit: a score
 * for a pair of split points (the lines right before and right after the group), lower is better.
 *
 * <p>The heuristic is Michael Haggerty's, described in his git commit "diff: improve positioning of
 * add/delete blocks in diffs" (2016, git 2.11) and his diff-slider-tools: for a split between two
 * lines it measures the indentation of the line after the split, of the nearest non-blank lines
 * before and after it, and how many blank lines lie around it; it prefers splits next to blank lines
 * and before a less indented line, and avoids the end of the file. Each candidate position of the
 * group is scored as the sum over its two splits; ties go to the lowest position. The weights below
 * are the heuristic's tuned values; GitEquivalenceTest fails when END_OF_FILE_PENALTY, INDENT_WEIGHT,
 * MAX_BLANKS, MAX_INDENT or a too small MAX_SLIDING is changed, but does not yet tell
 * START_OF_FILE_PENALTY or MAX_SLIDING 99/101 from the values here.
 */
final class IndentScorer {
  static final int MAX_SLIDING = 100;
  private static final int MAX_INDENT = 200;
  private static final int MAX_BLANKS = 20;

  private static final int START_OF_FILE_PENALTY = 1;
  private static final int END_OF_FILE_PENALTY = 21;
  private static final int TOTAL_BLANK_WEIGHT = -30;
  private static final int POST_BLANK_WEIGHT = 6;
  private static final int RELATIVE_INDENT_PENALTY = -4;
  private static final int RELATIVE_INDENT_WITH_BLANK_PENALTY = 10;
  private static final int RELATIVE_OUTDENT_PENALTY = 24;
  private static final int RELATIVE_OUTDENT_WITH_BLANK_PENALTY = 17;
  private static final int RELATIVE_DEDENT_PENALTY = 23;
  private static final int RELATIVE_DEDENT_WITH_BLANK_PENALTY = 17;
  private static final int INDENT_WEIGHT = 60;

  private byte[] text;
  private int[] starts;
  private int lines;

  /** The score so far: a penalty and a sum of indents, compared separately. */
  int penalty;
  int effectiveIndent;

  void use(byte[] text, int[] starts, int lines) {
    this.text = text;
    this.starts = starts;
    this.lines = lines;
  }

  void reset() {
    penalty = 0;
    effectiveIndent = 0;
  }

  /**
   * Negative, zero or positive as the score {@code (penalty1, indent1)} is better than, as good as
   * or worse than {@code (penalty2, indent2)}.
   */
  static int compare(int penalty1, int indent1, int penalty2, int indent2) {
    return INDENT_WEIGHT * Integer.compare(indent1, indent2) + (penalty1 - penalty2);
  }

  /** Adds the score of splitting right before line {@code split} (may be {@code lines}). */
  void addSplit(int split) {
    boolean endOfFile = split >= lines;
    int indent = endOfFile ? -1 : indent(split);
    int preBlank = 0;
    int preIndent = -1;
    for (int i = split - 1; i >= 0; i--) {
      int in = indent(i);
      if (in != -1) {
        preIndent = in;
        break;
      }
      if (++preBlank == MAX_BLANKS) {
        preIndent = 0;
        break;
      }
    }
    int postBlankLines = 0;
    int postIndent = -1;
    for (int i = split + 1; i < lines; i++) {
      int in = indent(i);
      if (in != -1) {
        postIndent = in;
        break;
      }
      if (++postBlankLines == MAX_BLANKS) {
        postIndent = 0;
        break;
      }
    }

    if (preIndent == -1 && preBlank == 0) {
      penalty += START_OF_FILE_PENALTY;
    }
    if (endOfFile) {
      penalty += END_OF_FILE_PENALTY;
    }
    int postBlank = indent == -1 ? 1 + postBlankLines : 0;
    int totalBlank = preBlank + postBlank;
    penalty += TOTAL_BLANK_WEIGHT * totalBlank;
    penalty += POST_BLANK_WEIGHT * postBlank;
    int effective = indent != -1 ? indent : postIndent;
    boolean anyBlanks = totalBlank != 0;
    effectiveIndent += effective;
    if (effective == -1 || preIndent == -1) {
      return;
    }
    if (effective > preIndent) {
      penalty += anyBlanks ? RELATIVE_INDENT_WITH_BLANK_PENALTY : RELATIVE_INDENT_PENALTY;
    } else if (effective < preIndent) {
      if (postIndent != -1 && postIndent > effective) {
        penalty += anyBlanks ? RELATIVE_OUTDENT_WITH_BLANK_PENALTY : RELATIVE_OUTDENT_PENALTY;
      } else {
        penalty += anyBlanks ? RELATIVE_DEDENT_WITH_BLANK_PENALTY : RELATIVE_DEDENT_PENALTY;
      }
    }
  }

  /**
   * The indent of a line in columns (a tab advances to the next multiple of 8), at most
   * {@value #MAX_INDENT}; -1 for a line of only spaces, tabs, CRs and LFs.
   */
  private int indent(int line) {
    int end = starts[line + 1];
    int columns = 0;
    for (int i = starts[line]; i < end; i++) {
      byte c = text[i];
      if (c == ' ') {
        columns++;
      } else if (c == '\t') {
        columns += 8 - columns % 8;
      } else if (c != '\n' && c != '\r') {
        // Only space, tab, CR and LF are whitespace here: a form feed or vertical tab is text, as
        // git's output shows.
        return columns;
      }
      if (columns >= MAX_INDENT) {
        return MAX_INDENT;
      }
    }
    return -1;
  }
}
