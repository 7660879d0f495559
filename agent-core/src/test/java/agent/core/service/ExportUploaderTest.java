package agent.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.backend.BackendClient;
import agent.core.checkpoint.CheckpointStore;
import agent.core.output.ExportManifest.IntegrationEntry;
import agent.core.output.ExportManifest;
import agent.core.output.OutputFile;
import agent.core.testing.LocalBackend;
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
  @TempDir Path root;
  BackendClient client;
  ExportUploader uploader;

  @BeforeEach
  void uploaderOfTheEnrolledDevice() {
    client = backend.client();
    BackendRetry retry = new BackendRetry(new StopSignal(), new BackendHealth(), Duration.ofMillis(10),
        Duration.ofMillis(50), Duration.ofSeconds(60), BackendHealth.Caller.UPLOAD);
    uploader = new ExportUploader(client, retry, root, 3);
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
  void whileTheBackendIsAwayNothingIsCommittedAndTheExportStaysPending() throws Exception {
    Path dir = export("20261122T100000Z-aaaaaa", "pending", Map.of("k", "1"));
    backend.close();

    assertFalse(uploader.uploadPending());

    assertFalse(Files.exists(checkpoints()), "committed while the backend never acknowledged");
    assertEquals(List.of(dir), uploader.pending());
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
