package agent.core.fs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A file the agent writes could not be written: a full disk, a file-size limit, a read-only or
 * failing file system. The machine is in the way, not the data and not the code, so it is never
 * blamed on an integration: an export that meets it is aborted and exits 3 (_docs/cli.md), with this
 * sentence, which names the file, the reason and the space left where it was written.
 */
public final class DiskWriteException extends UncheckedIOException {
  private final transient Path file;
  private final long usableBytes;

  private DiskWriteException(String message, Path file, long usableBytes, IOException cause) {
    super(message, cause);
    this.file = file;
    this.usableBytes = usableBytes;
  }

  /**
   * Classifies a failed write of {@code file}, measuring the space left on its folder's file store
   * now (so it says what the operator must free).
   */
  public static DiskWriteException of(Path file, IOException cause) {
    long usable = usableBytes(file);
    String left = usable < 0 ? "the space left is unknown" : human(usable) + " left on " + nearestExisting(file);
    return new DiskWriteException("cannot write " + file + ": " + reason(cause) + " (" + left + ")", file, usable, cause);
  }

  /** The file that could not be written. */
  public Path file() {
    return file;
  }

  /** {@code FileStore.getUsableSpace()} of the file's folder when it failed; -1 when that was unknown. */
  public long usableBytes() {
    return usableBytes;
  }

  private static String reason(IOException e) {
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static long usableBytes(Path file) {
    try {
      return Files.getFileStore(nearestExisting(file)).getUsableSpace();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** The file's folder, or its closest ancestor that exists (the folder may be what could not be made). */
  private static Path nearestExisting(Path file) {
    Path p = file.toAbsolutePath().getParent();
    while (p != null && !Files.isDirectory(p)) {
      p = p.getParent();
    }
    return p == null ? file.toAbsolutePath().getRoot() : p;
  }

  /** "0 bytes", "812 KiB", "3.4 GiB". */
  static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + (bytes == 1 ? " byte" : " bytes");
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return (v < 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.0f", v)) + " " + units[u];
  }
}
