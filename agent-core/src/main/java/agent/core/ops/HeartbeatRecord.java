package agent.core.ops;

import agent.core.fs.AtomicFiles;
import agent.rpcdef.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * {@code state/heartbeat.json}: when the backend last accepted this agent's heartbeat, written by
 * {@code service-run}'s heartbeat loop after each success (about every 30 s) and read by {@code agent
 * service status}. {@code {"time": "2026-11-22T10:30:00Z"}}. Nothing secret.
 */
public final class HeartbeatRecord {
  private HeartbeatRecord() {}

  public static void write(Path file, Instant when) throws IOException {
    AtomicFiles.writeAtomically(file, Json.bytes(java.util.Map.of("time", when.toString())));
  }

  /** The last accepted heartbeat; empty when there was none or the file is unreadable. */
  public static Optional<Instant> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode n = Json.mapper().readTree(file.toFile());
      return Optional.of(Instant.parse(n.path("time").asText()));
    } catch (IOException | DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
