package agent.core.output;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * One gzip member (RFC 1952) of deflate at level 1 (RFC 1951) whose compression runs on every core:
 * what {@code gzip -dc}, {@code zcat} and {@link java.util.zip.GZIPInputStream} read, and the
 * size a single level-1 stream gives, within a fraction of a percent.
 *
 * <p>The uncompressed bytes are cut into blocks of {@value #BLOCK_SIZE} bytes, each deflated on its
 * own by {@link DeflateWorkers}: primed with the last {@value #WINDOW} bytes before it as a preset
 * dictionary (the most a back-reference can reach, so the ratio is kept), and ended with a sync
 * flush, an empty stored block that leaves the output on a byte boundary. The raw deflate outputs
 * written one after the other are therefore one deflate stream, which the last block ends with the
 * final bit. The CRC-32 and the length in the trailer are of the uncompressed bytes in order.
 *
 * <p>Not thread-safe: one thread writes, then finishes, closes or releases. That thread copies each
 * write into the current block and writes the compressed blocks to the underlying stream, in order,
 * as they are ready, from {@code write} and {@link #finish}. A full block goes to the workers if one
 * of their slots is free ({@link DeflateWorkers#tryTakeSlot}), else the writer compresses it itself,
 * as a single-threaded stream would. At most one block more than there are workers waits to be
 * written; a writer further ahead waits for the oldest one, compressing it itself if no worker has
 * started it yet.
 *
 * <p>Failure: an exception of the underlying stream, or of a block's compression, propagates from
 * the {@code write} or {@link #finish} that met it, and every later write or finish throws an {@link
 * IOException}: the member is broken and must be discarded ({@link #release}).
 */
final class ParallelGzipOutputStream extends OutputStream {
  /** Uncompressed bytes per block. */
  static final int BLOCK_SIZE = 256 * 1024;
  /** Deflate's window: how far back a block can refer into the one before it. */
  static final int WINDOW = 32 * 1024;
  /** The first block of a stream starts this small: a file of a few objects holds little memory. */
  static final int FIRST_CAPACITY = 16 * 1024;

  /** Output arrays of written blocks kept for the next ones: the steady state needs one. */
  private static final int MAX_SPARES = 2;

  /** Magic, deflate, no flags, no time, no extra flags, OS unknown: the header GZIPOutputStream wrote. */
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

  private final OutputStream out;
  private final DeflateWorkers workers;
  private final int blockSize;
  private final int maxPending;
  private final ArrayDeque<Block> pending = new ArrayDeque<>();
  private final ArrayDeque<byte[]> spareOut = new ArrayDeque<>();
  private final CRC32 crc = new CRC32();
  private long rawLength;
  private Block current;
  private boolean finished;
  private boolean released;
  private boolean broken;

  /** A stream on the {@link DeflateWorkers#shared() shared} workers, in blocks of {@value #BLOCK_SIZE}. */
  ParallelGzipOutputStream(OutputStream out) throws IOException {
    this(out, DeflateWorkers.shared(), BLOCK_SIZE);
  }

  /** Writes the 10-byte header to {@code out} at once. */
  ParallelGzipOutputStream(OutputStream out, DeflateWorkers workers, int blockSize) throws IOException {
    this.out = Objects.requireNonNull(out, "out");
    this.workers = Objects.requireNonNull(workers, "workers");
    if (blockSize < 1) {
      throw new IllegalArgumentException("blockSize must be positive: " + blockSize);
    }
    this.blockSize = blockSize;
    // Enough to keep every worker busy with this stream alone, and little memory when it waits.
    this.maxPending = workers.threads() + 1;
    out.write(HEADER);
    this.current = new Block(new byte[Math.min(FIRST_CAPACITY, WINDOW + blockSize)], 0);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    checkWritable();
    while (len > 0) {
      int n = current.room(len);
      System.arraycopy(b, off, current.raw, current.end(), n);
      added(n);
      off += n;
      len -= n;
    }
  }

  /** Writes the remaining bytes of {@code src}, leaving its position at its limit. */
  void write(ByteBuffer src) throws IOException {
    checkWritable();
    while (src.hasRemaining()) {
      int n = current.room(src.remaining());
      src.get(current.raw, current.end(), n);
      added(n);
    }
  }

  /**
   * Compresses what is left, writes every block in order and the trailer. Does not flush or close
   * the underlying stream. A second call does nothing.
   */
  void finish() throws IOException {
    if (finished) {
      return;
    }
    checkWritable();
    Block last = current;
    current = null;
    last.last = true;
    last.out = spareOut.poll();
    pending.add(last);
    try {
      last.task.run(); // here, while the workers finish the blocks before it
      while (!pending.isEmpty()) {
        writeOldest();
      }
      byte[] trailer = new byte[8];
      int crc32 = (int) crc.getValue();
      int size = (int) rawLength; // ISIZE: the length modulo 2^32
      for (int i = 0; i < 4; i++) {
        trailer[i] = (byte) (crc32 >>> (8 * i));
        trailer[4 + i] = (byte) (size >>> (8 * i));
      }
      out.write(trailer);
    } catch (IOException | RuntimeException | Error e) {
      broken = true;
      throw e;
    }
    finished = true;
  }

  /** Flushes the underlying stream; blocks still being compressed are not forced out. */
  @Override
  public void flush() throws IOException {
    out.flush();
  }

  /** {@link #finish}, then closes the underlying stream (also when finishing failed). */
  @Override
  public void close() throws IOException {
    try {
      if (!released) {
        finish();
      }
    } finally {
      out.close();
    }
  }

  /**
   * Drops every block not yet written without compressing or writing anything more; a block a worker
   * is compressing is finished by it and thrown away. Does not close the underlying stream. Later
   * writes and {@link #finish} throw.
   */
  void release() {
    released = true;
    for (Block b : pending) {
      b.task.cancel(false);
    }
    pending.clear();
    spareOut.clear();
    current = null;
  }

  /** Uncompressed bytes written so far. */
  long rawLength() {
    return rawLength;
  }

  private void checkWritable() throws IOException {
    if (released || broken || finished) {
      throw new IOException(
          "gzip stream " + (released ? "released" : broken ? "broken by an earlier failure" : "finished"));
    }
  }

  /** Accounts for {@code n} bytes just copied into the current block, and hands it off once full. */
  private void added(int n) throws IOException {
    crc.update(current.raw, current.end(), n);
    current.length += n;
    rawLength += n;
    if (current.length == blockSize) {
      try {
        submitCurrent();
      } catch (IOException | RuntimeException | Error e) {
        broken = true;
        throw e;
      }
    }
  }

  private void submitCurrent() throws IOException {
    Block full = current;
    // The next block starts with the end of this one as its dictionary: copied now, before the task
    // that compresses this one gives its array back.
    int dictionary = Math.min(WINDOW, full.dictionaryLength + full.length);
    byte[] raw = workers.takeBuffer(WINDOW + blockSize);
    System.arraycopy(full.raw, full.end() - dictionary, raw, 0, dictionary);
    current = new Block(raw, dictionary);
    full.out = spareOut.poll();
    pending.add(full);
    if (workers.tryTakeSlot()) {
      full.slot = true;
      workers.executor().execute(full.task);
    } else {
      full.task.run(); // every worker is busy: compress here, as a single-threaded writer would
    }
    while (!pending.isEmpty() && (pending.size() > maxPending || pending.peek().task.isDone())) {
      writeOldest();
    }
  }

  /** Waits for the oldest block (compressing it here if no worker took it yet) and writes it. */
  private void writeOldest() throws IOException {
    Block b = pending.poll();
    b.task.run(); // does nothing if a worker has started it or it is done
    try {
      b.task.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IOException("compressing a block failed", cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while a block was compressed");
    }
    out.write(b.out, 0, b.outLength);
    if (b.out.length <= 2 * blockSize && spareOut.size() < MAX_SPARES) {
      spareOut.add(b.out);
    }
  }

  /**
   * The raw bytes of one block after the dictionary that primes it ({@code raw[0, dictionaryLength)}),
   * and once its task has run, their deflate output ({@code out[0, outLength)}). The writing thread
   * fills it and hands it to the task; the task only reads {@code raw}, gives it back to the workers'
   * pool, and writes {@code out}.
   */
  private final class Block {
    final int dictionaryLength;
    final FutureTask<Void> task =
        new FutureTask<>(this::deflate, null) {
          @Override
          protected void done() { // also when cancelled before it ran
            if (slot) {
              workers.giveBackSlot();
            }
          }
        };
    /** Whether the block holds one of the workers' slots (set before the task is handed over). */
    boolean slot;
    byte[] raw;
    int length;
    boolean last;
    byte[] out;
    int outLength;

    Block(byte[] raw, int dictionaryLength) {
      this.raw = raw;
      this.dictionaryLength = dictionaryLength;
    }

    int end() {
      return dictionaryLength + length;
    }

    /** How many of {@code wanted} bytes fit now (at least 1), growing a small first array if needed. */
    int room(int wanted) {
      int n = Math.min(wanted, blockSize - length);
      if (end() + n > raw.length) {
        raw = Arrays.copyOf(raw, Math.min(WINDOW + blockSize, Math.max(2 * raw.length, end() + n)));
      }
      return n;
    }

    private void deflate() {
      Deflater d = workers.takeDeflater();
      try {
        if (dictionaryLength > 0) {
          d.setDictionary(raw, 0, dictionaryLength);
        }
        d.setInput(raw, dictionaryLength, length);
        byte[] buf = out != null ? out : new byte[Math.max(1024, length / 4)];
        int n = 0;
        if (last) {
          d.finish();
          while (!d.finished()) {
            if (n == buf.length) {
              buf = Arrays.copyOf(buf, 2 * buf.length);
            }
            n += d.deflate(buf, n, buf.length - n);
          }
        } else {
          // A sync flush that fills the output must be called again with more room (Deflater's doc).
          do {
            if (n == buf.length) {
              buf = Arrays.copyOf(buf, 2 * buf.length);
            }
            n += d.deflate(buf, n, buf.length - n, Deflater.SYNC_FLUSH);
          } while (n == buf.length);
        }
        out = buf;
        outLength = n;
      } finally {
        workers.giveBack(d);
        workers.giveBackBuffer(raw); // the next block copied its dictionary before this ran
        raw = null;
      }
    }
  }
}
