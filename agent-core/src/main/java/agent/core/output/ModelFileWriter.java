package agent.core.output;

import agent.core.fs.AtomicFiles;
import agent.core.fs.DiskWriteException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the objects of one (integration id, model type) of an export into {@code
 * <exportDir>/<integrationId>/<modelType>/<seq>.json.gz}, seq = {@code 000000}, {@code 000001}, ...
 *
 * <p>Objects arrive as batches of newline-delimited JSON and are written as they are, never decoded
 * (DESIGN "Plugin protocol"), through gzip at level 1. A file is written as {@code <seq>.json.gz.tmp}
 * and appears under its final name only complete (finished, fsynced, renamed), when it rolls or at
 * {@link #close}. It rolls once it holds at least {@code rollRawBytes} uncompressed bytes, always
 * between two batches, so every file is readable on its own and a batch never spans two files.
 *
 * <p>Thread-safe: appends from several threads are serialized, so batches interleave but the lines
 * of one batch stay contiguous. An append copies the batch into the current block of {@link
 * ParallelGzipOutputStream} and returns; full blocks are deflated on one thread per core, shared by
 * every writer, and written in order by later appends or {@link #close}. An append waits (under the
 * lock) only when this writer has a few blocks in flight already.
 *
 * <p>Failure: if a write fails (compressed blocks are written by the appends after the one that
 * filled them, or by {@link #close}, so the failure surfaces there), the current {@code .tmp} is
 * deleted, the writer is failed, and a {@link DiskWriteException} propagates, naming the file and the space left: writing a local file
 * fails only when the machine is in the way (a full disk, a file-size limit), never because of the
 * objects. Later appends throw {@link IllegalStateException} and {@link #close} throws the same
 * failure again, so a caller cannot take a partial output for a complete one. Files finalized before
 * the failure stay on disk: they are complete.
 */
public final class ModelFileWriter {
  /** The default roll size: 256 MiB of uncompressed JSON per file. */
  public static final long DEFAULT_ROLL_RAW_BYTES = 256L * 1024 * 1024;

  static final String SUFFIX = ".json.gz";

  private static final Logger LOG = LoggerFactory.getLogger(ModelFileWriter.class);

  private enum State {
    OPEN,
    CLOSED,
    ABORTED,
    FAILED
  }

  private final Path dir;
  private final String integrationId;
  private final String modelType;
  private final long rollRawBytes;
  private final List<OutputFile> finished = new ArrayList<>();
  private final UnaryOperator<OutputStream> fileStream;
  private State state = State.OPEN;
  private DiskWriteException failure;
  private GzipPart current; // null until the first append and between a roll and the next append
  private int nextSeq;
  private long objects;

  /** A writer that rolls at {@link #DEFAULT_ROLL_RAW_BYTES}. */
  public ModelFileWriter(Path exportDir, String integrationId, String modelType) {
    this(exportDir, integrationId, modelType, DEFAULT_ROLL_RAW_BYTES);
  }

  /**
   * Creates nothing on disk yet: the folders and the first file appear with the first object, so a
   * writer that never gets one leaves no trace.
   *
   * @throws IllegalArgumentException if {@code integrationId} or {@code modelType} is not a safe
   *     folder name (letters, digits, '.', '_', '-'; no "..") or {@code rollRawBytes <= 0}
   */
  public ModelFileWriter(
      Path exportDir, String integrationId, String modelType, long rollRawBytes) {
    this(exportDir, integrationId, modelType, rollRawBytes, UnaryOperator.identity());
  }

  /** @param fileStream wraps the stream into each file: a test's seam for a disk that fills up */
  ModelFileWriter(Path exportDir, String integrationId, String modelType, long rollRawBytes,
      UnaryOperator<OutputStream> fileStream) {
    Objects.requireNonNull(exportDir, "exportDir");
    this.fileStream = Objects.requireNonNull(fileStream, "fileStream");
    this.integrationId = PathSegments.check("integration id", integrationId);
    this.modelType = PathSegments.check("model type", modelType);
    if (rollRawBytes <= 0) {
      throw new IllegalArgumentException("rollRawBytes must be positive: " + rollRawBytes);
    }
    this.dir = exportDir.resolve(integrationId).resolve(modelType);
    this.rollRawBytes = rollRawBytes;
  }

  public String integrationId() {
    return integrationId;
  }

  public String modelType() {
    return modelType;
  }

  /** Objects appended so far, over all files. */
  public synchronized long objects() {
    return objects;
  }

  /**
   * Appends one batch: {@code count} objects, each one line of JSON followed by {@code '\n'}, in the
   * remaining bytes of {@code objects}. The buffer's position is not changed, and the bytes are
   * copied before this returns: the caller may reuse the buffer. Heap, read-only and direct buffers
   * are all copied once, into the compressor's current block.
   *
   * @throws IllegalArgumentException if {@code count} is negative, does not match the presence of
   *     bytes, or the bytes do not end with {@code '\n'} (the next batch would be glued to the last
   *     line)
   * @throws IllegalStateException after {@link #close}, {@link #abort} or a failure
   * @throws DiskWriteException if the write fails (the writer is then failed, see the class doc)
   */
  public synchronized void append(ByteBuffer objects, int count) {
    Objects.requireNonNull(objects, "objects");
    checkOpen();
    int length = objects.remaining();
    if (count < 0 || (count == 0) != (length == 0)) {
      throw new IllegalArgumentException(
          "a batch of " + length + " bytes cannot hold " + count + " objects");
    }
    if (length == 0) {
      return; // an empty batch creates no file
    }
    if (objects.get(objects.limit() - 1) != '\n') {
      throw new IllegalArgumentException(
          "a batch must end with '\\n' (" + integrationId + "/" + modelType + ")");
    }
    try {
      if (current == null) {
        current = openNext();
      }
      current.write(objects);
      current.addObjects(count);
      this.objects += count;
      if (current.rawBytes() >= rollRawBytes) {
        finishCurrent();
      }
    } catch (IOException e) {
      throw fail(e);
    }
  }

  /**
   * Finalizes the current file, if it holds any object, and returns every finalized file of this
   * writer in order. Idempotent: a second call returns the same list. An empty writer returns an
   * empty list and created nothing.
   *
   * @throws DiskWriteException if finalizing fails, or a write failed earlier
   * @throws IllegalStateException after {@link #abort}
   */
  public synchronized List<OutputFile> close() {
    switch (state) {
      case CLOSED:
        return List.copyOf(finished);
      case ABORTED:
        throw new IllegalStateException(where() + " was aborted");
      case FAILED:
        throw failure;
      default:
        break;
    }
    try {
      if (current != null) {
        finishCurrent();
      }
    } catch (IOException e) {
      throw fail(e);
    }
    state = State.CLOSED;
    return List.copyOf(finished);
  }

  /**
   * Stops writing and deletes the current {@code .tmp} file. Files finalized earlier stay: they are
   * complete. A no-op after {@link #close}. Never throws: a file that cannot be deleted is logged
   * (the next export's sweep removes it).
   */
  public synchronized void abort() {
    if (state == State.CLOSED) {
      return;
    }
    state = state == State.FAILED ? State.FAILED : State.ABORTED;
    discardCurrent();
  }

  private GzipPart openNext() throws IOException {
    AtomicFiles.createDirectories(dir);
    return GzipPart.create(dir.resolve(fileName(nextSeq)), fileStream);
  }

  private void finishCurrent() throws IOException {
    String name = fileName(nextSeq);
    OutputFile file =
        current.finish(integrationId + "/" + modelType + "/" + name, modelType);
    current = null;
    nextSeq++;
    finished.add(file);
    LOG.debug(
        "finished {}: {} objects, {} bytes, {} compressed",
        file.path(),
        file.objects(),
        file.rawBytes(),
        file.bytes());
  }

  private DiskWriteException fail(IOException e) {
    // The file being written, or the one that could not be created.
    Path file = current != null ? current.tmp() : AtomicFiles.tmpSibling(dir.resolve(fileName(nextSeq)));
    discardCurrent(); // first: the space it held counts as left
    state = State.FAILED;
    failure = DiskWriteException.of(file, e);
    return failure;
  }

  private void discardCurrent() {
    if (current == null) {
      return;
    }
    IOException problem = current.discard();
    if (problem != null) {
      LOG.warn("cannot delete unfinished file {}: {}", current.tmp(), problem.toString());
    }
    current = null;
  }

  private void checkOpen() {
    if (state != State.OPEN) {
      throw new IllegalStateException(where() + " is " + state.name().toLowerCase(Locale.ROOT));
    }
  }

  private String where() {
    return "output " + integrationId + "/" + modelType;
  }

  static String fileName(int seq) {
    // Locale.ROOT: some locales format digits other than 0-9.
    return String.format(Locale.ROOT, "%06d", seq) + SUFFIX;
  }
}
