package agent.core.output;

import agent.core.fs.AtomicFiles;
import agent.rpcdef.Json;
import agent.rpcdef.internal.RequestCounters;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.DeserializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code manifest.json} of an export folder: what ran, how it ended, which files hold what, and the
 * checkpoints that become durable once those files are (DESIGN "Output"). Serialized with {@link
 * Json#mapper()}: snake_case names, absent instead of null.
 *
 * <pre>{"export_id","agent_version","started","finished","status":"running|completed|failed|partial|cancelled",
 *  "integrations":[{"id","name","status":"completed|failed","error","duration_ms",
 *                   "objects":{"&lt;model&gt;":n},"files":[...],"staged_checkpoints":{"key":"token"},
 *                   "requests":{"requests":n,"not_modified":n,...}}]}</pre>
 *
 * <p>Immutable: the {@code with...} methods return a new manifest.
 *
 * @param started RFC 3339, e.g. {@code Instant.toString()}
 * @param finished RFC 3339; null while running
 */
public record ExportManifest(
    String exportId,
    String agentVersion,
    String started,
    String finished,
    Status status,
    List<IntegrationEntry> integrations) {

  /** The file name in the export folder. */
  public static final String FILE_NAME = "manifest.json";

  public ExportManifest {
    Objects.requireNonNull(exportId, "exportId");
    Objects.requireNonNull(status, "status");
    integrations = integrations == null ? List.of() : List.copyOf(integrations);
  }

  /** A manifest of an export that just started: status running, no integrations yet. */
  public static ExportManifest running(String exportId, String agentVersion, String started) {
    return new ExportManifest(exportId, agentVersion, started, null, Status.RUNNING, List.of());
  }

  /** This manifest with {@code entry} added, or replacing the entry with the same id. */
  public ExportManifest withIntegration(IntegrationEntry entry) {
    List<IntegrationEntry> next = new ArrayList<>(integrations);
    next.removeIf(e -> e.id().equals(entry.id()));
    next.add(entry);
    return new ExportManifest(exportId, agentVersion, started, finished, status, next);
  }

  /** This manifest with its final status and end time. */
  public ExportManifest finish(Status status, String finished) {
    return new ExportManifest(exportId, agentVersion, started, finished, status, integrations);
  }

  /** Writes {@code <exportDir>/manifest.json} atomically (the folder must exist). */
  public void write(Path exportDir) throws IOException {
    byte[] json = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
    AtomicFiles.writeAtomically(exportDir.resolve(FILE_NAME), json);
  }

  /**
   * Reads a manifest from an export folder (its {@code manifest.json}) or from the file itself.
   * Unknown fields are ignored, so an older agent can read a newer manifest.
   */
  public static ExportManifest read(Path exportDirOrFile) throws IOException {
    Path file =
        Files.isDirectory(exportDirOrFile) ? exportDirOrFile.resolve(FILE_NAME) : exportDirOrFile;
    return Json.mapper()
        .readerFor(ExportManifest.class)
        .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .readValue(file.toFile());
  }

  /** Objects per model type over {@code files}, sorted by model type: an entry's "objects". */
  public static Map<String, Long> countObjects(List<OutputFile> files) {
    Map<String, Long> counts = new TreeMap<>();
    for (OutputFile file : files) {
      counts.merge(file.modelType(), file.objects(), Long::sum);
    }
    return Collections.unmodifiableMap(counts);
  }

  /**
   * How the export as a whole ended; {@code partial}: some integrations failed, others did not; {@code
   * cancelled}: stopped by a signal (Ctrl-C, SIGTERM) before it ended. A cancelled export is never
   * uploaded and its staged checkpoints are never committed.
   */
  public enum Status {
    RUNNING,
    COMPLETED,
    FAILED,
    PARTIAL,
    CANCELLED;

    /** True for the statuses of an export that ran to its end: only such an export may be uploaded. */
    public boolean finished() {
      return this == COMPLETED || this == FAILED || this == PARTIAL;
    }

    /** The JSON spelling: lowercase. */
    @JsonValue
    public String json() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** As in the JSON, so that a log line or the summary says {@code completed}. */
    @Override
    public String toString() {
      return json();
    }
  }

  /** How one integration ended. */
  public enum IntegrationStatus {
    COMPLETED,
    FAILED;

    /** The JSON spelling: lowercase. */
    @JsonValue
    public String json() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** As in the JSON, so that a log line or the summary says {@code completed}. */
    @Override
    public String toString() {
      return json();
    }
  }

  /**
   * One integration of the export.
   *
   * @param error why it failed; null when it completed
   * @param objects objects per model type (see {@link #countObjects})
   * @param files its finalized files, as {@link ExportOutput#closeIntegration} returned them
   * @param stagedCheckpoints the tokens to commit once the files are durable at their destination;
   *     empty for a failed integration, which commits nothing
   * @param requests what the integration's HTTP client counted ({@code requests}, {@code
   *     not_modified}, ...; see {@link RequestCounters}), in that order; empty, and then absent from the
   *     JSON, when it reported nothing
   */
  public record IntegrationEntry(
      String id,
      String name,
      IntegrationStatus status,
      String error,
      long durationMs,
      Map<String, Long> objects,
      List<OutputFile> files,
      Map<String, String> stagedCheckpoints,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Long> requests) {

    public IntegrationEntry {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(status, "status");
      // Sorted copies: the manifest reads and diffs the same way every time.
      objects = objects == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(objects));
      files = files == null ? List.of() : List.copyOf(files);
      stagedCheckpoints =
          stagedCheckpoints == null
              ? Map.of()
              : Collections.unmodifiableMap(new TreeMap<>(stagedCheckpoints));
      requests = RequestCounters.ordered(requests);
    }

    /** This entry with the request counters its integration reported. */
    public IntegrationEntry withRequests(Map<String, Long> requests) {
      return new IntegrationEntry(id, name, status, error, durationMs, objects, files, stagedCheckpoints, requests);
    }

    /** A completed integration; its object counts come from its files. */
    public static IntegrationEntry completed(
        String id,
        String name,
        long durationMs,
        List<OutputFile> files,
        Map<String, String> stagedCheckpoints) {
      return new IntegrationEntry(
          id,
          name,
          IntegrationStatus.COMPLETED,
          null,
          durationMs,
          countObjects(files),
          files,
          stagedCheckpoints,
          Map.of());
    }

    /** A failed integration: no files to hand over, no checkpoints to commit. */
    public static IntegrationEntry failed(String id, String name, long durationMs, String error) {
      return new IntegrationEntry(
          id, name, IntegrationStatus.FAILED, error, durationMs, Map.of(), List.of(), Map.of(), Map.of());
    }
  }
}
