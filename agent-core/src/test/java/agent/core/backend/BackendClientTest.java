package agent.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.output.ExportManifest;
import agent.core.output.ExportManifest.IntegrationEntry;
import agent.core.output.OutputFile;
import agent.core.testing.LocalBackend;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The client against the reference backend over loopback: real requests, real answers. */
class BackendClientTest {
  @RegisterExtension final LocalBackend backend = LocalBackend.enrolled();
  @TempDir Path exportDir;
  BackendClient client;
  Enrollment enrollment;

  @BeforeEach
  void useTheEnrolledDevice() {
    client = backend.client();
    enrollment = backend.enrollment();
  }

  @Test
  void enrollGivesAnIdentityAndASecondUseOfTheCodeIsTerminal() throws Exception {
    assertEquals("acme", enrollment.customerId());
    assertTrue(enrollment.deviceId().startsWith("dev-"));
    assertFalse(enrollment.toString().contains(enrollment.apiKey()), "the key stays out of toString");

    String code = backend.mintCode();
    BackendClient anonymous = backend.client(null);
    anonymous.enroll(new EnrollRequest(code, "r-1", "h", "linux", "amd64", "v", "dev"));
    BackendException used =
        assertThrows(BackendException.class,
            () -> anonymous.enroll(new EnrollRequest(code, "r-2", "h", "linux", "amd64", "v", "dev")));
    assertEquals(410, used.status());
    assertEquals("enrollment_code_used", used.code());
    assertFalse(used.retryable());
  }

  @Test
  void heartbeatsReachTheBackend() throws Exception {
    client.heartbeat(new Heartbeat("2026-11-22T10:30:00Z", "0.1.0-test", "h", "linux", 12, List.of()));
    List<JsonNode> beats = backend.server().devices().heartbeats(enrollment.deviceId());
    assertEquals(1, beats.size());
    assertEquals(12, beats.get(0).get("uptime_seconds").asInt());
  }

  @Test
  void aRefusedKeyIsTerminalAndSaysUnauthorized() {
    BackendClient wrong = backend.client("ak_wrong");
    BackendException e = assertThrows(BackendException.class, () -> wrong.poll(Duration.ZERO));
    assertTrue(e.unauthorized());
    assertFalse(e.retryable());
    assertFalse(e.getMessage().contains("ak_wrong"));
  }

  @Test
  void pollReturnsAQueuedCommandThenNothing() throws Exception {
    backend.admin("POST", "/commands", Map.of("device_id", enrollment.deviceId(), "type", "export",
        "parameters", Map.of("integrations", List.of(Map.of("name", "mock")), "reprocess_historical", true)));

    List<Command> commands = client.poll(Duration.ofSeconds(5));
    assertEquals(1, commands.size());
    Command c = commands.get(0);
    assertEquals("export", c.type());
    assertEquals("mock", c.parameters().at("/integrations/0/name").asText());
    assertTrue(c.parameters().get("reprocess_historical").asBoolean());

    assertEquals(List.of(), client.poll(Duration.ofMillis(200)));
  }

  @Test
  void eventsAreStoredOnceAndRefusedAfterTheEnd() throws Exception {
    JsonNode queued = backend.admin("POST", "/commands", Map.of("device_id", enrollment.deviceId(), "type", "export",
        "parameters", Map.of("integrations", List.of(Map.of("name", "mock")))));
    String id = queued.get("id").asText();
    CommandEvent started = CommandEvent.started();

    assertTrue(client.postEvent(id, started));
    assertFalse(client.postEvent(id, started), "a re-sent event is not stored twice");
    assertTrue(client.postEvent(id, CommandEvent.progress(Map.of("mock", Map.of("current", 1, "total", 2)))));
    assertTrue(client.postEvent(id, CommandEvent.failed("cancelled", "cancelled by the backend")));
    BackendException late = assertThrows(BackendException.class, () -> client.postEvent(id, CommandEvent.started()));
    assertEquals("command_finished", late.code());
    assertFalse(late.retryable());

    JsonNode stored = backend.admin("GET", "/commands/" + id, null);
    assertEquals("failed", stored.at("/command/state").asText());
    assertEquals("cancelled", stored.at("/events/2/error/code").asText());
  }

  @Test
  void anExportIsUploadedResumedAndCompletedWithItsManifest() throws Exception {
    String exportId = "20261122T103000Z-3fa2c1";
    OutputFile prs = writeFile("mock/sourcecode.PullRequest/000000.json.gz", "{\"id\":\"1\"}\n");
    OutputFile repos = writeFile("mock/sourcecode.Repo/000000.json.gz", "{\"id\":\"r\"}\n");
    ExportManifest manifest =
        ExportManifest.running(exportId, "0.1.0-test", "2026-11-22T10:30:00Z")
            .withIntegration(IntegrationEntry.completed("mock", "mock", 10, List.of(prs, repos), Map.of("k", "1")))
            .finish(ExportManifest.Status.COMPLETED, "2026-11-22T10:30:04Z");

    assertNull(client.describeExport(exportId), "nothing stored yet");
    assertTrue(client.putFile(exportId, prs.path(), exportDir.resolve(prs.path()), prs.sha256()));
    // Interrupted here: the resume asks what is stored and sends the rest.
    RemoteExport remote = client.describeExport(exportId);
    assertTrue(remote.holds(prs.path(), prs.sha256()));
    assertFalse(remote.holds(repos.path(), repos.sha256()));
    BackendException incomplete =
        assertThrows(BackendException.class, () -> client.completeExport(exportId, "cmd-1", manifest));
    assertEquals("export_incomplete", incomplete.code());
    assertEquals(repos.path(), incomplete.error().at("/missing/0").asText());

    assertFalse(client.putFile(exportId, prs.path(), exportDir.resolve(prs.path()), prs.sha256()), "re-sent: harmless");
    assertTrue(client.putFile(exportId, repos.path(), exportDir.resolve(repos.path()), repos.sha256()));
    client.completeExport(exportId, "cmd-1", manifest);
    client.completeExport(exportId, "cmd-1", manifest);

    assertEquals("completed", client.describeExport(exportId).status());
    assertEquals(manifest, ExportManifest.read(backend.dataDir().resolve("exports").resolve(exportId)));
  }

  @Test
  void aFileThatNoLongerMatchesItsSha256IsRefusedNotRetried() throws Exception {
    OutputFile prs = writeFile("mock/sourcecode.PullRequest/000000.json.gz", "{\"id\":\"1\"}\n");
    Files.writeString(exportDir.resolve(prs.path()), "changed on disk\n");

    BackendException e = assertThrows(BackendException.class,
        () -> client.putFile("e-1", prs.path(), exportDir.resolve(prs.path()), prs.sha256()));
    assertEquals(422, e.status());
    assertEquals("checksum_mismatch", e.code());
    assertFalse(e.retryable());
    assertThrows(IllegalArgumentException.class,
        () -> client.putFile("e-1", "../../etc/passwd", exportDir.resolve(prs.path()), prs.sha256()));
  }

  @Test
  void pathSegmentsWithSpacesPlusAndUnicodeArriveAsTheyAre() throws Exception {
    OutputFile odd = writeFile("jira one/work.Issue+x/ä 000000.json.gz", "{\"id\":\"1\"}\n");
    assertTrue(client.putFile("e-2", odd.path(), exportDir.resolve(odd.path()), odd.sha256()));
    assertTrue(client.describeExport("e-2").holds(odd.path(), odd.sha256()));
    assertTrue(Files.exists(backend.dataDir().resolve("exports/e-2/files").resolve(odd.path())));
  }

  @Test
  void concurrentUploadsOfTheSameFileStoreItOnce() throws Exception {
    OutputFile prs = writeFile("mock/sourcecode.PullRequest/000000.json.gz", "{\"id\":\"1\"}\n".repeat(10_000));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        results.add(pool.submit(() -> client.putFile("e-3", prs.path(), exportDir.resolve(prs.path()), prs.sha256())));
      }
      int created = 0;
      for (Future<Boolean> r : results) {
        created += r.get() ? 1 : 0;
      }
      assertEquals(1, created, "one upload stored it, the others found it stored");
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, client.describeExport("e-3").files().size());
  }

  @Test
  void logBatchesAreStoredOnce() throws Exception {
    LogBatch batch = new LogBatch("b-1", "export", null,
        List.of(new LogBatch.Line("2026-11-22T10:30:00Z", "INFO", "x", "integration mock completed", "mock")));
    assertTrue(client.postLogs(batch));
    assertFalse(client.postLogs(batch));
    JsonNode stored = backend.admin("GET", "/logs?device_id=" + enrollment.deviceId(), null);
    assertEquals(1, stored.get("batches").size());
    assertEquals("integration mock completed", stored.at("/batches/0/lines/0/message").asText());
  }

  @Test
  void oauthTokensComeFromTheBackend() throws Exception {
    BackendException none = assertThrows(BackendException.class, () -> client.oauthToken("github", "gh"));
    assertEquals(404, none.status());
    backend.admin("PUT", "/oauth/github", Map.of("access_token", "gho_x"));
    OAuthToken token = client.oauthToken("github", "gh");
    assertEquals("gho_x", token.accessToken());
    assertFalse(token.toString().contains("gho_x"));
  }

  @Test
  void injected500sAreRetryableAndA429CarriesItsRetryAfter() throws Exception {
    backend.admin("POST", "/failures", Map.of("path_regex", "^/heartbeat$", "count", 1, "status", 500));
    backend.admin("POST", "/failures", Map.of("path_regex", "^/logs$", "count", 1, "status", 429, "retry_after_seconds", 7));
    Heartbeat beat = new Heartbeat("t", "v", "h", "linux", 1, List.of());
    LogBatch batch = new LogBatch("b-2", "service-run", null, List.of());

    BackendException e500 = assertThrows(BackendException.class, () -> client.heartbeat(beat));
    assertEquals(500, e500.status());
    assertTrue(e500.retryable());
    BackendException e429 = assertThrows(BackendException.class, () -> client.postLogs(batch));
    assertTrue(e429.retryable());
    assertEquals(Duration.ofSeconds(7), e429.retryAfter());

    client.heartbeat(beat);
    assertTrue(client.postLogs(batch), "the retry goes through");
  }

  @Test
  void aBackendThatIsGoneIsARetryableNetworkError() throws Exception {
    backend.close();
    BackendException e = assertThrows(BackendException.class,
        () -> client.heartbeat(new Heartbeat("t", "v", "h", "linux", 1, List.of())));
    assertEquals(0, e.status());
    assertTrue(e.retryable());
    assertNotNull(e.getCause());
  }

  private OutputFile writeFile(String path, String content) throws Exception {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    Path file = exportDir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    String model = path.split("/")[1];
    return new OutputFile(path, model, 1, bytes.length, bytes.length, sha);
  }
}
