package agent.core.output;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;

/**
 * The threads that deflate the blocks of every {@link ParallelGzipOutputStream} of the process, one
 * per core, and what they reuse: raw level-1 deflaters and the blocks' arrays.
 *
 * <p>Thread-safe. The threads are daemons and end after {@value #IDLE_SECONDS} s without work, so an
 * idle service holds none. At most two blocks per thread are handed over at a time (slots): a stream
 * that finds none free compresses its block itself, so the work queued, and the memory it holds,
 * stay small however many files are open.
 */
final class DeflateWorkers {
  static final int IDLE_SECONDS = 30;
  /** The arrays reused: a block of {@link ParallelGzipOutputStream#BLOCK_SIZE} and its dictionary. */
  static final int BUFFER_LENGTH = ParallelGzipOutputStream.WINDOW + ParallelGzipOutputStream.BLOCK_SIZE;

  private static final DeflateWorkers SHARED =
      new DeflateWorkers(Runtime.getRuntime().availableProcessors());

  private final Executor executor;
  private final int threads;
  private final int maxIdleDeflaters;
  private final ConcurrentLinkedQueue<Deflater> idle = new ConcurrentLinkedQueue<>();
  private final Semaphore slots;
  private final ConcurrentLinkedQueue<byte[]> idleBuffers = new ConcurrentLinkedQueue<>();

  DeflateWorkers(int threads) {
    this(threads, newPool(threads));
  }

  /** @param executor runs the blocks' tasks: a test's seam for the order they complete in */
  DeflateWorkers(int threads, Executor executor) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be positive: " + threads);
    }
    this.threads = threads;
    this.executor = executor;
    // The workers, plus the writers that compress a block themselves while they wait for it.
    this.maxIdleDeflaters = 2 * threads + 2;
    // One block running and one queued per thread: the workers never wait for a writer.
    this.slots = new Semaphore(2 * threads);
  }

  private static Executor newPool(int threads) {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            IDLE_SECONDS,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "gzip-deflate-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** One thread per core, shared by every export of the process. */
  static DeflateWorkers shared() {
    return SHARED;
  }

  int threads() {
    return threads;
  }

  Executor executor() {
    return executor;
  }

  /**
   * Takes a slot for one block to hand to {@link #executor}, or returns false if all are taken; the
   * block's task gives it back when it is done or cancelled.
   */
  boolean tryTakeSlot() {
    return slots.tryAcquire();
  }

  void giveBackSlot() {
    slots.release();
  }

  int freeSlots() {
    return slots.availablePermits();
  }

  /** An array of {@code length} bytes, reused if it is the length of a full block's array. */
  byte[] takeBuffer(int length) {
    if (length == BUFFER_LENGTH) {
      byte[] b = idleBuffers.poll();
      if (b != null) {
        return b;
      }
    }
    return new byte[length];
  }

  /** Keeps {@code b} for {@link #takeBuffer} if it is a full block's array and few are kept. */
  void giveBackBuffer(byte[] b) {
    if (b.length == BUFFER_LENGTH && idleBuffers.size() < threads) {
      idleBuffers.offer(b);
    }
  }

  /** A raw (no zlib or gzip wrapper) deflater at level 1, ready for a new stream. */
  Deflater takeDeflater() {
    Deflater d = idle.poll();
    return d != null ? d : new Deflater(Deflater.BEST_SPEED, true);
  }

  /** Resets {@code d} for the next taker, or frees it if enough are idle already. */
  void giveBack(Deflater d) {
    if (idle.size() >= maxIdleDeflaters) {
      d.end();
      return;
    }
    d.reset();
    idle.offer(d);
  }
}
