package agent.core.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One process at a time for a job on a pinpoint root (an export, the service): an OS file lock, so
 * a killed process releases it, with the holder's pid written inside for the message of the next
 * one that tries.
 */
public final class ProcessLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private ProcessLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * @param busy what the refusal says before the pid: "another export is running on this pinpoint root"
   * @param advice what it says after: "wait for it to finish"
   * @throws LockBusyException naming the holder's pid when another process holds the lock
   */
  public static ProcessLock acquire(Path file, String busy, String advice) throws IOException {
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
      String holder = holder(file);
      ch.close();
      throw new LockBusyException(busy + (holder.isEmpty() ? "" : " (pid " + holder + ")") + "; " + advice);
    }
    ch.truncate(0);
    ch.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
    return new ProcessLock(ch, l);
  }

  /**
   * Whether a process holds the lock now, without taking it for more than an instant and without
   * touching the holder's pid in the file. A missing file is a lock nobody holds.
   */
  public static boolean isHeld(Path file) throws IOException {
    if (!Files.exists(file)) {
      return false;
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      FileLock l = ch.tryLock();
      if (l == null) {
        return true;
      }
      l.release();
      return false;
    } catch (java.nio.channels.OverlappingFileLockException e) {
      return true; // held by this very process
    }
  }

  /** The pid the holder wrote into the lock file, or "" when it cannot be read. */
  public static String holder(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}
