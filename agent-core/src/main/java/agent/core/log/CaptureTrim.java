package agent.core.log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a service manager's capture of service-run's stdout and stderr small (launchd's {@code
 * StandardOutPath}, {@code logs/service.out} and {@code .err}): the manager appends to them forever and
 * never rotates them, while the real log is the agent's own rolling file. A file past its bound is
 * emptied in place: the manager opened it to append, so its next write lands at the new end. Checked at
 * start and then every few minutes by the caller.
 */
public final class CaptureTrim {
  private static final Logger LOG = LoggerFactory.getLogger(CaptureTrim.class);
  /** What a capture may hold before it is emptied: the lines since the last trim, for a crash's last words. */
  public static final long MAX_BYTES = 1024 * 1024;

  private final List<Path> files;
  private final long maxBytes;

  public CaptureTrim(List<Path> files, long maxBytes) {
    this.files = List.copyOf(files);
    this.maxBytes = maxBytes;
  }

  /** Empties each file past the bound; a file that is absent or cannot be trimmed is left as it is. */
  public void trim() {
    for (Path f : files) {
      try {
        if (Files.isRegularFile(f) && Files.size(f) > maxBytes) {
          long was = Files.size(f);
          try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.truncate(0);
          }
          LOG.info("emptied {} ({} bytes): the service manager's copy of the output; the log is kept in logs/", f, was);
        }
      } catch (IOException | RuntimeException e) {
        LOG.debug("cannot trim {}: {}", f, e.toString());
      }
    }
  }
}
