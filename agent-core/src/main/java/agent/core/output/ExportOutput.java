package agent.core.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data files of one export folder ({@code exports/<export-id>/}): one shared {@link
 * ModelFileWriter} per (integration id, model type), and the end of each integration's output as a
 * whole, closed when it succeeded or aborted when it failed.
 *
 * <p>Thread-safe. Once an integration is closed or aborted, asking for one of its writers again is
 * an {@link IllegalStateException}: its files are final, and a new writer would start again at
 * {@code 000000}.
 */
public final class ExportOutput {
  private static final Logger LOG = LoggerFactory.getLogger(ExportOutput.class);

  private final Path exportDir;
  private final long rollRawBytes;
  // integration id -> model type -> writer; guarded by this
  private final Map<String, Map<String, ModelFileWriter>> writers = new HashMap<>();
  private final Set<String> ended = new HashSet<>();

  /** An output whose files roll at {@link ModelFileWriter#DEFAULT_ROLL_RAW_BYTES}. */
  public ExportOutput(Path exportDir) {
    this(exportDir, ModelFileWriter.DEFAULT_ROLL_RAW_BYTES);
  }

  /**
   * Creates nothing on disk: folders appear with the first object written.
   *
   * @param rollRawBytes a file rolls once it holds this many uncompressed bytes
   */
  public ExportOutput(Path exportDir, long rollRawBytes) {
    this.exportDir = Objects.requireNonNull(exportDir, "exportDir");
    if (rollRawBytes <= 0) {
      throw new IllegalArgumentException("rollRawBytes must be positive: " + rollRawBytes);
    }
    this.rollRawBytes = rollRawBytes;
  }

  public Path exportDir() {
    return exportDir;
  }

  /**
   * The one writer of this (integration, model type), created on first use; every caller gets the
   * same instance.
   *
   * @throws IllegalArgumentException if a name is not a safe folder name (letters, digits, '.',
   *     '_', '-'; no "..")
   * @throws IllegalStateException if the integration was already closed or aborted
   */
  public synchronized ModelFileWriter writer(String integrationId, String modelType) {
    PathSegments.check("integration id", integrationId);
    PathSegments.check("model type", modelType);
    if (ended.contains(integrationId)) {
      throw new IllegalStateException("the output of integration " + integrationId + " has ended");
    }
    return writers
        .computeIfAbsent(integrationId, id -> new LinkedHashMap<>())
        .computeIfAbsent(
            modelType, type -> new ModelFileWriter(exportDir, integrationId, type, rollRawBytes));
  }

  /**
   * Closes every writer of the integration and returns all its finalized files, sorted by path (an
   * integration that wrote nothing returns an empty list). If a writer fails to close, the writers
   * not yet closed are aborted and the failure propagates: the integration's output is incomplete
   * and must not be reported as done (files finalized before stay on disk, complete).
   *
   * @throws agent.core.fs.DiskWriteException if a file cannot be finalized or a write failed earlier
   */
  public List<OutputFile> closeIntegration(String integrationId) {
    List<ModelFileWriter> toClose = end(integrationId);
    // Closing fsyncs: done outside the lock so other integrations keep writing meanwhile.
    List<OutputFile> files = new ArrayList<>();
    RuntimeException failure = null;
    for (ModelFileWriter writer : toClose) {
      if (failure != null) {
        writer.abort();
        continue;
      }
      try {
        files.addAll(writer.close());
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    if (failure != null) {
      throw failure;
    }
    files.sort(Comparator.comparing(OutputFile::path));
    return files;
  }

  /**
   * Aborts every writer of the integration: their unfinished {@code .tmp} files are deleted. Never
   * throws for I/O problems (see {@link ModelFileWriter#abort}).
   */
  public void abortIntegration(String integrationId) {
    for (ModelFileWriter writer : end(integrationId)) {
      writer.abort();
    }
  }

  private synchronized List<ModelFileWriter> end(String integrationId) {
    PathSegments.check("integration id", integrationId);
    ended.add(integrationId);
    Map<String, ModelFileWriter> byModel = writers.remove(integrationId);
    return byModel == null ? List.of() : new ArrayList<>(byModel.values());
  }

  /**
   * Deletes the {@code *.json.gz.tmp} files left under {@code exportsRoot/<export-id>/} by a host
   * that was killed mid-write, and returns how many. A missing {@code exportsRoot} is 0.
   *
   * <p>Meant for the start of an export, when nothing else writes under {@code exportsRoot}: run
   * while another process exports, it would delete that export's unfinished files (that export
   * then fails when it finalizes them).
   *
   * @throws UncheckedIOException if the folders cannot be listed or a file cannot be deleted
   */
  public static int sweepTempFiles(Path exportsRoot) {
    if (!Files.isDirectory(exportsRoot)) {
      return 0;
    }
    String suffix = ModelFileWriter.SUFFIX + ".tmp";
    List<Path> leftovers;
    // <export-id>/<integration>/<model>/<file>: nothing of ours is deeper.
    try (Stream<Path> paths = Files.walk(exportsRoot, 4)) {
      leftovers =
          paths
              .filter(p -> p.getNameCount() - exportsRoot.getNameCount() >= 2)
              .filter(p -> p.getFileName().toString().endsWith(suffix))
              .filter(Files::isRegularFile)
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + exportsRoot + ": " + e.getMessage(), e);
    }
    int deleted = 0;
    for (Path leftover : leftovers) {
      try {
        if (Files.deleteIfExists(leftover)) {
          deleted++;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete " + leftover + ": " + e.getMessage(), e);
      }
    }
    if (deleted > 0) {
      LOG.info("deleted {} unfinished output file(s) left by an interrupted export", deleted);
    }
    return deleted;
  }
}
