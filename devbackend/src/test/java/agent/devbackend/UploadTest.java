package agent.devbackend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.devbackend.TestBackend.Agent;
import agent.devbackend.TestBackend.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadTest {
  static final String EXPORT = "20261122T103000Z-3fa2c1";
  static final String PR_FILE = "mock/sourcecode.PullRequest/000000.json.gz";
  static final String REPO_FILE = "mock/sourcecode.Repo/000000.json.gz";

  @TempDir Path dataDir;
  TestBackend backend;
  Agent agent;
  final byte[] prBytes = "{\"id\":\"pr-1\"}\n{\"id\":\"pr-2\"}\n".getBytes(StandardCharsets.UTF_8);
  final byte[] repoBytes = "{\"id\":\"repo-1\"}\n".getBytes(StandardCharsets.UTF_8);

  @BeforeEach
  void start() throws Exception {
    backend = new TestBackend(dataDir);
    agent = backend.enroll();
  }

  @AfterEach
  void stop() {
    backend.close();
  }

  @Test
  void aFileWithTheRightSha256IsStoredAsSent() throws Exception {
    String sha = TestBackend.sha256(prBytes);
    Reply put = backend.put(agent, EXPORT, PR_FILE, prBytes, sha);

    assertEquals(201, put.status(), put.raw().body());
    assertEquals(sha, put.json().get("sha256").asText());
    assertEquals(prBytes.length, put.json().get("bytes").asLong());
    assertArrayEquals(prBytes, Files.readAllBytes(storedFile(PR_FILE)));

    Reply head = head(PR_FILE);
    assertEquals(200, head.status());
    assertEquals(sha, head.header("X-Content-SHA256"));
    assertEquals(Integer.toString(prBytes.length), head.header("Content-Length"));
  }

  @Test
  void aWrongSha256IsRejectedAndNothingIsStored() throws Exception {
    String shaOfOtherBytes = TestBackend.sha256(repoBytes);
    Reply put = backend.put(agent, EXPORT, PR_FILE, prBytes, shaOfOtherBytes);

    assertEquals(422, put.status());
    assertEquals("checksum_mismatch", put.errorCode());
    assertTrue(put.json().at("/error/message").asText().contains(TestBackend.sha256(prBytes)));
    assertEquals(404, head(PR_FILE).status());
    assertFalse(Files.exists(storedFile(PR_FILE)));
    assertEquals(List.of(), regularFilesUnder(dataDir.resolve("incoming")), "no temp file left");
  }

  @Test
  void aMalformedSha256HeaderIs400() throws Exception {
    Reply put = backend.put(agent, EXPORT, PR_FILE, prBytes, "ABC");
    assertEquals(400, put.status());
    assertEquals("invalid_request", put.errorCode());
  }

  @Test
  void reUploadingTheSameFileIsHarmlessAndAnotherVersionIsAConflict() throws Exception {
    String sha = TestBackend.sha256(prBytes);
    assertEquals(201, backend.put(agent, EXPORT, PR_FILE, prBytes, sha).status());
    Reply again = backend.put(agent, EXPORT, PR_FILE, prBytes, sha);
    assertEquals(200, again.status(), again.raw().body());
    assertEquals(sha, again.json().get("sha256").asText());

    Reply other = backend.put(agent, EXPORT, PR_FILE, repoBytes, TestBackend.sha256(repoBytes));
    assertEquals(409, other.status());
    assertEquals("file_conflict", other.errorCode());
    assertArrayEquals(prBytes, Files.readAllBytes(storedFile(PR_FILE)), "the stored file is untouched");
  }

  @Test
  void theListingTellsWhatIsStoredSoAnUploadCanResume() throws Exception {
    assertEquals(404, backend.api("GET", "/exports/" + EXPORT, agent.apiKey(), null).status());
    backend.put(agent, EXPORT, PR_FILE, prBytes, TestBackend.sha256(prBytes));

    Reply listing = backend.api("GET", "/exports/" + EXPORT, agent.apiKey(), null);

    assertEquals(200, listing.status());
    JsonNode j = listing.json();
    assertEquals("uploading", j.get("status").asText());
    assertEquals(1, j.get("files").size());
    assertEquals(PR_FILE, j.at("/files/0/path").asText());
    assertEquals(TestBackend.sha256(prBytes), j.at("/files/0/sha256").asText());
  }

  @Test
  void completeNeedsEveryFileOfTheManifestThenAcknowledgesTheExport() throws Exception {
    backend.put(agent, EXPORT, PR_FILE, prBytes, TestBackend.sha256(prBytes));
    Map<String, Object> complete = Map.of("command_id", "cmd-1-abc", "manifest", manifest());

    Reply early = backend.api("POST", "/exports/" + EXPORT + "/complete", agent.apiKey(), complete);
    assertEquals(409, early.status());
    assertEquals("export_incomplete", early.errorCode());
    assertEquals(REPO_FILE, early.json().at("/error/missing/0").asText());
    assertEquals(1, early.json().at("/error/missing").size());

    backend.put(agent, EXPORT, REPO_FILE, repoBytes, TestBackend.sha256(repoBytes));
    Reply done = backend.api("POST", "/exports/" + EXPORT + "/complete", agent.apiKey(), complete);
    assertEquals(200, done.status(), done.raw().body());
    assertEquals("completed", done.json().get("status").asText());
    assertEquals(2, done.json().get("files").asInt());
    assertEquals(prBytes.length + repoBytes.length, done.json().get("bytes").asLong());

    Reply repeat = backend.api("POST", "/exports/" + EXPORT + "/complete", agent.apiKey(), complete);
    assertEquals(200, repeat.status(), "completing twice is harmless");
    assertEquals(200, backend.put(agent, EXPORT, PR_FILE, prBytes, TestBackend.sha256(prBytes)).status());
    Reply extra = backend.put(agent, EXPORT, "mock/x/000000.json.gz", prBytes, TestBackend.sha256(prBytes));
    assertEquals(409, extra.status());
    assertEquals("export_completed", extra.errorCode());

    JsonNode admin = backend.admin("GET", "/exports/" + EXPORT, null).json();
    assertEquals("completed", admin.at("/export/status").asText());
    assertEquals("cmd-1-abc", admin.at("/export/command_id").asText());
    assertEquals(EXPORT, admin.at("/manifest/export_id").asText());
  }

  @Test
  void anExportWithoutFilesCompletesWithoutAnyUpload() throws Exception {
    Map<String, Object> manifest = Map.of("export_id", "20261122T110000Z-000000", "status", "failed", "integrations", List.of());
    Reply done =
        backend.api("POST", "/exports/20261122T110000Z-000000/complete", agent.apiKey(), Map.of("manifest", manifest));
    assertEquals(200, done.status(), done.raw().body());
    assertEquals(0, done.json().get("files").asInt());
  }

  @Test
  void pathsThatLeaveTheExportAreRefused() throws Exception {
    Reply dotdot = backend.put(agent, EXPORT, "mock/%2E%2E/%2E%2E/evil.json.gz", prBytes, TestBackend.sha256(prBytes));
    assertEquals(400, dotdot.status());
    Reply slash = backend.put(agent, EXPORT, "mock%2F..%2F..%2Fevil", prBytes, TestBackend.sha256(prBytes));
    assertEquals(400, slash.status());
    try (Stream<Path> all = Files.walk(dataDir)) {
      assertFalse(all.anyMatch(p -> p.getFileName().toString().startsWith("evil")));
    }
  }

  @Test
  void anotherDevicesExportIsForbidden() throws Exception {
    backend.put(agent, EXPORT, PR_FILE, prBytes, TestBackend.sha256(prBytes));
    Agent other = backend.enroll();
    assertEquals(403, backend.api("GET", "/exports/" + EXPORT, other.apiKey(), null).status());
    Reply put = backend.put(other, EXPORT, REPO_FILE, repoBytes, TestBackend.sha256(repoBytes));
    assertEquals(403, put.status());
  }

  private Map<String, Object> manifest() throws Exception {
    List<Map<String, Object>> files = new ArrayList<>();
    files.add(Map.of("path", PR_FILE, "model_type", "sourcecode.PullRequest", "objects", 2, "sha256", TestBackend.sha256(prBytes)));
    files.add(Map.of("path", REPO_FILE, "model_type", "sourcecode.Repo", "objects", 1, "sha256", TestBackend.sha256(repoBytes)));
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("export_id", EXPORT);
    manifest.put("status", "completed");
    manifest.put("integrations", List.of(Map.of("id", "mock", "name", "mock", "status", "completed", "files", files)));
    return manifest;
  }

  private Reply head(String path) throws Exception {
    return backend.send(
        HttpRequest.newBuilder(backend.uri("/api/v1/exports/" + EXPORT + "/files/" + path))
            .header("Authorization", "Bearer " + agent.apiKey())
            .method("HEAD", HttpRequest.BodyPublishers.noBody())
            .build());
  }

  private Path storedFile(String path) {
    return dataDir.resolve("exports").resolve(EXPORT).resolve("files").resolve(path);
  }

  private static List<Path> regularFilesUnder(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }
}
