package agent.core.logship;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.fs.DiskWriteException;
import agent.core.log.Redactor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool on a disk that fills up: a line that cannot be written leaves no trace, and the spool goes on. */
class LogSpoolTest {
  @TempDir Path dir;

  @Test
  void aLineTheDiskRefusesLeavesNoPartOfItAndTheNextLinesAreKept() throws Exception {
    AtomicLong room = new AtomicLong(Long.MAX_VALUE);
    LogSpool spool = new LogSpool(dir, new Redactor(), channel -> new FullDisk(channel, room));
    spool.append(line("before"));

    room.set(10); // 10 bytes of the next line reach the file, then the disk is full
    DiskWriteException e = assertThrows(DiskWriteException.class, () -> spool.append(line("refused")));
    assertTrue(e.getMessage().contains("No space left on device") && e.getMessage().contains(" left on " + dir),
        e.getMessage());
    assertThrows(DiskWriteException.class, () -> spool.append(line("refused too")));

    room.set(Long.MAX_VALUE); // space again
    spool.append(line("after"));
    spool.seal();
    assertEquals(List.of("before", "after"), messages(spool));
  }

  private static SpoolLine line(String message) {
    return new SpoolLine("2026-11-22T10:30:00Z", "INFO", "x", message, null, "export", "c");
  }

  private static List<String> messages(LogSpool spool) throws IOException {
    List<String> out = new ArrayList<>();
    for (Path segment : spool.sealed()) {
      LogSpool.read(segment).forEach(l -> out.add(l.message()));
    }
    return out;
  }

  /** Writes while there is room, part of a buffer when it runs out, then fails as ENOSPC does. */
  private record FullDisk(WritableByteChannel channel, AtomicLong room) implements WritableByteChannel {
    @Override
    public int write(ByteBuffer src) throws IOException {
      if (room.get() <= 0) {
        throw new IOException("No space left on device");
      }
      int n = (int) Math.min(src.remaining(), room.get());
      ByteBuffer part = src.duplicate();
      part.limit(part.position() + n);
      int written = channel.write(part);
      src.position(src.position() + written);
      room.addAndGet(-written);
      return written;
    }

    @Override
    public boolean isOpen() {
      return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
