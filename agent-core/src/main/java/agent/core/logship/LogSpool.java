package agent.core.logship;

import agent.core.log.Redactor;
import agent.rpcdef.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
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
  private Path open;
  private OutputStream out;
  private int openLines;
  private long openBytes;

  /** Opens (and creates) the spool folder {@code <pinpointRoot>/state/logspool}. */
  public static LogSpool under(Path pinpointRoot, Redactor redactor) throws IOException {
    return new LogSpool(pinpointRoot.resolve("state").resolve("logspool"), redactor);
  }

  public LogSpool(Path dir, Redactor redactor) throws IOException {
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
      open = dir.resolve(String.format("%020d", nextSeq++) + OPEN);
      out = Files.newOutputStream(open, StandardOpenOption.CREATE_NEW, StandardOpenOption.APPEND);
    }
    out.write(bytes);
    out.flush();
    openLines++;
    openBytes += bytes.length;
    if (openLines >= SEGMENT_LINES || openBytes >= SEGMENT_BYTES) {
      seal();
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
