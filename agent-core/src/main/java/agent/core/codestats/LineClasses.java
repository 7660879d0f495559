package agent.core.codestats;

import java.util.Arrays;

/**
 * The class of each line of a file ({@link LineClass}), one byte a line, filled by {@link
 * LineClassifier}. Reusable: {@link #clear()} and classify the next file into the same buffer. Not
 * thread-safe.
 */
public final class LineClasses {
  private byte[] classes = new byte[256];
  private int size;

  /** Empties it, keeping its buffer. */
  public void clear() {
    size = 0;
  }

  /** The number of lines. */
  public int size() {
    return size;
  }

  /** The class of line {@code i} (0-based). */
  public byte get(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException(i);
    }
    return classes[i];
  }

  /** A copy of the classes, one byte a line. */
  public byte[] toArray() {
    return Arrays.copyOf(classes, size);
  }

  void add(byte c) {
    if (size == classes.length) {
      classes = Arrays.copyOf(classes, size * 2);
    }
    classes[size++] = c;
  }
}
