package agent.core.output;

import agent.core.fs.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.UnaryOperator;

/**
 * One gzip file being written: bytes go to {@code <name>.tmp}, and {@link #finish} makes it appear
 * complete under its final name. Not thread-safe (its {@link ModelFileWriter} serializes calls).
 *
 * <p>The chain is gzip (level 1, its blocks compressed on every core: {@link
 * ParallelGzipOutputStream}) → 256 KiB buffer → SHA-256 and byte count → file channel, so the file
 * gets few large writes and its checksum is known without reading it back.
 */
final class GzipPart {
  /** Between the compressor and the file: few, large writes. */
  static final int FILE_BUFFER = 256 * 1024;

  private final Path tmp;
  private final Path target;
  private final FileChannel channel;
  private final HashingOutputStream hashing;
  private final ParallelGzipOutputStream gzip;
  private long objects;
  private long rawBytes;

  private GzipPart(Path tmp, Path target, FileChannel channel, UnaryOperator<OutputStream> fileStream)
      throws IOException {
    this.tmp = tmp;
    this.target = target;
    this.channel = channel;
    this.hashing = new HashingOutputStream(fileStream.apply(Channels.newOutputStream(channel)));
    this.gzip = new ParallelGzipOutputStream(new BufferedOutputStream(hashing, FILE_BUFFER));
  }

  /**
   * Creates {@code <target>.tmp}. Fails if the target or the tmp already exists: a second writer of
   * the same file, or a leftover that was not swept, must not be silently overwritten.
   */
  static GzipPart create(Path target) throws IOException {
    return create(target, UnaryOperator.identity());
  }

  /** @param fileStream wraps the stream into the file: a test's seam for a disk that fills up */
  static GzipPart create(Path target, UnaryOperator<OutputStream> fileStream) throws IOException {
    if (Files.exists(target)) {
      throw new FileAlreadyExistsException(target.toString(), null, "an output file is never reused");
    }
    Path tmp = AtomicFiles.tmpSibling(target);
    FileChannel channel =
        FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      return new GzipPart(tmp, target, channel, fileStream);
    } catch (IOException | RuntimeException e) {
      channel.close();
      Files.deleteIfExists(tmp);
      throw e;
    }
  }

  /** Writes the remaining bytes of {@code objects} without moving its position. */
  void write(ByteBuffer objects) throws IOException {
    int length = objects.remaining();
    gzip.write(objects.duplicate());
    rawBytes += length;
  }

  void addObjects(int count) {
    objects += count;
  }

  long objects() {
    return objects;
  }

  long rawBytes() {
    return rawBytes;
  }

  /**
   * Ends the gzip stream, flushes and fsyncs the file, renames it to its final name and fsyncs the
   * folder. On failure the caller must {@link #discard} it.
   */
  OutputFile finish(String relativePath, String modelType) throws IOException {
    gzip.finish();
    gzip.flush(); // through the buffer into the channel
    channel.force(true);
    gzip.close(); // closes the channel
    AtomicFiles.moveReplacing(tmp, target);
    AtomicFiles.fsyncDirectory(target.toAbsolutePath().getParent());
    return new OutputFile(
        relativePath, modelType, objects, rawBytes, hashing.count(), hashing.sha256Hex());
  }

  /** Releases everything and deletes the tmp file. Never throws; returns what went wrong, if any. */
  IOException discard() {
    gzip.release(); // no finish(): compressing what is pending would be wasted work
    IOException problem = null;
    try {
      channel.close();
    } catch (IOException e) {
      problem = e;
    }
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException e) {
      if (problem == null) {
        problem = e;
      } else {
        problem.addSuppressed(e);
      }
    }
    return problem;
  }

  Path tmp() {
    return tmp;
  }
}
