package agent.core.diff;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The lines of two texts as interned ids: equal lines (same bytes, newline included) get the same
 * id, so the diff compares ints, never bytes.
 *
 * <p>A line ends after its {@code '\n'}; a last line without one is a different line from the same
 * text with one; {@code '\r'} is an ordinary byte. Ids are dense, {@code 0..ids()-1}, and for each
 * id the table knows how often it occurs on each side. Interning is an open-addressing table of ints,
 * with no object per line. Reused between calls; not thread-safe.
 */
final class LineTable {
  private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  byte[] oldText;
  byte[] newText;
  int oldLines;
  int newLines;
  /** Start offset of each line, and one more entry: the end of the last line. */
  int[] oldStarts = new int[64];
  int[] newStarts = new int[64];
  int[] oldIds = new int[64];
  int[] newIds = new int[64];
  /** Per id: how many old lines and new lines have it. */
  int[] oldCount = new int[64];
  int[] newCount = new int[64];
  private int ids;

  /** Per id: hash, and one line (side and index) that has it, to compare bytes with. */
  private int[] idHash = new int[64];
  private int[] idLine = new int[64];
  /** Slot → id + 1, 0 when empty; its size is a power of two at least twice the lines. */
  private int[] slots = new int[128];

  /**
   * Splits and interns {@code oldText[0, oldLength)} and {@code newText[0, newLength)}.
   */
  void load(byte[] oldText, int oldLength, byte[] newText, int newLength) {
    this.oldText = oldText;
    this.newText = newText;
    oldStarts = split(oldText, oldLength, oldStarts);
    oldLines = splitLines;
    newStarts = split(newText, newLength, newStarts);
    newLines = splitLines;
    oldIds = ensure(oldIds, oldLines);
    newIds = ensure(newIds, newLines);
    int total = oldLines + newLines;
    idHash = ensure(idHash, total);
    idLine = ensure(idLine, total);
    oldCount = ensure(oldCount, total);
    newCount = ensure(newCount, total);
    int size = Integer.highestOneBit(Math.max(16, total * 2 - 1)) << 1;
    if (slots.length < size || slots.length > size * 8) {
      slots = new int[size];
    } else {
      size = slots.length;
      Arrays.fill(slots, 0);
    }
    ids = 0;
    intern(false, oldText, oldStarts, 0, oldLines, oldIds);
    // The new text's first and last lines that are the old text's, byte for byte, take their ids
    // without being hashed and compared: in a large file with a small edit, that is most lines.
    int prefix = commonPrefixLines(oldLength, newLength);
    int suffix = commonSuffixLines(oldLength, newLength, prefix);
    for (int line = 0; line < prefix; line++) {
      newCount[newIds[line] = oldIds[line]]++;
    }
    intern(true, newText, newStarts, prefix, newLines - suffix, newIds);
    for (int line = newLines - suffix, shift = oldLines - newLines; line < newLines; line++) {
      newCount[newIds[line] = oldIds[line + shift]]++;
    }
  }

  /** How many first lines the old and the new text have equal. */
  private int commonPrefixLines(int oldLength, int newLength) {
    int differ = Arrays.mismatch(oldText, 0, oldLength, newText, 0, newLength);
    if (differ < 0) {
      differ = oldLength;
    }
    int line = 0;
    // A line is common when it ends before the first difference, at the same offset in both (a last
    // line without its newline is not the same line with one).
    while (line < oldLines && line < newLines && oldStarts[line + 1] <= differ
        && oldStarts[line + 1] == newStarts[line + 1]) {
      line++;
    }
    return line;
  }

  /** How many last lines the old and the new text have equal, not counting the first {@code prefix}. */
  private int commonSuffixLines(int oldLength, int newLength, int prefix) {
    int limit = Math.min(oldLength, newLength) - oldStarts[prefix];
    int same = 0;
    while (same + 8 <= limit
        && (long) WORDS.get(oldText, oldLength - same - 8) == (long) WORDS.get(newText, newLength - same - 8)) {
      same += 8;
    }
    while (same < limit && oldText[oldLength - same - 1] == newText[newLength - same - 1]) {
      same++;
    }
    int lines = 0;
    // A line is common when it starts within the equal tail, as far from the end in both.
    while (lines < oldLines - prefix && lines < newLines - prefix) {
      int fromEnd = oldLength - oldStarts[oldLines - lines - 1];
      if (fromEnd > same || fromEnd != newLength - newStarts[newLines - lines - 1]) {
        break;
      }
      lines++;
    }
    return lines;
  }

  int ids() {
    return ids;
  }

  /** The line count of the last {@link #split}. */
  private int splitLines;

  /**
   * Fills {@code starts} (grown as needed, and returned) with the start of each line of {@code
   * text[0, length)} and the end of the last one, and sets {@link #splitLines}.
   */
  private int[] split(byte[] text, int length, int[] starts) {
    int line = 0;
    starts[0] = 0;
    for (int i = Newlines.next(text, 0, length); i < length; i = Newlines.next(text, i + 1, length)) {
      if (++line + 1 >= starts.length) {
        starts = Arrays.copyOf(starts, starts.length * 2);
      }
      starts[line] = i + 1;
    }
    if (length > 0 && text[length - 1] != '\n') {
      starts[++line] = length;
    }
    splitLines = line;
    return starts;
  }

  private void intern(boolean isNew, byte[] text, int[] starts, int fromLine, int toLine, int[] out) {
    int mask = slots.length - 1;
    int side = isNew ? 1 << 31 : 0;
    for (int line = fromLine; line < toLine; line++) {
      int from = starts[line];
      int to = starts[line + 1];
      int h = hash(text, from, to);
      int slot = mix(h) & mask;
      int id;
      while (true) {
        int entry = slots[slot];
        if (entry == 0) {
          id = ids++;
          slots[slot] = id + 1;
          idHash[id] = h;
          idLine[id] = side | line;
          oldCount[id] = 0;
          newCount[id] = 0;
          break;
        }
        if (idHash[entry - 1] == h && sameBytes(entry - 1, text, from, to)) {
          id = entry - 1;
          break;
        }
        slot = (slot + 1) & mask;
      }
      out[line] = id;
      if (isNew) {
        newCount[id]++;
      } else {
        oldCount[id]++;
      }
    }
  }

  private boolean sameBytes(int id, byte[] text, int from, int to) {
    int ref = idLine[id];
    boolean refNew = ref < 0;
    int refLine = ref & Integer.MAX_VALUE;
    byte[] refText = refNew ? newText : oldText;
    int[] refStarts = refNew ? newStarts : oldStarts;
    return Arrays.equals(refText, refStarts[refLine], refStarts[refLine + 1], text, from, to);
  }

  /**
   * A line's hash, eight bytes at a time: a line of 8 bytes or more is covered by its whole words
   * and a last word ending at its end (overlapping the one before); a shorter one byte by byte.
   */
  private static int hash(byte[] text, int from, int to) {
    int len = to - from;
    long h = len * 0x9e3779b97f4a7c15L;
    if (len >= 8) {
      int last = to - 8;
      for (int i = from; i < last; i += 8) {
        h = Long.rotateLeft(h ^ (long) WORDS.get(text, i) * 0xc2b2ae3d27d4eb4fL, 31) * 0x9e3779b97f4a7c15L;
      }
      h = Long.rotateLeft(h ^ (long) WORDS.get(text, last) * 0xc2b2ae3d27d4eb4fL, 31) * 0x9e3779b97f4a7c15L;
    } else {
      for (int i = from; i < to; i++) {
        h = (h ^ (text[i] & 0xff)) * 0x100000001b3L;
      }
    }
    h ^= h >>> 32;
    return (int) h;
  }

  private static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    return h;
  }

  /** {@code a}, or a bigger array when it is too small; the contents are not kept. */
  static int[] ensure(int[] a, int size) {
    return a.length >= size ? a : new int[Math.max(size, a.length * 2)];
  }
}
