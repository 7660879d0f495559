package agent.core.codestats;

/**
 * The line counts of one file's content: code, comment and blank lines and complexity ({@link LineClassifier}).
 *
 * @param lines every line: a last line without a newline counts, an empty file has none
 * @param code lines with code (a line with code and a comment is code)
 * @param comments lines with only comments (blank lines inside a block comment count here)
 * @param blanks lines with only whitespace (space, tab, CR)
 * @param complexity the complexity tokens found in code ({@code if}, {@code for}, {@code &&}, ...)
 */
public record FileStats(int lines, int code, int comments, int blanks, int complexity) {
  public static final FileStats EMPTY = new FileStats(0, 0, 0, 0, 0);
}
