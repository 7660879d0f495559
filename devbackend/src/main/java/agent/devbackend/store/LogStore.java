package agent.devbackend.store;

import agent.devbackend.http.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Log batches, one file per batch ({@code devices/<device>/logs/<batch_id>.json}): a batch sent
 * twice is stored once. Thread-safe.
 */
public final class LogStore {
  private final DataDir dir;

  public LogStore(DataDir dir) {
    this.dir = dir;
  }

  /**
   * Stores a batch unless its {@code batch_id} is already stored.
   *
   * @return true when stored, false for a duplicate
   * @throws ApiException 400 no {@code batch_id} or {@code lines} not an array
   */
  public synchronized boolean put(String deviceId, JsonNode batch) {
    String batchId = Ids.require("batch_id", batch.path("batch_id").asText(null));
    if (!batch.path("lines").isArray()) {
      throw ApiException.badRequest("lines must be an array");
    }
    Path file = logsDir(deviceId).resolve(batchId + ".json");
    if (Files.exists(file)) {
      return false;
    }
    dir.writeJson(file, ((ObjectNode) batch.deepCopy()).put("received", Ids.now()));
    return true;
  }

  /** The stored batches of a device, in the order they arrived. */
  public synchronized List<JsonNode> batches(String deviceId) {
    Path logs = logsDir(Ids.require("device_id", deviceId));
    if (!Files.isDirectory(logs)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(logs)) {
      return list.filter(p -> p.getFileName().toString().endsWith(".json"))
          .map(p -> dir.readJson(p, JsonNode.class))
          .sorted((a, b) -> a.path("received").asText().compareTo(b.path("received").asText()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path logsDir(String deviceId) {
    return dir.resolve("devices", deviceId, "logs");
  }
}
