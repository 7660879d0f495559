package agent.devbackend.store;

import agent.devbackend.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * The folder that holds all of the backend's state ({@code --data-dir}). Every JSON document is
 * replaced atomically (temp file, fsync, rename), so a killed devbackend restarts with either the
 * old or the new version of a document, never a torn one.
 *
 * <p>Thread-safe for distinct files; the stores serialize writes to the same file.
 */
public final class DataDir {
  private final Path root;

  public DataDir(Path root) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    Files.createDirectories(this.root);
  }

  /** {@code root/first/more...}; the caller has validated every segment as an id. */
  public Path resolve(String first, String... more) {
    return root.resolve(Path.of(first, more));
  }

  /** Writes {@code value} as pretty JSON to {@code file}, atomically; creates missing folders. */
  public void writeJson(Path file, Object value) {
    try {
      writeAtomically(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Reads {@code file} as {@code type}; null when the file does not exist. */
  public <T> T readJson(Path file, Class<T> type) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return Json.mapper().readValue(file.toFile(), type);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Appends one line (a newline is added) to {@code file}, creating it and its folders. */
  public void appendLine(Path file, String line) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(
          file,
          line + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file, e);
    }
  }

  /**
   * A fresh temporary file in {@code dir} (created with its folders): where an upload streams
   * before it is verified and moved into place with {@link #moveInto}.
   */
  public Path newTempFile(Path dir) throws IOException {
    Files.createDirectories(dir);
    return dir.resolve(".incoming-" + UUID.randomUUID() + ".tmp");
  }

  /** Moves a complete, fsynced {@code tmp} over {@code target} in one step where the OS can. */
  public static void moveInto(Path tmp, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void writeAtomically(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      try (FileChannel channel =
          FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        channel.write(java.nio.ByteBuffer.wrap(bytes));
        channel.force(true);
      }
      moveInto(tmp, file);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
