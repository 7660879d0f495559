package agent.core.diff;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Finds {@code '\n'} in bytes eight at a time: the scan under line splitting and line limits. */
public final class Newlines {
  private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;

  private Newlines() {}

  /** The index of the first {@code '\n'} in {@code text[from, to)}, or {@code to} if there is none. */
  public static int next(byte[] text, int from, int to) {
    int i = from;
    while (i + 8 <= to) {
      long x = (long) WORDS.get(text, i) ^ NEWLINES;
      // A byte of x is zero where the text has '\n'; the lowest flagged byte is always a real one (a
      // borrow can flag bytes above it only).
      long found = (x - ONES) & ~x & HIGHS;
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
      i += 8;
    }
    while (i < to && text[i] != '\n') {
      i++;
    }
    return i;
  }
}
