package agent.core.codestats;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts a file's lines, code, comments, blanks and complexity as scc does, with one {@link
 * Language}'s syntax. scc's rules, which this follows state for state:
 *
 * <ul>
 *   <li>A line with only spaces, tabs and CRs is blank, unless it is inside a block comment
 *       (comment) or a string (code).
 *   <li>A line that starts, after whitespace, with a line comment is a comment; so is a line inside
 *       a block comment, and one that only opens or closes one. A line with any code on it is code,
 *       whatever comments it also has.
 *   <li>Comment markers inside strings are not comments. A backslash escapes a string's end unless
 *       the string is raw; a docstring alone on its lines is a comment.
 *   <li>Complexity counts each complexity token found in code whose previous byte is not a letter,
 *       digit or underscore.
 *   <li>A UTF-8 byte order mark is skipped; an empty file has 0 lines; a last line without a newline
 *       counts.
 * </ul>
 *
 * <p>It reads bytes and allocates nothing per line or per token: the markers are matched as bytes,
 * which is exact for UTF-8 content. Immutable and thread-safe.
 */
public final class LineClassifier {
  private static final int BLANK = 1;
  private static final int CODE = 2;
  private static final int COMMENT = 3;
  private static final int COMMENT_CODE = 4;
  private static final int MULTI = 5;
  private static final int MULTI_CODE = 6;
  private static final int MULTI_BLANK = 7;
  private static final int STRING = 8;
  private static final int DOC = 9;

  private static final byte T_COMPLEXITY = 1;
  private static final byte T_LINE = 2;
  private static final byte T_BLOCK = 3;
  private static final byte T_STRING = 4;

  private final Language language;
  private final Tokens tokens;
  private final Tokens openers;
  private final boolean nested;
  /** Starts of raw strings and docstrings, in table order (scc's verifyIgnoreEscape). */
  private final byte[][] specialStarts;
  /** Ends of docstrings. */
  private final byte[][] docEnds;

  LineClassifier(Language language) {
    this.language = language;
    this.nested = language.nested();
    Tokens.Builder all = new Tokens.Builder();
    Tokens.Builder open = new Tokens.Builder();
    for (String cx : language.complexity()) {
      all.add(cx, T_COMPLEXITY, null);
    }
    for (String lc : language.lineComments()) {
      all.add(lc, T_LINE, null);
    }
    for (Language.Delimiters d : language.blockComments()) {
      all.add(d.open(), T_BLOCK, d.close());
      open.add(d.open(), T_BLOCK, d.close());
    }
    List<byte[]> special = new ArrayList<>();
    List<byte[]> docs = new ArrayList<>();
    for (Language.Quote q : language.quotes()) {
      all.add(q.start(), T_STRING, q.end());
      if (q.raw() || q.doc()) {
        special.add(bytes(q.start()));
      }
      if (q.doc()) {
        docs.add(bytes(q.end()));
      }
    }
    this.tokens = all.build();
    this.openers = open.build();
    this.specialStarts = special.toArray(new byte[0][]);
    this.docEnds = docs.toArray(new byte[0][]);
  }

  public Language language() {
    return language;
  }

  /** The counts of {@code content[0, length)}. */
  public FileStats classify(byte[] content, int length) {
    return classify(content, length, null);
  }

  /**
   * The counts of {@code content[0, length)}, and the class of each line appended to {@code lines}
   * when it is not null (cleared first).
   */
  public FileStats classify(byte[] c, int len, LineClasses lines) {
    if (lines != null) {
      lines.clear();
    }
    if (len == 0) {
      return FileStats.EMPTY;
    }
    Run r = new Run(c, len, lines);
    r.run();
    return new FileStats(r.lineCount, r.code, r.comment, r.blank, r.complexity);
  }

  /** One classification: scc's CountStats with its state in fields. */
  private final class Run {
    final byte[] c;
    final int len;
    final int endPoint;
    final LineClasses out;
    int state = BLANK;
    byte[] endString;
    boolean ignoreEscape;
    byte[][] endComments = new byte[4][];
    int depth;
    int lineCount;
    int code;
    int comment;
    int blank;
    int complexity;
    /** The length and close marker of the last token matched. */
    int matchLength;
    byte[] matchClose;

    Run(byte[] c, int len, LineClasses out) {
      this.c = c;
      this.len = len;
      this.endPoint = len - 1;
      this.out = out;
    }

    void run() {
      int start = len >= 3 && c[0] == (byte) 0xEF && c[1] == (byte) 0xBB && c[2] == (byte) 0xBF ? 3 : 0;
      for (int index = start; index < len; index++) {
        if (!whitespace(c[index])) {
          switch (state) {
            case CODE -> index = codeState(index);
            case STRING -> index = stringState(index);
            case DOC -> index = docStringState(index);
            case MULTI, MULTI_CODE -> index = commentState(index);
            case BLANK, MULTI_BLANK -> index = blankState(index);
            default -> {
              // COMMENT and COMMENT_CODE: the rest of the line is a comment
            }
          }
        }
        // An unclosed string or comment can leave the index past the end.
        if (index >= len) {
          return;
        }
        if (c[index] == '\n' || index >= endPoint) {
          lineCount++;
          switch (state) {
            case CODE, STRING, COMMENT_CODE, MULTI_CODE -> {
              code++;
              line(LineClass.CODE);
              state = reset(state);
            }
            case COMMENT, MULTI, MULTI_BLANK -> {
              comment++;
              line(LineClass.COMMENT);
              state = reset(state);
            }
            case DOC -> {
              comment++;
              line(LineClass.COMMENT);
            }
            default -> {
              blank++;
              line(LineClass.BLANK);
            }
          }
        }
      }
    }

    private void line(byte cls) {
      if (out != null) {
        out.add(cls);
      }
    }

    private int reset(int s) {
      return switch (s) {
        case MULTI, MULTI_CODE -> MULTI;
        case STRING -> STRING;
        default -> BLANK;
      };
    }

    private int codeState(int index) {
      for (int i = index; i < endPoint; i++) {
        index = i;
        byte b = c[i];
        if (b == '\n') {
          return i;
        }
        int t = tokens.match(c, i, len, this);
        switch (t) {
          case T_STRING -> {
            byte[] end = matchClose;
            int j = verifyIgnoreEscape(i);
            endString = end;
            // A quote after a backslash is a character, not a string (C's '\"').
            if (c[j - 1] != '\\') {
              state = STRING;
            }
            return j;
          }
          case T_LINE -> {
            state = COMMENT_CODE;
            return i;
          }
          case T_BLOCK -> {
            if (nested || depth == 0) {
              push(matchClose);
              state = MULTI_CODE;
              return i + matchLength - 1;
            }
          }
          case T_COMPLEXITY -> {
            if (i == 0 || !identifier(c[i - 1])) {
              complexity++;
            }
            i += matchLength - 1;
          }
          default -> {
            // not a token
          }
        }
      }
      return index;
    }

    private int stringState(int index) {
      for (int i = index; i < endPoint; i++) {
        index = i;
        if (c[i] == '\n') {
          return i;
        }
        boolean escaped = false;
        if (c[i - 1] == '\\') {
          int n = 0;
          for (int j = i - 1; j > 0 && c[j] == '\\'; j--) {
            n++;
          }
          escaped = n % 2 != 0;
        }
        if ((ignoreEscape || !escaped) && matches(endString, i, endPoint)) {
          state = CODE;
          return i + endString.length - 1;
        }
      }
      return index;
    }

    private int docStringState(int index) {
      for (int i = index; i < endPoint; i++) {
        index = i;
        if (c[i] == '\n') {
          return i;
        }
        if (c[i - 1] != '\\' && matches(endString, i, endPoint)) {
          // What follows the docstring on its line decides: nothing, and it is a comment.
          for (int j = index + endString.length; j <= endPoint; j++) {
            if (c[j] == '\n') {
              state = COMMENT;
              return i;
            }
            if (!whitespace(c[j])) {
              state = CODE;
              return i;
            }
          }
          state = CODE;
          return i;
        }
      }
      return index;
    }

    private int commentState(int index) {
      for (int i = index; i < endPoint; i++) {
        index = i;
        if (c[i] == '\n') {
          return i;
        }
        byte[] close = endComments[depth - 1];
        if (matches(close, i, endPoint)) {
          depth--;
          if (depth == 0) {
            state = state == MULTI_CODE ? CODE : MULTI_BLANK;
          }
          return i + close.length - 1;
        }
        if (nested || depth == 0) {
          if (openers.match(c, i, len, this) == T_BLOCK) {
            push(matchClose);
            return i + matchLength - 1;
          }
        }
      }
      return index;
    }

    private int blankState(int index) {
      int t = tokens.match(c, index, len, this);
      switch (t) {
        case T_BLOCK -> {
          if (nested || depth == 0) {
            push(matchClose);
            state = MULTI;
            return index + matchLength - 1;
          }
        }
        case T_LINE -> state = COMMENT;
        case T_STRING -> {
          byte[] end = matchClose;
          index = verifyIgnoreEscape(index);
          endString = end;
          state = isDocEnd(end) ? DOC : STRING;
        }
        case T_COMPLEXITY -> {
          state = CODE;
          if (index == 0 || !identifier(c[index - 1])) {
            complexity++;
          }
          index += matchLength - 1;
        }
        default -> state = CODE;
      }
      return index;
    }

    /** scc's verifyIgnoreEscape: past the start of a raw string or docstring, which ignores escapes. */
    private int verifyIgnoreEscape(int index) {
      ignoreEscape = false;
      for (byte[] start : specialStarts) {
        if (matches(start, index, len)) {
          ignoreEscape = true;
          index += start.length;
          if (index >= len) {
            index = len - 1;
          }
        }
      }
      return index;
    }

    private boolean isDocEnd(byte[] end) {
      for (byte[] d : docEnds) {
        if (java.util.Arrays.equals(d, end)) {
          return true;
        }
      }
      return false;
    }

    private void push(byte[] close) {
      if (depth == endComments.length) {
        endComments = java.util.Arrays.copyOf(endComments, depth * 2);
      }
      endComments[depth++] = close;
    }

    /** True when {@code m} is at {@code i} and ends before {@code limit}. */
    private boolean matches(byte[] m, int i, int limit) {
      if (i + m.length > limit) {
        return false;
      }
      for (int j = 0; j < m.length; j++) {
        if (c[i + j] != m[j]) {
          return false;
        }
      }
      return true;
    }
  }

  static boolean whitespace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r';
  }

  static boolean identifier(byte b) {
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_';
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A language's tokens by first byte, longest first, so that a match is one table look-up and a
   * few byte compares.
   */
  static final class Tokens {
    private final byte[][][] byFirst;
    private final byte[][] types;
    private final byte[][][] closes;

    private Tokens(byte[][][] byFirst, byte[][] types, byte[][][] closes) {
      this.byFirst = byFirst;
      this.types = types;
      this.closes = closes;
    }

    /** The type of the longest token at {@code i}, its length and close in {@code r}; 0 for none. */
    int match(byte[] c, int i, int len, Run r) {
      byte[][] candidates = byFirst[c[i] & 0xff];
      if (candidates == null) {
        return 0;
      }
      outer:
      for (int k = 0; k < candidates.length; k++) {
        byte[] t = candidates[k];
        if (i + t.length > len) {
          continue;
        }
        for (int j = 1; j < t.length; j++) {
          if (c[i + j] != t[j]) {
            continue outer;
          }
        }
        r.matchLength = t.length;
        r.matchClose = closes[c[i] & 0xff][k];
        return types[c[i] & 0xff][k];
      }
      return 0;
    }

    static final class Builder {
      private final List<byte[]> tokens = new ArrayList<>();
      private final List<Byte> types = new ArrayList<>();
      private final List<byte[]> closes = new ArrayList<>();

      void add(String token, byte type, String close) {
        byte[] t = bytes(token);
        for (int i = 0; i < tokens.size(); i++) {
          // One meaning per token: a later one (a string over a comment marker) replaces it.
          if (java.util.Arrays.equals(tokens.get(i), t)) {
            tokens.remove(i);
            types.remove(i);
            closes.remove(i);
            break;
          }
        }
        tokens.add(t);
        types.add(type);
        closes.add(close == null ? null : bytes(close));
      }

      Tokens build() {
        byte[][][] byFirst = new byte[256][][];
        byte[][] ty = new byte[256][];
        byte[][][] cl = new byte[256][][];
        for (int b = 0; b < 256; b++) {
          List<Integer> idx = new ArrayList<>();
          for (int i = 0; i < tokens.size(); i++) {
            if ((tokens.get(i)[0] & 0xff) == b) {
              idx.add(i);
            }
          }
          if (idx.isEmpty()) {
            continue;
          }
          idx.sort((x, y) -> Integer.compare(tokens.get(y).length, tokens.get(x).length));
          byFirst[b] = new byte[idx.size()][];
          ty[b] = new byte[idx.size()];
          cl[b] = new byte[idx.size()][];
          for (int k = 0; k < idx.size(); k++) {
            byFirst[b][k] = tokens.get(idx.get(k));
            ty[b][k] = types.get(idx.get(k));
            cl[b][k] = closes.get(idx.get(k));
          }
        }
        return new Tokens(byFirst, ty, cl);
      }
    }
  }
}
