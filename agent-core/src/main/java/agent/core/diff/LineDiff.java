package agent.core.diff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A line diff of two byte contents that gives what git's diff gives (git 2.39, default "myers"
 * algorithm, no whitespace options): the same added and deleted line counts as
 * {@code git diff --numstat}, the same changed lines and hunks as {@code git diff -U0}, and so the same
 * matching of new lines to old lines that {@code git blame} builds on.
 *
 * <p>Usage, one engine per thread, one call per file pair:
 *
 * <pre>{@code
 * LineDiff diff = new LineDiff();          // as git diff --numstat; indent heuristic on
 * diff.compute(oldBytes, oldLength, newBytes, newLength);
 * int added = diff.additions(), deleted = diff.deletions();
 * for (int h = 0; h < diff.hunkCount(); h++) { diff.hunkOldStart(h); ... }
 * int old = diff.oldLineOf(newLine);       // -1 when the new line was added
 * }</pre>
 *
 * <p>Lines are split as git does: a line ends after its {@code '\n'}, a last line without one differs
 * from the same text with one, {@code '\r'} is an ordinary byte, lines compare as exact bytes. Line
 * numbers in this API are 0-based.
 *
 * <p>git does not diff the same way in every command; {@link #zeroContext(boolean)} says which
 * way. The pipeline, each step a class of its own, is git's diff as observed from its output:
 *
 * <ol>
 *   <li>for a zero-context diff ({@code -U0}, and {@code git blame}) git first cuts the common tail
 *       of the two contents in 1024-byte blocks and gives back the bytes up to the first newline of
 *       the cut (found by experiment: {@code "a\n"} 1000 times against 1001 times gives
 *       {@code @@ -489,0 +490 @@} with {@code -U0}, blames line 490, but {@code -U1} shows line 1001);
 *       the cut lines are unchanged. Fewer lines then count for the frequent-line limits below, so
 *       even the counts can differ from {@code --numstat}'s on large rewrites;
 *   <li>lines are interned ({@link LineTable}); the common first and last lines are unchanged;
 *   <li>of the middle, lines with no match on the other side, and frequent lines amid them, are
 *       changes up front ({@link LineFilter});
 *   <li>the rest goes through Myers' divide and conquer with git's cost limits ({@link MiddleSnake});
 *   <li>groups of changes are slid into place, with or without the indent heuristic
 *       ({@link GroupSlider}, {@link IndentScorer}).
 * </ol>
 *
 * <p>Not thread-safe: it keeps its buffers between calls, so that a call allocates nothing once they
 * are big enough. Results stay valid until the next call.
 */
public final class LineDiff {
  private static final int TAIL_BLOCK = 1024;

  private final LineTable table = new LineTable();
  private final LineFilter filter = new LineFilter();
  private final MiddleSnake myers = new MiddleSnake();
  private final GroupSlider slider = new GroupSlider();
  private boolean indentHeuristic = true;
  private boolean zeroContext;

  private byte[] oldChanged = new byte[64];
  private byte[] newChanged = new byte[64];
  private int[] keptOldIds = new int[64];
  private int[] keptOldLines = new int[64];
  private int[] keptNewIds = new int[64];
  private int[] keptNewLines = new int[64];

  private int oldLines;
  private int newLines;
  private int additions;
  private int deletions;
  private int[] oldLineOf = new int[64];
  /** Per hunk: old start, old count, new start, new count. */
  private int[] hunks = new int[64];
  private int hunkCount;

  /**
   * An engine that diffs as {@code git diff --numstat}, {@code git log --numstat} and diffs with
   * context lines do, with the indent heuristic on, as git's default.
   */
  public LineDiff() {}

  /**
   * Diff as git does with zero context lines ({@code git diff -U0}, {@code git blame}), or, the
   * default, with context ({@code --numstat}, {@code --stat}, {@code -U3}). With zero context git
   * leaves most of a long common tail out of the diff, which can move hunks and change counts.
   */
  public LineDiff zeroContext(boolean on) {
    zeroContext = on;
    return this;
  }

  /**
   * Turns git's indent heuristic on ({@code --indent-heuristic}, the default) or off
   * ({@code --no-indent-heuristic}) for the next calls. It only moves hunks, never changes counts.
   */
  public LineDiff indentHeuristic(boolean on) {
    indentHeuristic = on;
    return this;
  }

  /**
   * Diffs {@code oldContent[0, oldLength)} against {@code newContent[0, newLength)}. The arrays are
   * only read, and only during this call.
   */
  public void compute(byte[] oldContent, int oldLength, byte[] newContent, int newLength) {
    int tail = zeroContext ? commonTail(oldContent, oldLength, newContent, newLength) : 0;
    int tailLines = lines(oldContent, oldLength - tail, oldLength);
    table.load(oldContent, oldLength - tail, newContent, newLength - tail);
    int n = table.oldLines;
    int m = table.newLines;
    int[] a = table.oldIds;
    int[] b = table.newIds;

    oldChanged = cleared(oldChanged, n + 2);
    newChanged = cleared(newChanged, m + 2);
    int prefix = 0;
    int common = Math.min(n, m);
    while (prefix < common && a[prefix] == b[prefix]) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < common - prefix && a[n - 1 - suffix] == b[m - 1 - suffix]) {
      suffix++;
    }
    keptOldIds = LineTable.ensure(keptOldIds, n);
    keptOldLines = LineTable.ensure(keptOldLines, n);
    keptNewIds = LineTable.ensure(keptNewIds, m);
    keptNewLines = LineTable.ensure(keptNewLines, m);
    int keptOld = filter.filter(a, n, prefix, n - suffix, table.newCount, oldChanged, keptOldIds,
        keptOldLines);
    int keptNew = filter.filter(b, m, prefix, m - suffix, table.oldCount, newChanged, keptNewIds,
        keptNewLines);
    myers.diff(keptOldIds, keptOld, keptOldLines, oldChanged, keptNewIds, keptNew, keptNewLines,
        newChanged);
    slider.compact(a, n, oldChanged, table.oldText, table.oldStarts, m, newChanged, indentHeuristic);
    slider.compact(b, m, newChanged, table.newText, table.newStarts, n, oldChanged, indentHeuristic);
    collect(n, m, tailLines);
  }

  /** Lines of the old content. */
  public int oldLineCount() {
    return oldLines;
  }

  /** Lines of the new content. */
  public int newLineCount() {
    return newLines;
  }

  /** Lines added: new lines matched with no old line. */
  public int additions() {
    return additions;
  }

  /** Lines deleted: old lines matched with no new line. */
  public int deletions() {
    return deletions;
  }

  /** The old line that new line {@code newLine} is matched with, or -1 when it was added. */
  public int oldLineOf(int newLine) {
    if (newLine < 0 || newLine >= newLines) {
      throw new IndexOutOfBoundsException(newLine);
    }
    return oldLineOf[newLine];
  }

  /** How many hunks: maximal runs of deleted old lines and added new lines at the same place. */
  public int hunkCount() {
    return hunkCount;
  }

  /**
   * First old line of hunk {@code h}; when it deletes nothing, the old line before which it adds
   * (its old lines are {@code [hunkOldStart, hunkOldStart + hunkOldCount)}).
   */
  public int hunkOldStart(int h) {
    return hunk(h, 0);
  }

  public int hunkOldCount(int h) {
    return hunk(h, 1);
  }

  /** First new line of hunk {@code h}; when it adds nothing, the new line before which it deletes. */
  public int hunkNewStart(int h) {
    return hunk(h, 2);
  }

  public int hunkNewCount(int h) {
    return hunk(h, 3);
  }

  /** Hunk {@code h}'s header as {@code git diff -U0} prints it, e.g. {@code @@ -3,0 +4,2 @@}. */
  public String hunkHeader(int h) {
    return "@@ -" + range(hunkOldStart(h), hunkOldCount(h)) + " +" + range(hunkNewStart(h),
        hunkNewCount(h)) + " @@";
  }

  /** The hunks as objects, for callers that do not count allocations. */
  public List<Hunk> hunks() {
    List<Hunk> list = new ArrayList<>(hunkCount);
    for (int h = 0; h < hunkCount; h++) {
      list.add(new Hunk(hunkOldStart(h), hunkOldCount(h), hunkNewStart(h), hunkNewCount(h)));
    }
    return list;
  }

  private int hunk(int h, int field) {
    if (h < 0 || h >= hunkCount) {
      throw new IndexOutOfBoundsException(h);
    }
    return hunks[h * 4 + field];
  }

  /** git's unified range: 1-based start, or the line before when empty; ",count" unless 1. */
  private static String range(int start, int count) {
    if (count == 1) {
      return Integer.toString(start + 1);
    }
    return (count == 0 ? start : start + 1) + "," + count;
  }

  /** Turns the change flags into counts, hunks and the matching; the cut tail lines match 1-1. */
  private void collect(int n, int m, int tailLines) {
    oldLines = n + tailLines;
    newLines = m + tailLines;
    oldLineOf = LineTable.ensure(oldLineOf, newLines);
    additions = 0;
    deletions = 0;
    hunkCount = 0;
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (oldChanged[i + 1] == 0 && newChanged[j + 1] == 0) {
        oldLineOf[j++] = i++;
        continue;
      }
      int oldStart = i;
      int newStart = j;
      while (oldChanged[i + 1] != 0) {
        i++;
      }
      while (newChanged[j + 1] != 0) {
        oldLineOf[j++] = -1;
      }
      deletions += i - oldStart;
      additions += j - newStart;
      if (hunks.length < hunkCount * 4 + 4) {
        hunks = Arrays.copyOf(hunks, hunks.length * 2);
      }
      int at = hunkCount++ * 4;
      hunks[at] = oldStart;
      hunks[at + 1] = i - oldStart;
      hunks[at + 2] = newStart;
      hunks[at + 3] = j - newStart;
    }
    for (int t = 0; t < tailLines; t++) {
      oldLineOf[m + t] = n + t;
    }
  }

  /**
   * Whether git leaves a common tail out of a zero-context diff of these contents. When it does not,
   * a zero-context diff and a diff with context of them are the same diff.
   */
  public static boolean zeroContextCutsTail(byte[] a, int aLength, byte[] b, int bLength) {
    return commonTail(a, aLength, b, bLength) > 0;
  }

  /** The number of lines of {@code text[0, length)}, as git splits them (a last line without a newline counts). */
  public static int lineCount(byte[] text, int length) {
    return lines(text, 0, length);
  }

  /**
   * How many bytes at the end of both contents git leaves out of a zero-context diff: whole equal
   * 1024-byte blocks from the end, minus the bytes of the cut up to and including its first newline.
   */
  static int commonTail(byte[] a, int aLength, byte[] b, int bLength) {
    int smaller = Math.min(aLength, bLength);
    int trimmed = 0;
    while (trimmed + TAIL_BLOCK <= smaller
        && Arrays.equals(a, aLength - trimmed - TAIL_BLOCK, aLength - trimmed,
            b, bLength - trimmed - TAIL_BLOCK, bLength - trimmed)) {
      trimmed += TAIL_BLOCK;
    }
    int cut = aLength - trimmed;
    int recovered = 0;
    while (recovered < trimmed) {
      if (a[cut + recovered++] == '\n') {
        break;
      }
    }
    return trimmed - recovered;
  }

  private static int lines(byte[] text, int from, int to) {
    int lines = 0;
    for (int i = from; i < to; i++) {
      if (text[i] == '\n') {
        lines++;
      }
    }
    return to > from && text[to - 1] != '\n' ? lines + 1 : lines;
  }

  private static byte[] cleared(byte[] a, int size) {
    if (a.length < size) {
      return new byte[Math.max(size, a.length * 2)];
    }
    Arrays.fill(a, 0, size, (byte) 0);
    return a;
  }
}
