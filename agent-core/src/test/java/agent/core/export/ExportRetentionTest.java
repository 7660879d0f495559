package agent.core.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.output.ExportManifest;
import agent.core.service.UploadMarker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportRetentionTest {
  private static final Instant NOW = Instant.parse("2026-06-30T12:00:00Z");

  @TempDir Path exports;

  private Path export(String id, int daysAgo, ExportManifest.Status status) throws IOException {
    Path d = Files.createDirectories(exports.resolve(id));
    String started = NOW.minus(Duration.ofDays(daysAgo)).toString();
    new ExportManifest(id, "test", started, status == ExportManifest.Status.RUNNING ? null : started, status, List.of()).write(d);
    return d;
  }

  private List<String> left() throws IOException {
    try (Stream<Path> s = Files.list(exports)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void anExportGoesOnlyWhenItIsBothBeyondTheNewestNAndOlderThanDDays() throws Exception {
    for (int i = 0; i < 6; i++) {
      export("e" + i, 10 - i, ExportManifest.Status.COMPLETED); // e0 10 days old ... e5 5 days old
    }
    // Keep 3 (2 earlier ones + the one starting), and anything younger than 7 days: e4, e5 stay by count,
    // e3 (7 days) is not older than 7 days; e0..e2 go.
    List<Path> removed = new ExportRetention(3, Duration.ofDays(7)).prune(exports, NOW);
    assertEquals(List.of(exports.resolve("e0"), exports.resolve("e1"), exports.resolve("e2")), removed);
    assertEquals(List.of("e3", "e4", "e5"), left());
  }

  @Test
  void countIsByStartTimeNotFolderName() throws Exception {
    export("a-newest", 20, ExportManifest.Status.COMPLETED);
    export("z-oldest", 30, ExportManifest.Status.FAILED);
    new ExportRetention(2, Duration.ZERO).prune(exports, NOW);
    assertEquals(List.of("a-newest"), left());
  }

  @Test
  void aServiceExportIsNeverRemovedBeforeItsUploadIsAcknowledged() throws Exception {
    UploadMarker.pending("cmd-1").write(export("pending", 100, ExportManifest.Status.COMPLETED));
    UploadMarker.pending("cmd-2").failed("file_conflict").write(export("refused", 90, ExportManifest.Status.COMPLETED));
    export("killed", 80, ExportManifest.Status.RUNNING);
    Files.createDirectories(exports.resolve("no-manifest"));
    Files.writeString(Files.createDirectories(exports.resolve("damaged")).resolve("manifest.json"), "{");
    export("local", 70, ExportManifest.Status.COMPLETED);
    List<Path> removed = new ExportRetention(1, Duration.ZERO).prune(exports, NOW);
    assertEquals(List.of(exports.resolve("local")), removed);
    assertEquals(List.of("damaged", "killed", "no-manifest", "pending", "refused"), left());
  }

  @Test
  void theDefaultsKeepTenExportsAndTwoWeeks() throws Exception {
    for (int i = 0; i < 12; i++) {
      export(String.format("e%02d", i), 40 - i, ExportManifest.Status.COMPLETED);
    }
    export("young", 13, ExportManifest.Status.COMPLETED);
    List<Path> removed = ExportRetention.defaults().prune(exports, NOW);
    assertEquals(4, removed.size(), removed.toString()); // 13 finished, 9 earlier ones kept
    assertTrue(left().contains("young"));
    assertTrue(!left().contains("e03") && left().contains("e04"), left().toString());
  }
}
