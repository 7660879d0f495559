package agent.core.git;

import agent.rpcdef.Json;
import java.io.File;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The agent's side of {@code bench/git-history.sh}: walks a repository's whole history RUNS times
 * with {@link GitHistoryWalker} (diffs on THREADS workers, each commit and each blame serialized to
 * JSON on the calling thread as an export's model session does) and prints one line per run, with the peak heap
 * the run used (the heap in use, and what stayed after collections, sampled every 20 ms), then the median:
 * {@code agent <commits> commits <seconds> s <bytes> json bytes}. {@code -Dcodestats=false} and
 * {@code -Dblame=false} turn those off.
 *
 * <p>{@code java -cp ... agent.core.git.GitHistoryBench <repo> [runs] [threads]}
 */
final class GitHistoryBench {
  private GitHistoryBench() {}

  public static void main(String[] args) throws Exception {
    // The walker logs its phases (graph walk, diffs, branches) at info.
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("agent.core.git"))
        .setLevel(ch.qos.logback.classic.Level.INFO);
    // As the exporting process does; -Dbench.jgitDefaults=true measures JGit's own defaults.
    if (!Boolean.getBoolean("bench.jgitDefaults")) {
      JGitCaches.configureForExport();
    }
    File dir = new File(args[0]);
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    double[] seconds = new double[runs];
    // The whole process's CPU time over a run (JIT compilers and GC included): steadier than wall
    // time on a busy machine.
    com.sun.management.OperatingSystemMXBean processCpu = (com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long commits = 0;
    boolean blame = !"false".equals(System.getProperty("blame"));
    // -Dbench.numstat=FILE: the last run writes each commit's numstat counts, "<sha> <a>\t<d>,..."
    // sorted (binary files as "-\t-"), for the script to compare with git's.
    String numstatFile = System.getProperty("bench.numstat");
    for (int i = 0; i < runs; i++) {
      AtomicLong bytes = new AtomicLong();
      java.util.List<String> numstat = new java.util.ArrayList<>();
      AtomicLong blameBytes = new AtomicLong();
      AtomicLong blames = new AtomicLong();
      CountingSink commitOut = new CountingSink();
      CountingSink blameOut = new CountingSink();
      System.gc();
      // Sampled every 20 ms by a daemon thread: the heap in use (garbage included, so it fills up to
      // -Xmx before a collection) and what the heap's pools held after their last collection (the
      // live data, near enough): the highest of each is the run's peak.
      java.util.concurrent.atomic.AtomicLong peakUsed = new java.util.concurrent.atomic.AtomicLong();
      java.util.concurrent.atomic.AtomicLong peakLive = new java.util.concurrent.atomic.AtomicLong();
      java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
      java.util.List<java.lang.management.MemoryPoolMXBean> pools = java.lang.management.ManagementFactory
          .getMemoryPoolMXBeans().stream().filter(pl -> pl.getType() == java.lang.management.MemoryType.HEAP).toList();
      Thread sampler = new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
          long live = 0;
          for (java.lang.management.MemoryPoolMXBean pl : pools) {
            java.lang.management.MemoryUsage after = pl.getCollectionUsage();
            live += after == null ? 0 : after.getUsed();
          }
          peakLive.accumulateAndGet(live, Math::max);
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "heap-sampler");
      sampler.setDaemon(true);
      sampler.start();
      long t0 = System.nanoTime();
      long cpu0 = processCpu.getProcessCpuTime();
      try (Repository repo = new FileRepositoryBuilder().setGitDir(new File(dir, ".git").isDirectory()
          ? new File(dir, ".git") : dir).build()) {
        GitHistoryWalker.Result r = new GitHistoryWalker(repo,
            GitHistoryWalker.Options.of("bench", "git", "bench-repo").withThreads(threads)
                .withCodeStats(!"false".equals(System.getProperty("codestats"))))
            .walk(null, c -> {
              bytes.addAndGet(commitOut.write(c));
              numstat.add(c.sha() + " " + c.files().stream()
                  .map(f -> f.binary() ? "-\t-" : f.additions() + "\t" + f.deletions()).sorted()
                  .collect(java.util.stream.Collectors.joining(",")));
            }, !blame ? null : b -> {
              blames.incrementAndGet();
              blameBytes.addAndGet(blameOut.write(b));
            }, (done, total) -> { });
        commits = r.commits();
      }
      seconds[i] = (System.nanoTime() - t0) / 1e9;
      double cpu = (processCpu.getProcessCpuTime() - cpu0) / 1e9;
      if (numstatFile != null && i == runs - 1) {
        java.util.Collections.sort(numstat);
        java.nio.file.Files.write(java.nio.file.Path.of(numstatFile), numstat);
      }
      sampler.interrupt();
      long peak = peakUsed.get();
      System.out.printf("agent run %d: %d commits %.3f s %d json bytes, %d blames %d json bytes, peak heap %d MiB"
          + " (after collections %d MiB), cpu %.2f s%n", i + 1, commits, seconds[i], bytes.get(), blames.get(),
          blameBytes.get(), peak >> 20, peakLive.get() >> 20, cpu);
    }
    Arrays.sort(seconds);
    System.out.printf("agent median: %d commits %.3f s%n", commits, seconds[runs / 2]);
  }

  /**
   * Serializes objects as an export's {@code ModelSession.send} does (one generator, writing into a
   * stream), counting the bytes instead of batching them.
   */
  private static final class CountingSink extends java.io.OutputStream {
    private static final com.fasterxml.jackson.databind.ObjectWriter WRITER = Json.mapper().writer();
    private final com.fasterxml.jackson.core.JsonGenerator generator;
    private long count;

    CountingSink() {
      try {
        generator = Json.mapper().getFactory().createGenerator(this);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      generator.setRootValueSeparator(null);
    }

    long write(Object value) {
      long before = count;
      try {
        WRITER.writeValue(generator, value);
        generator.flush();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return count - before;
    }

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
