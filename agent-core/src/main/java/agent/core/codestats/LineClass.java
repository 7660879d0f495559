package agent.core.codestats;

/** What one line is, for the per-line classes of {@link LineClassifier#classify(byte[], int, LineClasses)}. */
public final class LineClass {
  public static final byte BLANK = 0;
  public static final byte CODE = 1;
  public static final byte COMMENT = 2;

  private LineClass() {}

  /** The exported name of a class: {@code blank}, {@code code} or {@code comment}. */
  public static String name(byte c) {
    return switch (c) {
      case CODE -> "code";
      case COMMENT -> "comment";
      default -> "blank";
    };
  }
}
