package agent.core.service;

import agent.core.fs.AtomicFiles;
import agent.rpcdef.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code exports/<id>/upload.json}: this export folder belongs to the backend and waits for its upload.
 * Written by {@code service-run} right after the export's child exited, so that a restart resumes it;
 * a folder without one (a local {@code agent export}, or an export killed before it ended) is never
 * uploaded. {@code state} is {@code pending} until the upload is acknowledged (then the folder goes),
 * or {@code failed} when the backend refused it for good: its files and uncommitted tokens stay for an
 * operator, and later exports are uploaded past it. {@code quarantined}: a file of it no longer
 * matches its manifest; the folder is on its way to (or already in) {@link ExportQuarantine}'s folder.
 *
 * <pre>{"command_id": "cmd-...", "state": "pending|failed|quarantined", "error": "..."}</pre>
 */
public record UploadMarker(String commandId, String state, String error) {
  public static final String FILE = "upload.json";
  public static final String PENDING = "pending";
  public static final String FAILED = "failed";
  public static final String QUARANTINED = "quarantined";

  public static UploadMarker pending(String commandId) {
    return new UploadMarker(commandId, PENDING, null);
  }

  public UploadMarker failed(String why) {
    return new UploadMarker(commandId, FAILED, why);
  }

  public UploadMarker quarantined(String why) {
    return new UploadMarker(commandId, QUARANTINED, why);
  }

  public boolean isPending() {
    return PENDING.equals(state);
  }

  public boolean isQuarantined() {
    return QUARANTINED.equals(state);
  }

  public void write(Path exportDir) throws IOException {
    ObjectNode n = Json.mapper().createObjectNode();
    if (commandId != null) {
      n.put("command_id", commandId);
    }
    n.put("state", state);
    if (error != null) {
      n.put("error", error);
    }
    AtomicFiles.writeAtomically(exportDir.resolve(FILE), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(n));
  }

  /** Every export folder under {@code exportsDir} that has a marker, oldest first, with its marker. */
  public static java.util.SortedMap<Path, UploadMarker> all(Path exportsDir) throws IOException {
    java.util.SortedMap<Path, UploadMarker> out = new java.util.TreeMap<>();
    if (!Files.isDirectory(exportsDir)) {
      return out;
    }
    try (java.util.stream.Stream<Path> dirs = Files.list(exportsDir)) {
      for (Path dir : dirs.filter(Files::isDirectory).toList()) {
        Optional<UploadMarker> m = read(dir);
        if (m.isPresent()) {
          out.put(dir, m.get());
        }
      }
    }
    return out;
  }

  /** The marker of {@code exportDir}; empty when it has none (not the backend's export). */
  public static Optional<UploadMarker> read(Path exportDir) throws IOException {
    Path f = exportDir.resolve(FILE);
    if (!Files.exists(f)) {
      return Optional.empty();
    }
    JsonNode n = Json.mapper().readTree(f.toFile());
    return Optional.of(new UploadMarker(n.path("command_id").asText(null), n.path("state").asText(PENDING),
        n.path("error").asText(null)));
  }
}
