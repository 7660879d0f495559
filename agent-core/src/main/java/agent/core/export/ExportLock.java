package agent.core.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One export at a time per pinpoint root: two exports would race on checkpoints and on the cleanup
 * of each other's temporary files. The lock is an OS file lock, so a killed process releases it.
 */
public final class ExportLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private ExportLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * @throws ExportBusyException naming the holder's pid when another export holds the lock
   */
  public static ExportLock acquire(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock l;
    try {
      l = ch.tryLock();
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    if (l == null) {
      String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
      ch.close();
      throw new ExportBusyException("another export is running on this pinpoint root"
          + (holder.isEmpty() ? "" : " (pid " + holder + ")") + "; wait for it to finish");
    }
    ch.truncate(0);
    ch.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
    return new ExportLock(ch, l);
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}
