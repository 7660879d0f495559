package agent.core.output;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;

/**
 * The threads that deflate the blocks of every {@link ParallelGzipOutputStream} of the process, one
 * per core, and the raw level-1 deflaters they reuse.
 *
 * <p>Thread-safe. The threads are daemons and end after {@value #IDLE_SECONDS} s without work, so an
 * idle service holds none. The queue is unbounded: each stream bounds the blocks it has in flight.
 */
final class DeflateWorkers {
  static final int IDLE_SECONDS = 30;

  private static final DeflateWorkers SHARED =
      new DeflateWorkers(Runtime.getRuntime().availableProcessors());

  private final Executor executor;
  private final int threads;
  private final int maxIdleDeflaters;
  private final ConcurrentLinkedQueue<Deflater> idle = new ConcurrentLinkedQueue<>();

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
