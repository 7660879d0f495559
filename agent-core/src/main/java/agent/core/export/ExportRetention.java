package agent.core.export;

import agent.core.config.AgentConfig;
import agent.core.fs.FileTrees;
import agent.core.output.ExportManifest;
import agent.core.service.UploadMarker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many local export folders an export keeps when it starts (operations.md, "Retention"): a finished
 * local export is removed once it is neither among the newest {@code keepCount} (the export starting
 * counts as one) nor younger than {@code keepAge}, both by its manifest's {@code started}.
 *
 * <p>Never removed: a folder with {@code upload.json} (a service export: it goes only once the backend
 * acknowledged its upload, or stays for an operator when refused for good), a running export's folder
 * (the killed ones are removed by their own rule), and a folder whose manifest cannot be read (not ours
 * to judge).
 *
 * @param keepCount at least 1: the newest exports kept whatever their age, the one starting included
 * @param keepAge exports younger than this are kept whatever their number
 */
public record ExportRetention(int keepCount, Duration keepAge) {
  private static final Logger LOG = LoggerFactory.getLogger(ExportRetention.class);

  public ExportRetention {
    if (keepCount < 1) {
      throw new IllegalArgumentException("keepCount must be at least 1, got " + keepCount);
    }
    if (keepAge.isNegative()) {
      throw new IllegalArgumentException("keepAge must not be negative, got " + keepAge);
    }
  }

  public static ExportRetention defaults() {
    return new ExportRetention(AgentConfig.DEFAULT_RETENTION_COUNT, Duration.ofDays(AgentConfig.DEFAULT_RETENTION_DAYS));
  }

  /**
   * Removes the local exports this rule no longer keeps, before an export starts its folder. Call it only
   * while holding the root's export lock.
   *
   * @return the folders removed, oldest first
   */
  public List<Path> prune(Path exportsDir, Instant now) throws IOException {
    record Local(Path dir, Instant started) {}
    List<Local> local = new ArrayList<>();
    List<Path> dirs;
    try (Stream<Path> s = Files.list(exportsDir)) {
      dirs = s.filter(Files::isDirectory).toList();
    }
    for (Path dir : dirs) {
      if (Files.exists(dir.resolve(UploadMarker.FILE))) {
        continue; // the backend's until it acknowledged the upload
      }
      try {
        ExportManifest m = ExportManifest.read(dir);
        if (m.status() != ExportManifest.Status.RUNNING) {
          local.add(new Local(dir, Instant.parse(m.started())));
        }
      } catch (IOException | RuntimeException unreadable) {
        // no manifest, or a damaged one: left for an operator
      }
    }
    local.sort(Comparator.comparing(Local::started).thenComparing(l -> l.dir().getFileName().toString()).reversed());
    Instant youngest = now.minus(keepAge);
    List<Path> removed = new ArrayList<>();
    // keepCount - 1 earlier ones: with the export starting, keepCount remain.
    for (Local l : local.subList(Math.min(local.size(), keepCount - 1), local.size())) {
      if (l.started().isBefore(youngest)) {
        FileTrees.delete(l.dir());
        removed.add(0, l.dir());
      }
    }
    if (!removed.isEmpty()) {
      LOG.info("retention: removed {} local export(s) beyond the newest {} and older than {} day(s): {}", removed.size(),
          keepCount, keepAge.toDays(), removed.stream().map(p -> p.getFileName().toString()).toList());
    }
    return removed;
  }
}
