package agent.core.output;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelGzipOutputStreamTest {
  static final int B = ParallelGzipOutputStream.BLOCK_SIZE;

  @TempDir Path dir;

  private final ExecutorService pool = Executors.newFixedThreadPool(4);

  @AfterEach
  void stopPool() throws InterruptedException {
    pool.shutdownNow();
    assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
  }

  @Test
  void roundTripsEverySizeAroundTheBlockBoundaries() throws IOException {
    DeflateWorkers workers = new DeflateWorkers(2, pool);
    int[] sizes = {0, 1, 2, 100, B - 1, B, B + 1, 2 * B, 2 * B + 1, 3 * B + 17};
    for (int size : sizes) {
      byte[] data = json(size, size);
      byte[] gz = gzip(data, workers, B, 64 * 1024);
      assertArrayEquals(data, gunzip(gz), "size " + size);
      assertHeader(gz);
    }
  }

  @Test
  void roundTripsSmallBlocksShorterThanTheWindowAndIncompressibleOnes() throws IOException {
    // Blocks smaller than deflate's window: a block's dictionary reaches back over several blocks.
    DeflateWorkers workers = new DeflateWorkers(3, pool);
    for (int blockSize : new int[] {1, 7, 1000, ParallelGzipOutputStream.WINDOW + 1}) {
      for (int size : new int[] {0, blockSize - 1, blockSize, blockSize + 1, 50 * blockSize + 3}) {
        byte[] data = json(Math.max(size, 0), blockSize + size);
        assertArrayEquals(data, gunzip(gzip(data, workers, blockSize, 333)), blockSize + "/" + size);
      }
    }
    // Random bytes do not compress: a block's output outgrows its first buffer.
    byte[] noise = new byte[3 * B + 5];
    new Random(7).nextBytes(noise);
    assertArrayEquals(noise, gunzip(gzip(noise, workers, B, 100_000)));
  }

  @Test
  void writesOfOneByteAndOfBuffersOfEveryKindGiveTheSameBytes() throws IOException {
    DeflateWorkers workers = new DeflateWorkers(2, pool);
    byte[] data = json(40_000, 3);
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    ParallelGzipOutputStream gz = new ParallelGzipOutputStream(file, workers, 4096);
    int third = data.length / 3;
    for (int i = 0; i < 1000; i++) {
      gz.write(data[i]);
    }
    ByteBuffer heap = ByteBuffer.wrap(data, 1000, third - 1000);
    gz.write(heap);
    assertFalse(heap.hasRemaining(), "a buffer is consumed like a channel's");
    gz.write(ByteBuffer.wrap(data, third, third).slice().asReadOnlyBuffer());
    ByteBuffer direct = ByteBuffer.allocateDirect(data.length - 2 * third);
    direct.put(data, 2 * third, data.length - 2 * third).flip();
    gz.write(direct);
    gz.finish();
    gz.finish(); // a second call adds nothing

    assertEquals(data.length, gz.rawLength());
    assertArrayEquals(data, gunzip(file.toByteArray()));
  }

  @Test
  void blocksThatCompleteOutOfOrderAreWrittenInOrder() throws Exception {
    // Each block waits a random while before it runs, so later blocks often finish first.
    Executor shuffled = task -> pool.execute(() -> {
      sleepUpTo(3);
      task.run();
    });
    DeflateWorkers workers = new DeflateWorkers(4, shuffled);
    byte[] data = json(400_000, 11);

    assertArrayEquals(data, gunzip(gzip(data, workers, 1024, 5000)));
  }

  @Test
  void aWorkerThatNeverRunsLeavesTheWriterToCompressEveryBlockItself() throws IOException {
    List<Runnable> neverRun = new ArrayList<>();
    DeflateWorkers workers = new DeflateWorkers(2, neverRun::add);
    byte[] data = json(100_000, 5);

    assertArrayEquals(data, gunzip(gzip(data, workers, 1000, 777)));
    assertTrue(neverRun.size() >= 99, "every full block was handed to the workers: " + neverRun.size());
    neverRun.forEach(Runnable::run); // late: each is done already, so nothing happens
  }

  @Test
  void withEverySlotTakenTheWriterCompressesItself() throws IOException {
    List<Runnable> handed = new ArrayList<>();
    DeflateWorkers workers = new DeflateWorkers(2, handed::add);
    while (workers.tryTakeSlot()) {
      // other streams hold them all
    }
    byte[] data = json(20_000, 6);

    assertArrayEquals(data, gunzip(gzip(data, workers, 1000, 1500)));
    assertEquals(List.of(), handed, "no block handed to busy workers");
    for (int i = 0; i < 4; i++) {
      workers.giveBackSlot();
    }
    assertArrayEquals(data, gunzip(gzip(data, workers, 1000, 1500)));
    assertEquals(20, handed.size(), "with free slots every full block is handed over");
    assertEquals(4, workers.freeSlots(), "each gave its slot back once done");
  }

  @Test
  void streamsOnSharedWorkersStayApartUnderConcurrency() throws Exception {
    DeflateWorkers workers = new DeflateWorkers(2, pool);
    int streams = 8;
    ExecutorService writers = Executors.newFixedThreadPool(streams);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int s = 0; s < streams; s++) {
        int seed = s;
        results.add(writers.submit(() -> {
          byte[] data = json(150_000 + seed * 1111, seed);
          start.await();
          return java.util.Arrays.equals(data, gunzip(gzip(data, workers, 2048, 1 + seed * 97)));
        }));
      }
      start.countDown();
      for (Future<Boolean> r : results) {
        assertTrue(r.get(60, TimeUnit.SECONDS));
      }
    } finally {
      writers.shutdownNow();
    }
  }

  @Test
  void keepsTheRatioOfOneLevelOneStream() throws IOException {
    byte[] data = json(4 * B, 1);
    Deflater one = new Deflater(Deflater.BEST_SPEED, true);
    one.setInput(data);
    one.finish();
    byte[] buf = new byte[data.length];
    int single = 0;
    while (!one.finished()) {
      single += one.deflate(buf, single, buf.length - single);
    }
    one.end();

    int parallel = gzip(data, DeflateWorkers.shared(), B, 64 * 1024).length - 18; // header, trailer
    assertTrue(parallel < single * 1.01, "blocks cost more than 1%: " + parallel + " vs " + single);
  }

  @Test
  void theGzipProgramReadsItWhenInstalled() throws Exception {
    Path gzipProgram = onPath("gzip");
    assumeTrue(gzipProgram != null, "no gzip on the PATH");
    byte[] data = json(3 * B + 99, 4);
    Path file = dir.resolve("out.json.gz");
    Files.write(file, gzip(data, DeflateWorkers.shared(), B, 70_000));
    Path empty = dir.resolve("empty.json.gz");
    Files.write(empty, gzip(new byte[0], DeflateWorkers.shared(), B, 1));

    assertArrayEquals(data, run(gzipProgram.toString(), "-dc", file.toString()));
    assertArrayEquals(new byte[0], run(gzipProgram.toString(), "-dc", empty.toString()));
    run(gzipProgram.toString(), "-t", file.toString()); // checks the CRC and the length
  }

  @Test
  void aFailingUnderlyingStreamFailsTheWriteAndBreaksTheStream() throws IOException {
    DeflateWorkers workers = new DeflateWorkers(2, pool);
    IOException full = new IOException("No space left on device");
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    OutputStream disk = new FilterOutputStream(kept) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        if (kept.size() + len > 20_000) {
          throw full;
        }
        kept.write(b, off, len);
      }
    };
    ParallelGzipOutputStream gz = new ParallelGzipOutputStream(disk, workers, 1024);
    byte[] noise = new byte[1024];
    IOException e = assertThrows(IOException.class, () -> {
      for (int i = 0; i < 1000; i++) {
        ThreadLocalRandom.current().nextBytes(noise);
        gz.write(noise, 0, noise.length);
      }
      gz.finish();
    });

    assertSame(full, e);
    assertThrows(IOException.class, () -> gz.write(noise, 0, 1), "broken for good");
    assertThrows(IOException.class, gz::finish);
    gz.release();
    assertThrows(IOException.class, () -> gz.write(noise, 0, 1));
    // The workers are fine: another stream works.
    byte[] data = json(10_000, 2);
    assertArrayEquals(data, gunzip(gzip(data, workers, 1024, 100)));
  }

  @Test
  void aFailureWhileFinishingPropagatesToo() throws IOException {
    AtomicInteger writes = new AtomicInteger();
    OutputStream disk = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("disk gone");
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        if (writes.incrementAndGet() > 1) { // the header passes, the first block does not
          throw new IOException("disk gone");
        }
      }
    };
    ParallelGzipOutputStream gz = new ParallelGzipOutputStream(disk, new DeflateWorkers(2, pool), B);
    gz.write(json(100, 1), 0, 100);

    assertEquals("disk gone", assertThrows(IOException.class, gz::finish).getMessage());
    assertThrows(IOException.class, gz::finish, "never finished fine after a failure");
  }

  @Test
  void releaseDropsBlocksInFlightAndTheWorkersCarryOn() throws Exception {
    CountDownLatch hold = new CountDownLatch(1);
    Executor held = task -> pool.execute(() -> {
      try {
        hold.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      task.run();
    });
    DeflateWorkers workers = new DeflateWorkers(2, held);
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    ParallelGzipOutputStream gz = new ParallelGzipOutputStream(file, workers, 1000);
    byte[] data = json(3000, 3); // 3 blocks in flight: the stream's limit on 2 workers, so none waits
    gz.write(data, 0, data.length);

    gz.release();
    hold.countDown();

    assertEquals(10, file.size(), "the header only: nothing compressed was written");
    assertEquals(4, workers.freeSlots(), "the dropped blocks gave their slots back");
    assertThrows(IOException.class, () -> gz.write(data, 0, 1));
    assertThrows(IOException.class, gz::finish);
    gz.close(); // closes the underlying stream only
    byte[] again = json(5000, 8);
    assertArrayEquals(again, gunzip(gzip(again, new DeflateWorkers(2, pool), 1000, 999)));
  }

  /** Compresses {@code data} in writes of {@code chunk} bytes. */
  static byte[] gzip(byte[] data, DeflateWorkers workers, int blockSize, int chunk) throws IOException {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    ParallelGzipOutputStream gz = new ParallelGzipOutputStream(file, workers, blockSize);
    for (int off = 0; off < data.length; off += chunk) {
      gz.write(data, off, Math.min(chunk, data.length - off));
    }
    gz.close();
    return file.toByteArray();
  }

  static byte[] gunzip(byte[] gz) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }

  static void assertHeader(byte[] gz) {
    assertArrayEquals(
        new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff},
        java.util.Arrays.copyOf(gz, 10),
        "the header GZIPOutputStream wrote");
  }

  /** About {@code size} bytes of JSON lines, exactly {@code size}, varied by {@code seed}. */
  static byte[] json(int size, int seed) {
    StringBuilder sb = new StringBuilder(size + 200);
    Random r = new Random(seed);
    for (int i = 0; sb.length() < size; i++) {
      sb.append("{\"id\":\"").append(Long.toHexString(r.nextLong())).append("\",\"n\":").append(i)
          .append(",\"title\":\"pull request ").append(r.nextInt(1000)).append("\"}\n");
    }
    return sb.substring(0, size).getBytes(UTF_8);
  }

  static void sleepUpTo(int millis) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextInt(millis + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static Path onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String d : path.split(File.pathSeparator)) {
      Path p = Path.of(d, program);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  static byte[] run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not end");
    assertEquals(0, p.exitValue(), String.join(" ", command));
    return out;
  }
}
