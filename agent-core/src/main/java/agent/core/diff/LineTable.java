package agent.core.diff;

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
    oldLines = countLines(oldText, oldLength);
    newLines = countLines(newText, newLength);
    oldStarts = ensure(oldStarts, oldLines + 1);
    newStarts = ensure(newStarts, newLines + 1);
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
    split(oldText, oldLength, oldStarts, oldLines);
    split(newText, newLength, newStarts, newLines);
    intern(false, oldText, oldStarts, oldLines, oldIds);
    intern(true, newText, newStarts, newLines, newIds);
  }

  int ids() {
    return ids;
  }

  private static int countLines(byte[] text, int length) {
    int lines = 0;
    for (int i = 0; i < length; i++) {
      if (text[i] == '\n') {
        lines++;
      }
    }
    return length > 0 && text[length - 1] != '\n' ? lines + 1 : lines;
  }

  private static void split(byte[] text, int length, int[] starts, int lines) {
    int line = 0;
    starts[0] = 0;
    for (int i = 0; i < length; i++) {
      if (text[i] == '\n') {
        starts[++line] = i + 1;
      }
    }
    if (line < lines) {
      starts[lines] = length;
    }
  }

  private void intern(boolean isNew, byte[] text, int[] starts, int lines, int[] out) {
    int mask = slots.length - 1;
    int side = isNew ? 1 << 31 : 0;
    for (int line = 0; line < lines; line++) {
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

  private static int hash(byte[] text, int from, int to) {
    int h = 0x811c9dc5;
    for (int i = from; i < to; i++) {
      h = (h ^ text[i]) * 0x01000193;
    }
    return h ^ (to - from);
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
