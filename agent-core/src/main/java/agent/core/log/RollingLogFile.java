package agent.core.log;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * A log file the agent writes itself (an integration's log, a command child's output), bounded as the
 * agent's own logs are: appended to across runs (never truncated when opened), and once it holds {@link
 * #maxBytes()} it is renamed to {@code <file>.1} (the previous {@code .1} to {@code .2}, and so on, the
 * oldest beyond {@link #maxFiles()} dropped) and begun anew. The bounds are those of every agent log:
 * {@value #MAX_FILE_SIZE_PROPERTY} (bytes, or a size like {@code 10MB}, {@code 20KB}; default {@value
 * #DEFAULT_MAX_FILE_SIZE}) and {@value #MAX_FILES_PROPERTY} (files in all, the current one included;
 * default {@value #DEFAULT_MAX_FILES}).
 *
 * <p>Thread-safe.
 */
public final class RollingLogFile implements AutoCloseable {
  public static final String MAX_FILE_SIZE_PROPERTY = "agent.log.max-file-size";
  public static final String MAX_FILES_PROPERTY = "agent.log.max-files";
  public static final String DEFAULT_MAX_FILE_SIZE = "10MB";
  public static final int DEFAULT_MAX_FILES = 5;

  private final Path file;
  private final long maxBytes;
  private final int maxFiles;
  private OutputStream out;
  private long size;

  /** Opens {@code file} for appending, with the bounds of the system properties. */
  public static RollingLogFile open(Path file) throws IOException {
    return new RollingLogFile(file, maxBytes(), maxFiles());
  }

  RollingLogFile(Path file, long maxBytes, int maxFiles) throws IOException {
    this.file = file;
    this.maxBytes = maxBytes;
    this.maxFiles = Math.max(1, maxFiles);
    Files.createDirectories(file.toAbsolutePath().getParent());
    reopen();
  }

  /** Appends {@code line} and a newline, rolling first when the file is full. */
  public synchronized void writeLine(String line) throws IOException {
    if (size >= maxBytes) {
      roll();
    }
    byte[] b = (line + "\n").getBytes(StandardCharsets.UTF_8);
    out.write(b);
    out.flush();
    size += b.length;
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }

  private void roll() throws IOException {
    out.close();
    if (maxFiles == 1) {
      Files.delete(file);
    } else {
      Files.deleteIfExists(numbered(maxFiles - 1));
      for (int i = maxFiles - 2; i >= 1; i--) {
        if (Files.exists(numbered(i))) {
          Files.move(numbered(i), numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.move(file, numbered(1), StandardCopyOption.REPLACE_EXISTING);
    }
    reopen();
  }

  private void reopen() throws IOException {
    out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    size = Files.size(file);
  }

  private Path numbered(int i) {
    return file.resolveSibling(file.getFileName() + "." + i);
  }

  /** {@value #MAX_FILE_SIZE_PROPERTY} in bytes: a number, with KB, MB or GB (1024-based) after it or not. */
  public static long maxBytes() {
    return parseSize(System.getProperty(MAX_FILE_SIZE_PROPERTY, DEFAULT_MAX_FILE_SIZE));
  }

  public static int maxFiles() {
    try {
      return Math.max(1, Integer.parseInt(System.getProperty(MAX_FILES_PROPERTY, String.valueOf(DEFAULT_MAX_FILES)).trim()));
    } catch (NumberFormatException e) {
      return DEFAULT_MAX_FILES;
    }
  }

  static long parseSize(String s) {
    String t = s.trim().toUpperCase(Locale.ROOT).replace(" ", "");
    long unit = 1;
    if (t.endsWith("KB")) {
      unit = 1024;
    } else if (t.endsWith("MB")) {
      unit = 1024 * 1024;
    } else if (t.endsWith("GB")) {
      unit = 1024L * 1024 * 1024;
    }
    try {
      return Math.max(1, Long.parseLong(unit == 1 ? t : t.substring(0, t.length() - 2)) * unit);
    } catch (NumberFormatException e) {
      return parseSize(DEFAULT_MAX_FILE_SIZE);
    }
  }
}
