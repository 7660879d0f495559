package agent.core.git;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.eclipse.jgit.lib.ObjectLoader;

/**
 * How much of one file's content another keeps, as {@code git diff -M} estimates it to decide a
 * rename: the content cut into chunks, and the bytes of the source's chunks that the destination
 * has too, over the size of the larger file.
 *
 * <p>Established against git 2.39 with crafted files (see {@code RenameSimilarityTest}):
 *
 * <ul>
 *   <li>A chunk ends after a {@code \n} or at its 64th byte, whichever comes first. Bytes after
 *       the last complete chunk (a last line without {@code \n}, shorter than 64 bytes) count for
 *       nothing, so a file's last line without a newline never matches.
 *   <li>In a text file (no NUL byte in the first {@value CommitDiffer#BINARY_PROBE_BYTES} bytes,
 *       each file judged on its own) a {@code \r} right before a {@code \n} is dropped: it is not
 *       part of its chunk and not counted, so {@code a\r\n} equals {@code a\n}. A lone {@code \r}
 *       is an ordinary byte, as is every {@code \r} of a binary file.
 *   <li>Equal chunks count their bytes on each side; per distinct chunk the smaller of the two byte
 *       counts is kept. The score is the sum of those over the larger file's size in bytes (its
 *       blob size, {@code \r} included), as a fraction of {@value #MAX_SCORE}, rounded down.
 * </ul>
 *
 * <p>Chunks are compared by a 64-bit hash of their bytes and their length: chunks that differ do
 * not match. So are git's for files of up to about 3,000 distinct chunks; once both files have more,
 * git starts to match different chunks (two files of 10,000 different lines each are 21% similar to
 * git, 0% here), which is not reproduced.
 *
 * <p>Memory: two primitive arrays, 12 bytes a distinct chunk. A file of more than {@value
 * #MAX_CHUNKS} chunks is not indexed ({@link #of} returns null).
 */
final class RenameSimilarity {
  /** The score of a file against itself; git's scale, on which 50% is 30,000. */
  static final int MAX_SCORE = 60_000;

  /** The longest chunk: a longer line is cut into chunks of this many bytes. */
  static final int CHUNK_BYTES = 64;

  /** The most chunks a file may have to be indexed, which bounds an index to under 1 MiB. */
  static final int MAX_CHUNKS = 1 << 16;

  /** A chunk's length in the low bits of its key: at most {@value #CHUNK_BYTES}. */
  private static final long LENGTH_BITS = 0x7F;

  private static final RenameSimilarity EMPTY = new RenameSimilarity(new long[0], new int[0], 0);

  /** The distinct chunks, ascending: a hash of the bytes above {@link #LENGTH_BITS}, the length in them. */
  private final long[] keys;

  /** For each of {@link #keys}, the bytes its chunk has in the file: length times occurrences. */
  private final int[] bytes;

  private final long size;

  private RenameSimilarity(long[] keys, int[] bytes, long size) {
    this.keys = keys;
    this.bytes = bytes;
    this.size = size;
  }

  /** The index of {@code content}; null beyond {@value #MAX_CHUNKS} chunks. */
  static RenameSimilarity of(byte[] content) {
    Chunker c = new Chunker(isText(content, Math.min(content.length, CommitDiffer.BINARY_PROBE_BYTES)));
    return c.add(content, 0, content.length) ? c.finish(content.length) : null;
  }

  /**
   * The index of a blob, read as a stream if the loader holds it as one (a large object); null
   * beyond {@value #MAX_CHUNKS} chunks, read no further.
   */
  static RenameSimilarity of(ObjectLoader loader) throws IOException {
    if (!loader.isLarge()) {
      return of(loader.getCachedBytes());
    }
    try (InputStream in = loader.openStream()) {
      byte[] buf = new byte[Math.max(CommitDiffer.BINARY_PROBE_BYTES, 1 << 16)];
      int n = in.readNBytes(buf, 0, CommitDiffer.BINARY_PROBE_BYTES);
      Chunker c = new Chunker(isText(buf, n));
      long size = 0;
      while (n > 0) {
        if (!c.add(buf, 0, n)) {
          return null;
        }
        size += n;
        n = in.read(buf);
      }
      return c.finish(size);
    }
  }

  /** The file's size in bytes. */
  long size() {
    return size;
  }

  /**
   * How much of this file (the removed one) {@code dst} (the added one) keeps: 0 to {@value
   * #MAX_SCORE}; 0 when both are empty.
   */
  int score(RenameSimilarity dst) {
    long max = Math.max(size, dst.size);
    if (max == 0) {
      return 0;
    }
    long copied = 0;
    long[] a = keys;
    long[] b = dst.keys;
    int i = 0;
    int j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        copied += Math.min(bytes[i++], dst.bytes[j++]);
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return (int) (copied * MAX_SCORE / max);
  }

  private static boolean isText(byte[] b, int n) {
    for (int i = 0; i < n; i++) {
      if (b[i] == 0) {
        return false;
      }
    }
    return true;
  }

  /** Cuts content fed in pieces into chunks and collects their keys. */
  private static final class Chunker {
    private final boolean text;
    private long[] chunks = new long[64];
    private int count;
    private long hash;
    private int length;
    /** A {@code \r} seen last, held back until the next byte says whether it ends a CRLF. */
    private boolean heldCr;
    private boolean full;

    Chunker(boolean text) {
      this.text = text;
    }

    /** Feeds bytes; false once the file has more than {@value #MAX_CHUNKS} chunks. */
    boolean add(byte[] b, int from, int to) {
      for (int i = from; i < to && !full; i++) {
        byte c = b[i];
        if (heldCr) {
          heldCr = false;
          if (c != '\n') {
            take((byte) '\r');
          }
        }
        if (text && c == '\r') {
          heldCr = true;
        } else {
          take(c);
        }
      }
      return !full;
    }

    private void take(byte c) {
      hash = (hash + (c & 0xFF) + 1) * 0x9E3779B97F4A7C15L;
      length++;
      if (c == '\n' || length == CHUNK_BYTES) {
        if (count == MAX_CHUNKS) {
          full = true;
          return;
        }
        if (count == chunks.length) {
          chunks = Arrays.copyOf(chunks, count * 2);
        }
        chunks[count++] = (mix(hash) & ~LENGTH_BITS) | length;
        hash = 0;
        length = 0;
      }
    }

    /** The index; what is left after the last complete chunk does not count. */
    RenameSimilarity finish(long size) {
      if (heldCr) {
        heldCr = false;
        take((byte) '\r');
      }
      if (full) {
        return null;
      }
      if (count == 0) {
        return size == 0 ? EMPTY : new RenameSimilarity(new long[0], new int[0], size);
      }
      Arrays.sort(chunks, 0, count);
      int distinct = 0;
      for (int i = 0; i < count; i++) {
        if (i == 0 || chunks[i] != chunks[i - 1]) {
          distinct++;
        }
      }
      long[] keys = new long[distinct];
      int[] bytes = new int[distinct];
      int k = -1;
      for (int i = 0; i < count; i++) {
        if (i == 0 || chunks[i] != chunks[i - 1]) {
          keys[++k] = chunks[i];
        }
        bytes[k] += (int) (chunks[i] & LENGTH_BITS);
      }
      return new RenameSimilarity(keys, bytes, size);
    }

    /** Spreads the hash's bits (a 64-bit finalizer), as the low ones make way for the length. */
    private static long mix(long h) {
      h ^= h >>> 33;
      h *= 0xFF51AFD7ED558CCDL;
      h ^= h >>> 33;
      h *= 0xC4CEB9FE1A85EC53L;
      h ^= h >>> 33;
      return h;
    }
  }
}
