package agent.core.codestats;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Counts the code, comment and blank lines of one file's content, and its complexity tokens, from
 * the comment and string markers of its {@link Language}.
 *
 * <p>One forward pass over the bytes. The scanner is in one of three modes: code, a block comment
 * (with its depth where comments nest) or a string (plain, raw, or a docstring standing for a
 * comment). Two flags per line record what the line held: a code byte (anything but space, tab and
 * CR outside comments, or any part of a string) and a comment (a comment marker, or a line begun
 * inside a block comment or a standalone docstring). At each newline the line is code if it held
 * code, else a comment if it held a comment, else blank; the flags of the next line start from the
 * mode the scanner is in. A line comment ends the line's scan at once.
 *
 * <p>In code mode a 256-entry table of first bytes tells whether a byte can start anything: most
 * bytes are plain code or whitespace and cost one lookup. Where several markers match at one place,
 * the longest wins ({@code --[[} over {@code --}, {@code """} over {@code "}). A comment marker that
 * starts with a letter needs a non-identifier byte before it, one that ends with a letter a
 * non-identifier byte after it ({@code REM}, not {@code REMOVE}). Complexity tokens count in code
 * mode where the byte before is not an ASCII letter, digit or underscore; the token's last byte (its
 * space, "(" or "{") is then scanned again as code, so that {@code === } counts once and
 * {@code if(*} still opens an OCaml comment.
 *
 * <p>Immutable and thread-safe: a call's state lives in its locals; nothing is allocated per line
 * or per token.
 */
public final class LineClassifier {
  // What a byte can start in code mode (first[b]).
  private static final byte CODE_BYTE = 0;
  private static final byte SPACE = 1;
  private static final byte NEWLINE = 2;
  private static final byte MARKER = 4;
  private static final byte TOKEN = 8;

  // Kinds of opener.
  private static final byte LINE = 0;
  private static final byte BLOCK = 1;
  private static final byte QUOTE = 2;

  // Scanner modes.
  private static final int IN_CODE = 0;
  private static final int IN_BLOCK = 1;
  private static final int IN_STRING = 2;

  private final Language language;
  private final boolean plain;
  private final byte[] first = new byte[256];

  /** Openers (line comments, block comment opens, string starts), longest first. */
  private final byte[][] openers;
  private final byte[] openerKind;
  /** The block pair or quote an opener belongs to. */
  private final int[] openerIndex;
  private final boolean[] wordBefore;
  private final boolean[] wordAfter;
  /** Indexes into {@link #openers} of those starting with each byte; null for none. */
  private final int[][] openersByByte = new int[256][];

  private final byte[][] blockOpen;
  private final byte[][] blockClose;
  private final boolean nested;

  private final byte[][] quoteEnd;
  private final boolean[] quoteRaw;
  private final boolean[] quoteDoc;

  /** Complexity tokens starting with each byte, longest first; null for none. */
  private final byte[][][] tokensByByte = new byte[256][][];

  LineClassifier(Language language) {
    this.language = language;
    this.plain = language.plain();
    this.nested = language.nested();

    List<Language.Delimiters> blocks = language.blockComments();
    blockOpen = new byte[blocks.size()][];
    blockClose = new byte[blocks.size()][];
    for (int k = 0; k < blocks.size(); k++) {
      blockOpen[k] = bytes(blocks.get(k).open());
      blockClose[k] = bytes(blocks.get(k).close());
    }
    List<Language.Quote> quotes = language.quotes();
    quoteEnd = new byte[quotes.size()][];
    quoteRaw = new boolean[quotes.size()];
    quoteDoc = new boolean[quotes.size()];
    for (int k = 0; k < quotes.size(); k++) {
      quoteEnd[k] = bytes(quotes.get(k).end());
      quoteRaw[k] = quotes.get(k).raw();
      quoteDoc[k] = quotes.get(k).doc();
    }

    record Opener(byte[] marker, byte kind, int index) {}
    List<Opener> all = new ArrayList<>();
    for (String m : language.lineComments()) {
      all.add(new Opener(bytes(m), LINE, -1));
    }
    for (int k = 0; k < blocks.size(); k++) {
      all.add(new Opener(blockOpen[k], BLOCK, k));
    }
    for (int k = 0; k < quotes.size(); k++) {
      all.add(new Opener(bytes(quotes.get(k).start()), QUOTE, k));
    }
    all.sort((a, b) -> b.marker().length - a.marker().length); // stable: table order among equals
    int n = all.size();
    openers = new byte[n][];
    openerKind = new byte[n];
    openerIndex = new int[n];
    wordBefore = new boolean[n];
    wordAfter = new boolean[n];
    for (int k = 0; k < n; k++) {
      Opener o = all.get(k);
      openers[k] = o.marker();
      openerKind[k] = o.kind();
      openerIndex[k] = o.index();
      boolean comment = o.kind() != QUOTE;
      wordBefore[k] = comment && isLetter(o.marker()[0]);
      wordAfter[k] = comment && isLetter(o.marker()[o.marker().length - 1]);
      int b = o.marker()[0] & 0xff;
      int[] prev = openersByByte[b];
      openersByByte[b] = prev == null ? new int[] {k} : append(prev, k);
      first[b] |= MARKER;
    }

    List<byte[]> tokens = new ArrayList<>();
    for (String t : language.complexity()) {
      tokens.add(bytes(t));
    }
    tokens.sort((a, b) -> b.length - a.length);
    for (byte[] t : tokens) {
      int b = t[0] & 0xff;
      byte[][] prev = tokensByByte[b];
      if (prev == null) {
        tokensByByte[b] = new byte[][] {t};
      } else {
        byte[][] grown = Arrays.copyOf(prev, prev.length + 1);
        grown[prev.length] = t;
        tokensByByte[b] = grown;
      }
      first[b] |= TOKEN;
    }
    // Whitespace and newlines start nothing (no marker or token starts with them).
    first[' '] = SPACE;
    first['\t'] = SPACE;
    first['\r'] = SPACE;
    first['\n'] = NEWLINE;
  }

  public Language language() {
    return language;
  }

  /** The counts of {@code content[0, length)}. */
  public FileStats classify(byte[] content, int length) {
    return classify(content, length, null);
  }

  /**
   * The counts of {@code content[0, length)}; when {@code lines} is not null, also appends the class
   * of each line to it ({@link LineClass}).
   */
  public FileStats classify(byte[] content, int length, LineClasses lines) {
    int start = hasBom(content, length) ? 3 : 0;
    if (start >= length) {
      return FileStats.EMPTY;
    }
    return plain ? classifyPlain(content, start, length, lines) : scan(content, start, length, lines);
  }

  /** A language without comments, strings or complexity: a line is code or blank. */
  private static FileStats classifyPlain(byte[] c, int i, int end, LineClasses lines) {
    int total = 0;
    int code = 0;
    boolean sawCode = false;
    for (; i < end; i++) {
      byte b = c[i];
      if (b == '\n') {
        total++;
        if (sawCode) {
          code++;
        }
        if (lines != null) {
          lines.add(sawCode ? LineClass.CODE : LineClass.BLANK);
        }
        sawCode = false;
      } else if (b != ' ' && b != '\t' && b != '\r') {
        sawCode = true;
      }
    }
    if (c[end - 1] != '\n') {
      total++;
      if (sawCode) {
        code++;
      }
      if (lines != null) {
        lines.add(sawCode ? LineClass.CODE : LineClass.BLANK);
      }
    }
    return new FileStats(total, code, 0, total - code, 0);
  }

  private FileStats scan(byte[] c, int i, int end, LineClasses lines) {
    int codeLines = 0;
    int commentLines = 0;
    int blankLines = 0;
    int complexity = 0;

    int mode = IN_CODE;
    int which = -1; // the block pair or quote of the mode
    int depth = 0; // block comment depth
    boolean docComment = false; // the string is a docstring standing alone: a comment
    boolean code = false; // the line holds code
    boolean comment = false; // the line holds a comment

    final byte[] first = this.first;
    while (i < end) {
      byte b = c[i];
      if (b == '\n') {
        byte cls = code ? LineClass.CODE : comment ? LineClass.COMMENT : LineClass.BLANK;
        if (cls == LineClass.CODE) {
          codeLines++;
        } else if (cls == LineClass.COMMENT) {
          commentLines++;
        } else {
          blankLines++;
        }
        if (lines != null) {
          lines.add(cls);
        }
        // The next line starts in the mode this one ends in.
        code = mode == IN_STRING && !docComment;
        comment = mode == IN_BLOCK || (mode == IN_STRING && docComment);
        i++;
        continue;
      }

      if (mode == IN_CODE) {
        int f = first[b & 0xff];
        if (f <= SPACE) {
          // A run of plain code and whitespace, up to a newline or a byte that may start something.
          do {
            code |= f == CODE_BYTE;
            if (++i == end) {
              break;
            }
            f = first[c[i] & 0xff];
          } while (f <= SPACE);
          continue;
        }
        if ((f & MARKER) != 0) {
          int k = opener(c, i, end);
          if (k >= 0) {
            int len = openers[k].length;
            switch (openerKind[k]) {
              case LINE -> {
                comment = true;
                i = lineEnd(c, i + len, end);
              }
              case BLOCK -> {
                comment = true;
                mode = IN_BLOCK;
                which = openerIndex[k];
                depth = 1;
                i += len;
              }
              default -> {
                which = openerIndex[k];
                docComment = quoteDoc[which] && !code;
                if (docComment) {
                  comment = true;
                } else {
                  code = true;
                }
                mode = IN_STRING;
                i += len;
              }
            }
            continue;
          }
        }
        code = true;
        if ((f & TOKEN) != 0 && (i == 0 || !isIdentifier(c[i - 1]))) {
          int len = token(c, i, end);
          if (len > 0) {
            complexity++;
            i += len - 1; // the token's last byte is a delimiter: scan it as code
            continue;
          }
        }
        i++;
      } else if (mode == IN_BLOCK) {
        byte[] close = blockClose[which];
        if (b == close[0] && matches(c, i, end, close)) {
          i += close.length;
          if (--depth == 0) {
            mode = IN_CODE;
          }
          continue;
        }
        if (nested) {
          byte[] open = blockOpen[which];
          if (b == open[0] && matches(c, i, end, open)) {
            i += open.length;
            depth++;
            continue;
          }
        }
        i++;
      } else { // IN_STRING
        if (b == '\\' && !quoteRaw[which]) {
          // The escaped byte is skipped, unless it ends the line.
          i += i + 1 < end && c[i + 1] != '\n' ? 2 : 1;
          continue;
        }
        byte[] close = quoteEnd[which];
        if (b == close[0] && matches(c, i, end, close)) {
          i += close.length;
          mode = IN_CODE;
          continue;
        }
        i++;
      }
    }

    if (c[end - 1] != '\n') { // the last line, without a newline, counts in the mode it ends in
      if (code) {
        codeLines++;
      } else if (comment) {
        commentLines++;
      } else {
        blankLines++;
      }
      if (lines != null) {
        lines.add(code ? LineClass.CODE : comment ? LineClass.COMMENT : LineClass.BLANK);
      }
    }
    return new FileStats(codeLines + commentLines + blankLines, codeLines, commentLines, blankLines, complexity);
  }

  /** The longest opener at {@code i}, or -1. */
  private int opener(byte[] c, int i, int end) {
    int[] candidates = openersByByte[c[i] & 0xff];
    for (int k : candidates) {
      byte[] m = openers[k];
      if (matches(c, i, end, m)
          && (!wordBefore[k] || i == 0 || !isIdentifier(c[i - 1]))
          && (!wordAfter[k] || i + m.length >= end || !isIdentifier(c[i + m.length]))) {
        return k;
      }
    }
    return -1;
  }

  /** The length of the longest complexity token at {@code i}, or 0. */
  private int token(byte[] c, int i, int end) {
    for (byte[] t : tokensByByte[c[i] & 0xff]) {
      if (matches(c, i, end, t)) {
        return t.length;
      }
    }
    return 0;
  }

  /** The index of the newline at or after {@code i}, or {@code end}. */
  private static int lineEnd(byte[] c, int i, int end) {
    while (i < end && c[i] != '\n') {
      i++;
    }
    return i;
  }

  private static boolean matches(byte[] c, int i, int end, byte[] m) {
    if (i + m.length > end) {
      return false;
    }
    for (int k = 1; k < m.length; k++) { // callers have compared the first byte or will
      if (c[i + k] != m[k]) {
        return false;
      }
    }
    return c[i] == m[0];
  }

  private static boolean hasBom(byte[] c, int length) {
    return length >= 3 && c[0] == (byte) 0xEF && c[1] == (byte) 0xBB && c[2] == (byte) 0xBF;
  }

  private static boolean isIdentifier(byte b) {
    return isLetter(b) || (b >= '0' && b <= '9') || b == '_';
  }

  private static boolean isLetter(byte b) {
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static int[] append(int[] a, int v) {
    int[] out = Arrays.copyOf(a, a.length + 1);
    out[a.length] = v;
    return out;
  }
}
