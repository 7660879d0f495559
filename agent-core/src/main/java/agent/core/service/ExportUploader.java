package agent.core.service;

import agent.core.fs.FileTrees;

import agent.core.backend.BackendClient;
import agent.core.backend.BackendException;
import agent.core.backend.RemoteExport;
import agent.core.checkpoint.CheckpointStore;
import agent.core.output.ExportManifest;
import agent.rpcdef.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads the exports waiting under {@code exports/} and applies the commit rule under a backend: an
 * export's staged checkpoints (of its completed integrations) are committed, and its folder deleted,
 * only after {@code POST /exports/{id}/complete} answered 200.
 *
 * <p>Exports go oldest first and stop at the first one that cannot be finished now (the backend is
 * away): tokens are then always committed in the order the exports ran, so an older export's tokens
 * never overwrite a newer one's. An export the backend refuses for good is marked {@code failed} in
 * its {@link UploadMarker} and skipped from then on. Resuming is asking {@code GET /exports/{id}} and
 * sending what is missing; every step is idempotent, so a kill at any point is harmless.
 *
 * <p>Not thread-safe: the service's one command thread calls it.
 */
public final class ExportUploader {
  private static final Logger LOG = LoggerFactory.getLogger(ExportUploader.class);

  private final BackendClient client;
  private final BackendRetry retry;
  private final Path exportsDir;
  private final Path checkpointsFile;
  private final int attemptsPerCall;

  /**
   * @param attemptsPerCall retryable failures of one call before the round gives up (the export stays
   *     pending and is tried again after the next poll)
   */
  public ExportUploader(BackendClient client, BackendRetry retry, Path pinpointRoot, int attemptsPerCall) {
    this.client = client;
    this.retry = retry;
    this.exportsDir = pinpointRoot.resolve("exports");
    this.checkpointsFile = pinpointRoot.resolve("state").resolve("checkpoints.json");
    this.attemptsPerCall = attemptsPerCall;
  }

  /** The export folders with a pending upload, oldest first. */
  public List<Path> pending() throws IOException {
    return UploadMarker.all(exportsDir).entrySet().stream().filter(e -> e.getValue().isPending())
        .map(Map.Entry::getKey).toList();
  }

  /** The export folders handed to the upload, by the command that made them. */
  public Map<String, Path> exportsByCommand() throws IOException {
    Map<String, Path> byCommand = new HashMap<>();
    UploadMarker.all(exportsDir).forEach((dir, marker) -> byCommand.putIfAbsent(marker.commandId(), dir));
    return byCommand;
  }

  /**
   * Uploads every pending export, oldest first.
   *
   * @return true when none is left pending
   * @throws ServiceStopped when stopping; what was done so far stays done
   */
  public boolean uploadPending() throws IOException, ServiceStopped {
    for (Map.Entry<Path, UploadMarker> e : UploadMarker.all(exportsDir).entrySet()) {
      if (e.getValue().isPending() && !upload(e.getKey(), e.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** @return true when the export is done with (acknowledged, or failed for good) */
  private boolean upload(Path dir, UploadMarker marker) throws IOException, ServiceStopped {
    String exportId = dir.getFileName().toString();
    JsonNode manifest;
    try {
      manifest = Json.mapper().readTree(dir.resolve(ExportManifest.FILE_NAME).toFile());
      for (JsonNode f : files(manifest)) {
        // Checked before any call: a file that vanished would otherwise look like a network error.
        if (!Files.isRegularFile(dir.resolve(f.path("path").asText()))) {
          throw new IOException("the file " + f.path("path").asText() + " of its manifest is missing");
        }
      }
    } catch (IOException e) {
      LOG.error("export {} cannot be uploaded: {}; its checkpoints stay uncommitted", exportId, e.getMessage());
      marker.failed(e.getMessage()).write(dir);
      return true;
    }
    try {
      RemoteExport remote = retry.call(() -> client.describeExport(exportId), attemptsPerCall);
      if (remote == null || !"completed".equals(remote.status())) {
        int sent = 0;
        int skipped = 0;
        for (JsonNode f : files(manifest)) {
          String path = f.path("path").asText();
          String sha256 = f.path("sha256").asText();
          if (remote != null && remote.holds(path, sha256)) {
            skipped++;
            continue;
          }
          retry.call(() -> client.putFile(exportId, path, dir.resolve(path), sha256), attemptsPerCall);
          sent++;
        }
        LOG.info("export {}: {} file(s) uploaded, {} already held by the backend", exportId, sent, skipped);
        retry.call(() -> {
          client.completeExport(exportId, marker.commandId(), manifest);
          return null;
        }, attemptsPerCall);
      }
    } catch (BackendException e) {
      if (e.retryable() || e.unauthorized() || "export_incomplete".equals(e.code())) {
        LOG.warn("export {}: upload not finished ({}); it stays pending and is tried again", exportId, e.getMessage());
        return false;
      }
      LOG.error("export {}: the backend refused the upload ({}); its files and uncommitted checkpoints stay in {}",
          exportId, e.getMessage(), dir);
      marker.failed(e.getMessage()).write(dir);
      return true;
    }
    // Acknowledged: only now are the tokens covering this data durable at their destination.
    Map<String, String> tokens = stagedCheckpoints(manifest);
    CheckpointStore.open(checkpointsFile).commit(tokens);
    LOG.info("export {} acknowledged by the backend: {} checkpoint(s) committed, local files removed", exportId,
        tokens.size());
    // The marker first: a kill halfway through the deletion leaves a folder nothing uploads again.
    Files.delete(dir.resolve(UploadMarker.FILE));
    FileTrees.delete(dir);
    return true;
  }

  private static List<JsonNode> files(JsonNode manifest) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode i : manifest.path("integrations")) {
      i.path("files").forEach(out::add);
    }
    return out;
  }

  /** The staged tokens of the completed integrations; a failed one commits nothing. */
  static Map<String, String> stagedCheckpoints(JsonNode manifest) {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode i : manifest.path("integrations")) {
      if ("completed".equals(i.path("status").asText())) {
        i.path("staged_checkpoints").properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
      }
    }
    return out;
  }

}
