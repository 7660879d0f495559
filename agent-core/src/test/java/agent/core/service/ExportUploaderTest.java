package agent.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.loop.BackendHealth;
import agent.core.loop.BackendRetry;
import agent.core.loop.ServiceStopped;
import agent.core.loop.StopSignal;
import agent.core.backend.BackendClient;
import agent.core.checkpoint.CheckpointStore;
import agent.core.output.ExportManifest.IntegrationEntry;
import agent.core.output.ExportManifest;
import agent.core.output.OutputFile;
import agent.core.testing.CapturedLogs;
import agent.core.testing.LocalBackend;
import agent.core.testing.VirtualServiceClock;
import agent.devbackend.fault.FailureRule;
import ch.qos.logback.classic.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@link ExportUploader} against the in-process reference backend: the commit rule and its order. */
class ExportUploaderTest {
  @RegisterExtension final LocalBackend backend = LocalBackend.enrolled();
  @RegisterExtension final CapturedLogs logs = CapturedLogs.of(ExportUploader.class);
  @TempDir Path root;
  final StopSignal stop = new StopSignal();
  final VirtualServiceClock clock = new VirtualServiceClock(stop);
  BackendClient client;
  BackendRetry retry;
  ExportUploader uploader;

  @BeforeEach
  void uploaderOfTheEnrolledDevice() {
    client = backend.client();
    retry = new BackendRetry(stop, new BackendHealth(), Duration.ofMillis(10),
        Duration.ofMillis(50), Duration.ofSeconds(60), BackendHealth.Caller.UPLOAD);
    // The service's backoff, on virtual time: a 422 to an intact file waits seconds, in no time.
    uploader = new ExportUploader(client, retry, root, 3,
        ExportUploader.ChecksumRetries.of(clock, Duration.ofSeconds(1), Duration.ofMinutes(5)));
  }

  @Test
  void commitsTheTokensOfCompletedIntegrationsOnlyAfterTheCompleteCall() throws Exception {
    Path dir = export("20261122T100000Z-aaaaaa", "pending", Map.of("good/key", "7"));
    Path local = export("20261122T100001Z-bbbbbb", null, Map.of("local/key", "1"));

    assertTrue(uploader.uploadPending());

    assertEquals("completed", client.describeExport("20261122T100000Z-aaaaaa").status());
    Map<String, String> committed = CheckpointStore.open(checkpoints()).snapshot();
    assertEquals(Map.of("good/key", "7"), committed, "the failed integration's tokens are never committed");
    assertFalse(Files.exists(dir), "an acknowledged export's folder is removed");
    assertTrue(Files.exists(local), "a local export (no upload.json) is not the backend's");
    assertEquals(null, client.describeExport("20261122T100001Z-bbbbbb"));
  }

  @Test
  void anExportThatCannotBeUploadedIsMarkedFailedAndLaterOnesStillGo() throws Exception {
    Path broken = export("20261122T100000Z-aaaaaa", "pending", Map.of("k", "old"));
    Files.delete(broken.resolve("good/sourcecode.Repo/000000.json.gz"));
    export("20261122T100001Z-bbbbbb", "pending", Map.of("k", "new"));

    assertTrue(uploader.uploadPending());

    assertEquals(Map.of("k", "new"), CheckpointStore.open(checkpoints()).snapshot());
    UploadMarker marker = UploadMarker.read(broken).orElseThrow();
    assertEquals(UploadMarker.FAILED, marker.state());
    assertTrue(marker.error().contains("missing"), marker.error());
    assertEquals(List.of(), uploader.pending());
  }

  @Test
  void aCancelledExportIsNeverSentAsCompleteNorItsTokensCommitted() throws Exception {
    // However it got an upload.json, an export stopped by a signal is not a whole export.
    Path cancelled = export("20261122T100000Z-aaaaaa", "pending", Map.of("k", "cancelled"));
    ExportManifest.read(cancelled).finish(ExportManifest.Status.CANCELLED, "2026-11-22T10:00:01Z").write(cancelled);

    assertTrue(uploader.uploadPending());

    assertEquals(null, client.describeExport("20261122T100000Z-aaaaaa"), "sent to the backend");
    assertFalse(Files.exists(checkpoints()), "a cancelled export's tokens were committed");
    UploadMarker marker = UploadMarker.read(cancelled).orElseThrow();
    assertEquals(UploadMarker.FAILED, marker.state());
    assertTrue(marker.error().contains("cancelled"), marker.error());
  }

  @Test
  void whileTheBackendIsAwayNothingIsCommittedAndTheExportStaysPending() throws Exception {
    Path dir = export("20261122T100000Z-aaaaaa", "pending", Map.of("k", "1"));
    backend.close();

    assertFalse(uploader.uploadPending());

    assertFalse(Files.exists(checkpoints()), "committed while the backend never acknowledged");
    assertEquals(List.of(dir), uploader.pending());
  }

  @Test
  void aChecksumMismatchOnAnIntactFileIsSentAgainAndTheExportCommitted() throws Exception {
    Path dir = export("20261122T100000Z-aaaaaa", "pending", Map.of("k", "1"));
    // The body arrived damaged once (a proxy, a flaky link): the file on disk is as its manifest says.
    backend.inject(new FailureRule("/files/", "PUT", 1, 422, 0, 0, "checksum_mismatch"));
    FailureRule stored = backend.countRequests("/files/");

    assertTrue(uploader.uploadPending());

    assertEquals(1, backend.taken(stored), "the file was sent again after the 422");
    assertEquals(1, clock.sleeps().size(), "after one backoff");
    assertTrue(clock.slept().compareTo(Duration.ofSeconds(1)) <= 0, clock.sleeps().toString());
    assertEquals("completed", client.describeExport("20261122T100000Z-aaaaaa").status());
    assertEquals(Map.of("k", "1"), CheckpointStore.open(checkpoints()).snapshot());
    assertFalse(Files.exists(dir), "an acknowledged export's folder is removed");
  }

  @Test
  void checksumMismatchesOnAnIntactFileThatDoNotStopLeaveTheExportPendingNotRefused() throws Exception {
    Path dir = export("20261122T100000Z-aaaaaa", "pending", Map.of("k", "1"));
    FailureRule damaged = backend.inject(new FailureRule("/files/", "PUT", 1000, 422, 0, 0, "checksum_mismatch"));

    assertFalse(uploader.uploadPending(), "the round is left for later");

    assertEquals(1 + ExportUploader.ChecksumRetries.RESENDS, backend.taken(damaged), "retried, and bounded by count");
    assertEquals(ExportUploader.ChecksumRetries.RESENDS, clock.sleeps().size());
    for (int i = 1; i < clock.sleeps().size(); i++) {
      assertTrue(clock.sleeps().get(i).compareTo(clock.sleeps().get(i - 1).dividedBy(2)) >= 0, "a backoff: "
          + clock.sleeps());
    }
    assertEquals(UploadMarker.PENDING, UploadMarker.read(dir).orElseThrow().state(), "never refused for good");
    assertFalse(Files.exists(checkpoints()));

    backend.admin("DELETE", "/failures", null);
    assertTrue(uploader.uploadPending(), "a later round uploads it");
    assertEquals(Map.of("k", "1"), CheckpointStore.open(checkpoints()).snapshot());
  }

  @Test
  void checksumRetriesAreBoundedInTimeToo() throws Exception {
    Path dir = export("20261122T100000Z-aaaaaa", "pending", Map.of("k", "1"));
    FailureRule damaged = backend.inject(new FailureRule("/files/", "PUT", 1000, 422, 0, 0, "checksum_mismatch"));
    ExportUploader slow = new ExportUploader(client, retry, root, 3, new ExportUploader.ChecksumRetries(clock,
        Duration.ofMinutes(1), Duration.ofMinutes(5), 100, Duration.ofMinutes(3)));

    assertFalse(slow.uploadPending());

    assertTrue(clock.slept().compareTo(Duration.ofMinutes(3)) <= 0, "waited " + clock.slept());
    assertTrue(backend.taken(damaged) <= 3, "1 min doubling, jittered, within 3 min: " + clock.sleeps());
    assertEquals(List.of(dir), slow.pending());
  }

  @Test
  void aStopEndsTheChecksumBackoff() throws Exception {
    export("20261122T100000Z-aaaaaa", "pending", Map.of("k", "1"));
    backend.inject(new FailureRule("/files/", "PUT", 1000, 422, 0, 0, "checksum_mismatch"));
    stop.stop();

    org.junit.jupiter.api.Assertions.assertThrows(ServiceStopped.class, uploader::uploadPending);
    assertFalse(Files.exists(checkpoints()));
  }

  @Test
  void aQuarantineAKillCutShortIsFinishedByTheNextRound() throws Exception {
    Path dir = export("20261122T100000Z-aaaaaa", "pending", Map.of("k", "old"));
    UploadMarker.pending("cmd-1").quarantined("a file changed").write(dir); // killed before the move

    assertTrue(uploader.uploadPending());

    assertFalse(Files.exists(dir));
    assertEquals(UploadMarker.QUARANTINED,
        UploadMarker.read(root.resolve("quarantine/20261122T100000Z-aaaaaa")).orElseThrow().state());
    assertFalse(Files.exists(checkpoints()));
  }

  @Test
  void aFileCorruptedAfterItsManifestQuarantinesTheExportAndTheNextOneCommits() throws Exception {
    String id = "20261122T100000Z-aaaaaa";
    Path dir = export(id, "pending", Map.of("k", "old"));
    String path = "good/sourcecode.Repo/000000.json.gz";
    String expected = sha256(Files.readAllBytes(dir.resolve(path)));
    byte[] corrupt = "{\"id\":\"bit rot\"}\n".getBytes(StandardCharsets.UTF_8);
    Files.write(dir.resolve(path), corrupt);

    assertTrue(uploader.uploadPending(), "a quarantined export holds no later one back");

    Path quarantined = root.resolve("quarantine").resolve(id);
    assertFalse(Files.exists(dir), "out of the upload queue");
    assertTrue(Files.isRegularFile(quarantined.resolve(path)), "kept for the operator, files and all");
    assertTrue(Files.isRegularFile(quarantined.resolve(ExportManifest.FILE_NAME)));
    UploadMarker marker = UploadMarker.read(quarantined).orElseThrow();
    assertEquals(UploadMarker.QUARANTINED, marker.state());
    assertTrue(marker.error().contains(path), marker.error());
    assertEquals(List.of(), clock.sleeps(), "a changed file is not sent again");
    assertEquals(List.of(), uploader.pending());
    assertFalse(Files.exists(checkpoints()), "a quarantined export's tokens are never committed");
    assertEquals(null, client.describeExport(id), "nothing of it was stored");
    List<String> errors = logs.messages(Level.ERROR);
    assertEquals(1, errors.size(), errors.toString());
    String line = errors.get(0);
    for (String part : List.of(id, path, expected, sha256(corrupt), quarantined.toString())) {
      assertTrue(line.contains(part), "the ERROR line names " + part + ": " + line);
    }

    Path next = export("20261122T110000Z-bbbbbb", "pending", Map.of("k", "new"));
    assertTrue(uploader.uploadPending());
    assertFalse(Files.exists(next));
    assertEquals("completed", client.describeExport("20261122T110000Z-bbbbbb").status());
    assertEquals(Map.of("k", "new"), CheckpointStore.open(checkpoints()).snapshot());
    assertTrue(Files.isDirectory(quarantined), "later rounds leave the quarantine alone");
  }

  private static String sha256(byte[] content) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
  }

  private Path checkpoints() {
    return root.resolve("state/checkpoints.json");
  }

  /** An export folder: a completed integration "good" with one file and tokens, a failed "bad" with tokens it must not commit. */
  private Path export(String id, String markerState, Map<String, String> tokens) throws Exception {
    Path dir = root.resolve("exports").resolve(id);
    String path = "good/sourcecode.Repo/000000.json.gz";
    byte[] content = ("{\"id\":\"" + id + "\"}\n").getBytes(StandardCharsets.UTF_8);
    Files.createDirectories(dir.resolve(path).getParent());
    Files.write(dir.resolve(path), content);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    OutputFile file = new OutputFile(path, "sourcecode.Repo", 1, content.length, content.length, sha);
    IntegrationEntry bad = new IntegrationEntry("bad", "mock", ExportManifest.IntegrationStatus.FAILED, "boom", 1,
        Map.of(), List.of(), Map.of("bad/key", "9"), Map.of());
    ExportManifest.running(id, "test", "2026-11-22T10:00:00Z")
        .withIntegration(IntegrationEntry.completed("good", "mock", 1, List.of(file), tokens))
        .withIntegration(bad)
        .finish(ExportManifest.Status.PARTIAL, "2026-11-22T10:00:01Z")
        .write(dir);
    if (markerState != null) {
      UploadMarker.pending("cmd-1").write(dir);
    }
    return dir;
  }
}
