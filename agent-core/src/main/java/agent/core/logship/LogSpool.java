package agent.core.logship;

import agent.core.fs.PinpointRoot;
import agent.core.fs.DiskWriteException;
import agent.core.log.Redactor;
import agent.rpcdef.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Log lines waiting for the backend, on disk under {@code <root>/state/logspool/} so that a restart or
 * an outage loses none. Lines are appended to one open segment ({@code <seq>.open}); {@link #seal()}
 * renames it to {@code <seq>.jsonl}, after which it never changes and can be shipped and deleted. A
 * segment is sealed by itself at {@link #SEGMENT_LINES} lines or {@link #SEGMENT_BYTES} bytes, so one
 * sealed segment fits one {@code POST /logs} batch unless its lines change source or command.
 *
 * <p>Every message passes through the {@link Redactor} before it reaches the disk. An open segment left
 * by a process that died is sealed when the next spool opens the folder. Thread-safe.
 *
 * <p>A line that cannot be written (a full disk, a file-size limit) fails with a {@link
 * DiskWriteException} and leaves no trace: the open segment is cut back to its last whole line (or,
 * if even that fails, sealed, its cut last line skipped by {@link #read}), so the lines before it
 * still ship and the spool takes the next line once there is room again.
 */
public final class LogSpool {
  /** The backend's line limit per batch. */
  public static final int SEGMENT_LINES = 1000;
  /** Below the backend's 1 MiB per batch, leaving room for the batch's own JSON. */
  public static final long SEGMENT_BYTES = 1024 * 1024 - 64 * 1024;
  /** A longer message is cut: one line must never outgrow a batch. */
  static final int MAX_MESSAGE_CHARS = 16 * 1024;

  private static final String OPEN = ".open";
  private static final String SEALED = ".jsonl";

  private final Path dir;
  private final Redactor redactor;
  private long nextSeq;
  private final UnaryOperator<WritableByteChannel> segmentWrites;
  private Path open;
  private FileChannel out;
  private int openLines;
  private long openBytes;

  /** Opens (and creates) the spool folder {@code <pinpointRoot>/state/logspool}. */
  public static LogSpool under(Path pinpointRoot, Redactor redactor) throws IOException {
    return new LogSpool(PinpointRoot.of(pinpointRoot).logSpoolDir(), redactor);
  }

  public LogSpool(Path dir, Redactor redactor) throws IOException {
    this(dir, redactor, UnaryOperator.identity());
  }

  /** @param segmentWrites wraps what writes into a segment: a test's seam for a disk that fills up */
  LogSpool(Path dir, Redactor redactor, UnaryOperator<WritableByteChannel> segmentWrites) throws IOException {
    this.segmentWrites = segmentWrites;
    this.dir = dir;
    this.redactor = redactor;
    Files.createDirectories(dir);
    long max = 0;
    try (Stream<Path> s = Files.list(dir)) {
      for (Path f : s.toList()) {
        String name = f.getFileName().toString();
        Long seq = seqOf(name);
        if (seq == null) {
          continue;
        }
        max = Math.max(max, seq);
        if (name.endsWith(OPEN)) {
          // Left by a process that died: what it holds is complete lines plus perhaps one cut line.
          Files.move(f, dir.resolve(name.replace(OPEN, SEALED)), StandardCopyOption.ATOMIC_MOVE);
        }
      }
    }
    nextSeq = max + 1;
  }

  /** Redacts and appends one line; seals the segment when it is full. */
  public synchronized void append(SpoolLine line) throws IOException {
    String message = redactor.redact(line.message());
    if (message != null && message.length() > MAX_MESSAGE_CHARS) {
      message = message.substring(0, MAX_MESSAGE_CHARS) + "... (cut)";
    }
    SpoolLine redacted = new SpoolLine(line.time(), line.level(), line.logger(), message, line.integration(),
        line.source(), line.commandId());
    byte[] bytes = (Json.mapper().writeValueAsString(redacted) + "\n").getBytes(StandardCharsets.UTF_8);
    if (out == null) {
      Path next = dir.resolve(String.format("%020d", nextSeq++) + OPEN);
      try {
        out = FileChannel.open(next, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } catch (IOException e) {
        throw DiskWriteException.of(next, e);
      }
      open = next;
    }
    try {
      WritableByteChannel writes = segmentWrites.apply(out);
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        writes.write(buffer);
      }
    } catch (IOException e) {
      DiskWriteException failure = DiskWriteException.of(open, e);
      cutBackToLastLine();
      throw failure;
    }
    openLines++;
    openBytes += bytes.length;
    if (openLines >= SEGMENT_LINES || openBytes >= SEGMENT_BYTES) {
      seal();
    }
  }

  /**
   * After a failed write: the open segment may end with part of a line, which the next line would be
   * glued to (and both lost). Cut it back; if that fails too, seal it: {@link #read} skips a cut last line.
   */
  private void cutBackToLastLine() {
    try {
      out.truncate(openBytes);
      out.position(openBytes);
    } catch (IOException e) {
      try {
        seal();
      } catch (IOException sealFailed) {
        // Left open: the next spool's start seals it; from now on lines go to a new segment.
        try {
          if (out != null) {
            out.close();
          }
        } catch (IOException ignored) {
          // closing is all that was left to do
        }
        out = null;
        open = null;
        openLines = 0;
        openBytes = 0;
      }
    }
  }

  /** Seals the open segment, if it holds any line, so that it can be shipped. */
  public synchronized void seal() throws IOException {
    if (out == null) {
      return;
    }
    out.close();
    out = null;
    String name = open.getFileName().toString();
    Files.move(open, dir.resolve(name.replace(OPEN, SEALED)), StandardCopyOption.ATOMIC_MOVE);
    open = null;
    openLines = 0;
    openBytes = 0;
  }

  /** The sealed segments, oldest first. */
  public List<Path> sealed() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(f -> f.getFileName().toString().endsWith(SEALED)).sorted().toList();
    }
  }

  /** The lines of a sealed segment; a line cut by a crash is skipped. */
  public static List<SpoolLine> read(Path segment) throws IOException {
    List<SpoolLine> lines = new ArrayList<>();
    for (String l : Files.readAllLines(segment, StandardCharsets.UTF_8)) {
      if (l.isBlank()) {
        continue;
      }
      try {
        lines.add(Json.mapper().readValue(l, SpoolLine.class));
      } catch (IOException cut) {
        // The last line of a segment whose writer died mid-write: nothing to ship.
      }
    }
    return lines;
  }

  /** Deletes a shipped segment. */
  public void delete(Path segment) throws IOException {
    Files.deleteIfExists(segment);
  }

  /** Closes the open segment (sealing it); the spool can be opened again on the same folder. */
  public void close() throws IOException {
    seal();
  }

  private static Long seqOf(String name) {
    int dot = name.indexOf('.');
    if (dot <= 0 || !(name.endsWith(OPEN) || name.endsWith(SEALED))) {
      return null;
    }
    try {
      return Long.parseLong(name.substring(0, dot));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
