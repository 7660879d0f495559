package agent.core.output;

import static agent.core.output.GzipFiles.gunzip;
import static agent.core.output.GzipFiles.sha256;
import static agent.core.output.GzipFiles.tree;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.fs.DiskWriteException;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.OutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileWriterTest {
  static final String INTEGRATION = "github";
  static final String MODEL = "sourcecode.PullRequest";

  @TempDir Path exportDir;

  @Test
  void writesBatchesThatReadBackExactlyWithCountsAndChecksum() throws IOException {
    ModelFileWriter writer = new ModelFileWriter(exportDir, INTEGRATION, MODEL);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (int b = 0; b < 100; b++) {
      byte[] batch = batch(0, b, 10);
      all.write(batch);
      writer.append(ByteBuffer.wrap(batch), 10);
    }
    assertEquals(1000, writer.objects());

    List<OutputFile> files = writer.close();

    assertEquals(1, files.size());
    OutputFile file = files.get(0);
    Path path = exportDir.resolve("github/sourcecode.PullRequest/000000.json.gz");
    assertEquals("github/sourcecode.PullRequest/000000.json.gz", file.path());
    assertEquals(MODEL, file.modelType());
    assertEquals(1000, file.objects());
    assertEquals(all.size(), file.rawBytes());
    assertEquals(Files.size(path), file.bytes());
    assertEquals(sha256(path), file.sha256());
    assertTrue(file.bytes() < file.rawBytes() / 3, "repetitive JSON compresses well");
    assertArrayEquals(all.toByteArray(), gunzip(path));
    assertEquals(List.of("github/sourcecode.PullRequest/000000.json.gz"), tree(exportDir));
  }

  @Test
  void unfinishedFileIsOnlyATmpUntilClose() throws IOException {
    ModelFileWriter writer = new ModelFileWriter(exportDir, INTEGRATION, MODEL);
    writer.append(ByteBuffer.wrap(batch(0, 0, 3)), 3);

    assertEquals(List.of("github/sourcecode.PullRequest/000000.json.gz.tmp"), tree(exportDir));

    writer.close();
    assertEquals(List.of("github/sourcecode.PullRequest/000000.json.gz"), tree(exportDir));
  }

  @Test
  void readOnlyDirectAndOffsetBuffersAreWrittenWholeAndLeftUnmoved() throws IOException {
    ModelFileWriter writer = new ModelFileWriter(exportDir, INTEGRATION, MODEL);
    // Larger than a block, so the copy fills one block and goes on into the next.
    byte[] big = batch(0, 0, 5000);
    assertTrue(big.length > ParallelGzipOutputStream.BLOCK_SIZE);
    byte[] small = batch(0, 1, 7);

    ByteBuffer readOnly = ByteBuffer.wrap(big).asReadOnlyBuffer();
    ByteBuffer direct = ByteBuffer.allocateDirect(big.length).put(big).flip();
    byte[] padded = new byte[small.length + 20];
    System.arraycopy(small, 0, padded, 11, small.length);
    ByteBuffer slice = ByteBuffer.wrap(padded, 11, small.length).slice(); // arrayOffset 11

    writer.append(readOnly, 5000);
    writer.append(direct, 5000);
    writer.append(slice, 7);

    assertEquals(0, readOnly.position());
    assertEquals(0, direct.position());
    assertEquals(0, slice.position());
    List<OutputFile> files = writer.close();
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.write(big);
    expected.write(big);
    expected.write(small);
    assertArrayEquals(expected.toByteArray(), gunzip(exportDir.resolve(files.get(0).path())));
    assertEquals(10_007, files.get(0).objects());
  }

  @Test
  void rollsAtBatchBoundariesIntoFilesReadableAlone() throws IOException {
    long roll = 1000;
    ModelFileWriter writer = new ModelFileWriter(exportDir, INTEGRATION, MODEL, roll);
    List<byte[]> batches = new ArrayList<>();
    for (int b = 0; b < 20; b++) {
      byte[] batch = batch(0, b, 1 + b % 4); // uneven batches, ~50-200 bytes
      batches.add(batch);
      writer.append(ByteBuffer.wrap(batch), 1 + b % 4);
    }

    List<OutputFile> files = writer.close();

    assertTrue(files.size() >= 3, "rolled: " + files);
    int next = 0;
    long objects = 0;
    for (int i = 0; i < files.size(); i++) {
      OutputFile file = files.get(i);
      assertEquals(
          String.format("github/sourcecode.PullRequest/%06d.json.gz", i), file.path());
      Path path = exportDir.resolve(file.path());
      byte[] content = gunzip(path); // each file is a complete gzip stream on its own
      // The file is exactly a run of whole batches, in order.
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      long before = 0;
      while (expected.size() < content.length) {
        before = expected.size();
        expected.write(batches.get(next++));
      }
      assertArrayEquals(expected.toByteArray(), content, "file " + i);
      if (i < files.size() - 1) {
        assertTrue(content.length >= roll, "rolled only once full");
        assertTrue(before < roll, "rolled at the first boundary past the limit");
      }
      assertEquals(content.length, file.rawBytes());
      assertEquals(Files.size(path), file.bytes());
      assertEquals(sha256(path), file.sha256());
      objects += file.objects();
    }
    assertEquals(batches.size(), next, "every batch written");
    assertEquals(writer.objects(), objects);
    assertFalse(tree(exportDir).stream().anyMatch(p -> p.endsWith(".tmp")));
  }

  @Test
  void aBatchLargerThanTheRollSizeStaysInOneFile() throws IOException {
    ModelFileWriter writer = new ModelFileWriter(exportDir, INTEGRATION, MODEL, 10);
    byte[] batch = batch(0, 0, 50);
    writer.append(ByteBuffer.wrap(batch), 50);
    writer.append(ByteBuffer.wrap(batch), 50);

    List<OutputFile> files = writer.close();

    assertEquals(2, files.size());
    assertArrayEquals(batch, gunzip(exportDir.resolve(files.get(0).path())));
    assertArrayEquals(batch, gunzip(exportDir.resolve(files.get(1).path())));
  }

  @Test
  void abortDeletesTheTmpButKeepsEarlierFinalizedFiles() throws IOException {
    ModelFileWriter writer = new ModelFileWriter(exportDir, INTEGRATION, MODEL, 100);
    byte[] batch = batch(0, 0, 3); // > 100 bytes: every batch fills a file
    assertTrue(batch.length >= 100);
    writer.append(ByteBuffer.wrap(batch), 3);
    writer.append(ByteBuffer.wrap(batch), 3);
    writer.append(ByteBuffer.wrap(batch(0, 1, 1)), 1); // < 100 bytes: stays a .tmp
    assertTrue(tree(exportDir).contains("github/sourcecode.PullRequest/000002.json.gz.tmp"));

    writer.abort();

    assertEquals(
        List.of(
            "github/sourcecode.PullRequest/000000.json.gz",
            "github/sourcecode.PullRequest/000001.json.gz"),
        tree(exportDir));
    assertArrayEquals(batch, gunzip(exportDir.resolve("github/sourcecode.PullRequest/000001.json.gz")));
    assertThrows(IllegalStateException.class, () -> writer.append(ByteBuffer.wrap(batch), 3));
    assertThrows(IllegalStateException.class, writer::close);
    writer.abort(); // again: harmless
  }

  @Test
  void emptyWriterCreatesNoFileAtAll() throws IOException {
    ModelFileWriter writer = new ModelFileWriter(exportDir, INTEGRATION, MODEL);
    writer.append(ByteBuffer.allocate(0), 0); // an empty batch is no object

    assertEquals(List.of(), writer.close());
    assertFalse(Files.exists(exportDir.resolve(INTEGRATION)));
  }

  @Test
  void closeIsIdempotentAndAppendAfterCloseFails() throws IOException {
    ModelFileWriter writer = new ModelFileWriter(exportDir, INTEGRATION, MODEL);
    writer.append(ByteBuffer.wrap(batch(0, 0, 2)), 2);
    List<OutputFile> first = writer.close();

    assertEquals(first, writer.close());
    assertThrows(
        IllegalStateException.class, () -> writer.append(ByteBuffer.wrap(batch(0, 1, 1)), 1));
    writer.abort(); // after close: a no-op that keeps the finalized file
    assertEquals(List.of("github/sourcecode.PullRequest/000000.json.gz"), tree(exportDir));
  }

  @Test
  void rejectsMalformedBatchesWithoutBreakingTheWriter() throws IOException {
    ModelFileWriter writer = new ModelFileWriter(exportDir, INTEGRATION, MODEL);
    byte[] noNewline = "{\"id\":1}".getBytes(UTF_8);

    assertThrows(
        IllegalArgumentException.class, () -> writer.append(ByteBuffer.wrap(noNewline), 1));
    assertThrows(
        IllegalArgumentException.class, () -> writer.append(ByteBuffer.wrap(batch(0, 0, 2)), 0));
    assertThrows(
        IllegalArgumentException.class, () -> writer.append(ByteBuffer.wrap(batch(0, 0, 2)), -1));
    assertThrows(IllegalArgumentException.class, () -> writer.append(ByteBuffer.allocate(0), 1));

    byte[] good = batch(0, 0, 2);
    writer.append(ByteBuffer.wrap(good), 2);
    List<OutputFile> files = writer.close();
    assertArrayEquals(good, gunzip(exportDir.resolve(files.get(0).path())));
  }

  @Test
  void aFailedWriteFailsTheWriterForGood() throws IOException {
    // A regular file where the integration folder must go: the first append cannot create it.
    Files.writeString(exportDir.resolve(INTEGRATION), "in the way");
    ModelFileWriter writer = new ModelFileWriter(exportDir, INTEGRATION, MODEL);

    assertThrows(
        UncheckedIOException.class, () -> writer.append(ByteBuffer.wrap(batch(0, 0, 1)), 1));
    assertThrows(
        IllegalStateException.class, () -> writer.append(ByteBuffer.wrap(batch(0, 1, 1)), 1));
    assertThrows(UncheckedIOException.class, writer::close, "a partial output never closes fine");
    writer.abort();
  }

  @Test
  void aFullDiskIsAnEnvironmentFailureNamingTheFileAndTheSpaceLeft() throws IOException {
    // The disk fills up after 64 KiB: a stream that refuses every byte past that, as a full disk does.
    ModelFileWriter writer =
        new ModelFileWriter(exportDir, INTEGRATION, MODEL, 1 << 30, out -> new FullDisk(out, 64 * 1024));
    DiskWriteException e = assertThrows(DiskWriteException.class, () -> {
      for (int b = 0; ; b++) {
        writer.append(ByteBuffer.wrap(randomBatch(b, 200)), 200);
      }
    });

    Path tmp = exportDir.resolve("github/sourcecode.PullRequest/000000.json.gz.tmp");
    assertEquals(tmp, e.file());
    assertTrue(e.usableBytes() >= 0, "the space left was not measured");
    assertTrue(e.getMessage().startsWith("cannot write " + tmp + ": No space left on device ("), e.getMessage());
    assertTrue(e.getMessage().contains(" left on " + tmp.getParent()), e.getMessage());
    assertFalse(Files.exists(tmp), "the partial file is still there");
    assertSame(e, assertThrows(DiskWriteException.class, writer::close), "close must fail with the same cause");
  }

  @Test
  void aFileThatCannotBeFinalizedIsAnEnvironmentFailureToo() throws IOException {
    // Compressed data stays in the buffers until close: the disk fills up when they are flushed.
    ModelFileWriter writer =
        new ModelFileWriter(exportDir, INTEGRATION, MODEL, 1 << 30, out -> new FullDisk(out, 16));
    writer.append(ByteBuffer.wrap(batch(0, 0, 3)), 3);

    DiskWriteException e = assertThrows(DiskWriteException.class, writer::close);
    assertTrue(e.getMessage().contains("000000.json.gz.tmp: No space left on device"), e.getMessage());
    assertEquals(List.of(), tree(exportDir).stream().filter(p -> p.endsWith(".gz") || p.endsWith(".tmp")).toList());
  }

  @Test
  void aFolderThatCannotBeMadeIsNamedWithTheSpaceLeftOnItsParent() throws IOException {
    Files.writeString(exportDir.resolve(INTEGRATION), "in the way");
    ModelFileWriter writer = new ModelFileWriter(exportDir, INTEGRATION, MODEL);

    DiskWriteException e = assertThrows(
        DiskWriteException.class, () -> writer.append(ByteBuffer.wrap(batch(0, 0, 1)), 1));
    assertTrue(e.getMessage().startsWith("cannot write " + exportDir.resolve("github/sourcecode.PullRequest")), e.getMessage());
    assertTrue(e.getMessage().contains(" left on " + exportDir.toAbsolutePath()), e.getMessage());
  }

  @Test
  void aDiskThatFillsWhileBlocksAreInFlightLeavesNoFile() throws IOException {
    // Room for a few compressed blocks: the disk fills while later blocks are still being compressed.
    ModelFileWriter writer = new ModelFileWriter(
        exportDir, INTEGRATION, MODEL, 1 << 30, out -> new FullDisk(out, 3 * ParallelGzipOutputStream.BLOCK_SIZE / 2));
    DiskWriteException e = assertThrows(DiskWriteException.class, () -> {
      for (int b = 0; b < 400; b++) { // about 8 MiB: far more than the room
        writer.append(ByteBuffer.wrap(randomBatch(b, 200)), 200);
      }
      writer.close();
    });

    assertTrue(e.getMessage().contains("000000.json.gz.tmp: No space left on device"), e.getMessage());
    assertEquals(List.of(), tree(exportDir), "neither the .tmp nor a final file is left");
    assertSame(e, assertThrows(DiskWriteException.class, writer::close));
  }

  /** A file stream on a disk with {@code room} bytes left: past that, every write fails as ENOSPC does. */
  static final class FullDisk extends FilterOutputStream {
    private long room;

    FullDisk(OutputStream out, long room) {
      super(out);
      this.room = room;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len > room) {
        throw new IOException("No space left on device");
      }
      room -= len;
      out.write(b, off, len);
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }
  }

  /** Lines that do not compress much, so that the compressed stream grows with them. */
  static byte[] randomBatch(int batch, int lines) {
    StringBuilder sb = new StringBuilder();
    ThreadLocalRandom r = ThreadLocalRandom.current();
    for (int i = 0; i < lines; i++) {
      sb.append("{\"batch\":").append(batch).append(",\"line\":").append(i).append(",\"noise\":\"");
      for (int c = 0; c < 64; c++) {
        sb.append((char) ('a' + r.nextInt(26)));
      }
      sb.append("\"}\n");
    }
    return sb.toString().getBytes(UTF_8);
  }

  @Test
  void neverOverwritesAnExistingOutputFile() throws IOException {
    Path existing = exportDir.resolve("github/sourcecode.PullRequest/000000.json.gz");
    Files.createDirectories(existing.getParent());
    Files.writeString(existing, "earlier output");
    ModelFileWriter writer = new ModelFileWriter(exportDir, INTEGRATION, MODEL);

    assertThrows(
        UncheckedIOException.class, () -> writer.append(ByteBuffer.wrap(batch(0, 0, 1)), 1));
    assertEquals("earlier output", Files.readString(existing));
  }

  @Test
  void rejectsUnsafeNamesAndRollSizes() {
    assertThrows(
        IllegalArgumentException.class, () -> new ModelFileWriter(exportDir, "..", MODEL));
    assertThrows(
        IllegalArgumentException.class, () -> new ModelFileWriter(exportDir, INTEGRATION, "a/b"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ModelFileWriter(exportDir, INTEGRATION, MODEL, 0));
  }

  @Test
  void concurrentAppendsLoseNothingAndKeepEachBatchContiguous() throws Exception {
    // Small roll size: rolls happen while other threads append.
    concurrentAppends(64 * 1024, 300);
  }

  @Test
  void concurrentAppendsOverManyCompressedBlocksPerFile() throws Exception {
    // Files of several blocks each, so blocks are in flight while other threads append and roll.
    assertTrue(ParallelGzipOutputStream.BLOCK_SIZE * 3L < 1 << 20);
    concurrentAppends(1 << 20, 1500);
  }

  private void concurrentAppends(long roll, int batchesPerThread) throws Exception {
    int threads = 8;
    ModelFileWriter writer = new ModelFileWriter(exportDir, INTEGRATION, MODEL, roll);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    Map<String, Integer> sizes = new HashMap<>();
    List<Future<Map<String, Integer>>> results = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        int thread = t;
        results.add(
            pool.submit(
                () -> {
                  Map<String, Integer> mine = new HashMap<>();
                  start.await();
                  for (int b = 0; b < batchesPerThread; b++) {
                    int lines = ThreadLocalRandom.current().nextInt(1, 30);
                    byte[] batch = batch(thread, b, lines);
                    ByteBuffer buffer =
                        b % 2 == 0
                            ? ByteBuffer.wrap(batch)
                            : ByteBuffer.allocateDirect(batch.length).put(batch).flip();
                    writer.append(buffer, lines);
                    mine.put(thread + ":" + b, lines);
                  }
                  return mine;
                }));
      }
      start.countDown();
      for (Future<Map<String, Integer>> result : results) {
        sizes.putAll(result.get());
      }
    } finally {
      pool.shutdownNow();
    }

    List<OutputFile> files = writer.close();

    assertTrue(files.size() > 1, "rolled under contention");
    Map<String, Integer> seen = new HashMap<>();
    int[] lastBatchOfThread = new int[threads];
    Arrays.fill(lastBatchOfThread, -1);
    long objects = 0;
    for (OutputFile file : files) {
      String[] lines = new String(gunzip(exportDir.resolve(file.path())), UTF_8).split("\n");
      assertEquals(file.objects(), lines.length);
      objects += lines.length;
      int i = 0;
      while (i < lines.length) {
        // A batch starts with its line 0 (never split across files) ...
        Line first = Line.parse(lines[i]);
        assertEquals(0, first.line, "batch boundary expected at " + lines[i]);
        int count = sizes.get(first.batchKey());
        // ... and its lines follow one another with nothing from another batch in between.
        for (int l = 0; l < count; l++) {
          Line line = Line.parse(lines[i + l]);
          assertEquals(first.batchKey(), line.batchKey());
          assertEquals(l, line.line);
        }
        assertTrue(first.batch > lastBatchOfThread[first.thread], "a thread's batches in order");
        lastBatchOfThread[first.thread] = first.batch;
        assertEquals(null, seen.put(first.batchKey(), count), "each batch once");
        i += count;
      }
    }
    assertEquals(sizes, seen, "no batch lost");
    assertEquals(writer.objects(), objects);
    for (int t = 0; t < threads; t++) {
      assertEquals(batchesPerThread - 1, lastBatchOfThread[t]);
    }
  }

  /** {@code lines} JSON objects, each tagged with its thread, batch and line, padded to vary size. */
  static byte[] batch(int thread, int batch, int lines) {
    StringBuilder sb = new StringBuilder();
    for (int l = 0; l < lines; l++) {
      sb.append("{\"t\":")
          .append(thread)
          .append(",\"b\":")
          .append(batch)
          .append(",\"l\":")
          .append(l)
          .append(",\"title\":\"a pull request title ")
          .append("x".repeat((batch * 7 + l) % 13))
          .append("\"}\n");
    }
    return sb.toString().getBytes(UTF_8);
  }

  record Line(int thread, int batch, int line) {
    static Line parse(String json) {
      // {"t":1,"b":2,"l":3,...}
      String[] parts = json.split("[:,]");
      return new Line(
          Integer.parseInt(parts[1]), Integer.parseInt(parts[3]), Integer.parseInt(parts[5]));
    }

    String batchKey() {
      return thread + ":" + batch;
    }
  }
}
