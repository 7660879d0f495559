package agent.core.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.output.ExportManifest.IntegrationEntry;
import agent.core.output.ExportManifest.IntegrationStatus;
import agent.core.output.ExportManifest.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportManifestTest {
  @TempDir Path exportDir;

  static final OutputFile REPOS =
      new OutputFile("github/sourcecode.Repo/000000.json.gz", "sourcecode.Repo", 3, 900, 310, "ab12");
  static final OutputFile PRS_0 =
      new OutputFile(
          "github/sourcecode.PullRequest/000000.json.gz", "sourcecode.PullRequest", 1000, 5000, 800, "cd34");
  static final OutputFile PRS_1 =
      new OutputFile(
          "github/sourcecode.PullRequest/000001.json.gz", "sourcecode.PullRequest", 20, 100, 60, "ef56");

  ExportManifest sample() {
    return ExportManifest.running("20240305-060708-ab", "0.1.0", "2024-03-05T06:07:08Z")
        .withIntegration(
            IntegrationEntry.completed(
                "github",
                "GitHub",
                1234,
                List.of(PRS_0, PRS_1, REPOS),
                Map.of("github/organization/acme/repo/api/sourcecode.PullRequest", "2024-03-01")))
        .withIntegration(IntegrationEntry.failed("jira", "Jira", 56, "HTTP 401 from jira"))
        .finish(Status.PARTIAL, "2024-03-05T06:10:00Z");
  }

  @Test
  void requestCountersAreWrittenInDisplayOrderAndReadBack() throws IOException {
    ExportManifest manifest = ExportManifest.running("20240305-060708-ab", "0.1.0", "2024-03-05T06:07:08Z")
        .withIntegration(IntegrationEntry.completed("github", "GitHub", 1234, List.of(REPOS), Map.of())
            .withRequests(Map.of("bytes", 52_000L, "retries", 2L, "requests", 120L, "not_modified", 30L,
                "rate_limit_waits", 1L, "rate_limit_wait_ms", 61_000L)))
        .finish(Status.COMPLETED, "2024-03-05T06:10:00Z");
    manifest.write(exportDir);

    JsonNode github = new ObjectMapper().readTree(exportDir.resolve("manifest.json").toFile()).get("integrations").get(0);
    assertEquals(new ObjectMapper().readTree("{\"requests\": 120, \"not_modified\": 30, \"retries\": 2, "
        + "\"rate_limit_waits\": 1, \"rate_limit_wait_ms\": 61000, \"bytes\": 52000}"), github.get("requests"));
    assertEquals(List.of("requests", "not_modified", "retries", "rate_limit_waits", "rate_limit_wait_ms", "bytes"),
        names(github.get("requests")));
    assertEquals(manifest, ExportManifest.read(exportDir));
  }

  @Test
  void roundTripsThroughManifestJson() throws IOException {
    ExportManifest manifest = sample();

    manifest.write(exportDir);

    assertEquals(manifest, ExportManifest.read(exportDir));
    assertEquals(manifest, ExportManifest.read(exportDir.resolve("manifest.json")));
    assertEquals(List.of(exportDir.resolve("manifest.json")), list(exportDir), "no .tmp left");
  }

  @Test
  void usesTheDocumentedSnakeCaseFieldsAndLowercaseStatuses() throws IOException {
    sample().write(exportDir);

    JsonNode json = new ObjectMapper().readTree(exportDir.resolve("manifest.json").toFile());
    assertEquals(
        List.of("export_id", "agent_version", "started", "finished", "status", "integrations"),
        names(json));
    assertEquals("partial", json.get("status").textValue());
    JsonNode github = json.get("integrations").get(0);
    assertEquals(
        List.of("id", "name", "status", "duration_ms", "objects", "files", "staged_checkpoints"),
        names(github), "no \"error\" on success: absent instead of null");
    assertEquals("completed", github.get("status").textValue());
    assertEquals(1234, github.get("duration_ms").longValue());
    assertEquals(1020, github.get("objects").get("sourcecode.PullRequest").longValue());
    assertEquals(3, github.get("objects").get("sourcecode.Repo").longValue());
    JsonNode file = github.get("files").get(0);
    assertEquals(
        List.of("path", "model_type", "objects", "raw_bytes", "bytes", "sha256"), names(file));
    assertEquals(
        "2024-03-01",
        github
            .get("staged_checkpoints")
            .get("github/organization/acme/repo/api/sourcecode.PullRequest")
            .textValue());
    JsonNode jira = json.get("integrations").get(1);
    assertEquals("failed", jira.get("status").textValue());
    assertEquals("HTTP 401 from jira", jira.get("error").textValue());
    assertEquals(0, jira.get("files").size());
  }

  @Test
  void aRunningManifestHasNoFinishedTime() throws IOException {
    ExportManifest.running("e1", "0.1.0", "2024-03-05T06:07:08Z").write(exportDir);

    JsonNode json = new ObjectMapper().readTree(exportDir.resolve("manifest.json").toFile());
    assertEquals("running", json.get("status").textValue());
    assertFalse(json.has("finished"));
    ExportManifest read = ExportManifest.read(exportDir);
    assertNull(read.finished());
    assertEquals(Status.RUNNING, read.status());
    assertEquals(List.of(), read.integrations());
  }

  @Test
  void rewritingReplacesTheManifest() throws IOException {
    ExportManifest running = ExportManifest.running("e1", "0.1.0", "2024-03-05T06:07:08Z");
    running.write(exportDir);
    ExportManifest done = running.finish(Status.COMPLETED, "2024-03-05T06:08:00Z");
    done.write(exportDir);

    assertEquals(Status.COMPLETED, ExportManifest.read(exportDir).status());
  }

  @Test
  void readIgnoresFieldsAddedByANewerAgent() throws IOException {
    Files.writeString(
        exportDir.resolve("manifest.json"),
        "{\"export_id\":\"e1\",\"status\":\"failed\",\"new_field\":1,"
            + "\"integrations\":[{\"id\":\"git\",\"status\":\"failed\",\"retries\":3}]}");

    ExportManifest read = ExportManifest.read(exportDir);

    assertEquals(Status.FAILED, read.status());
    assertEquals(IntegrationStatus.FAILED, read.integrations().get(0).status());
    assertEquals(Map.of(), read.integrations().get(0).stagedCheckpoints());
  }

  @Test
  void withIntegrationReplacesAnEntryOfTheSameId() {
    ExportManifest manifest =
        ExportManifest.running("e1", "0.1.0", "t")
            .withIntegration(IntegrationEntry.failed("github", "GitHub", 1, "first try"))
            .withIntegration(
                IntegrationEntry.completed("github", "GitHub", 2, List.of(REPOS), Map.of()));

    assertEquals(1, manifest.integrations().size());
    assertEquals(IntegrationStatus.COMPLETED, manifest.integrations().get(0).status());
  }

  @Test
  void countsObjectsPerModelType() {
    assertEquals(
        Map.of("sourcecode.PullRequest", 1020L, "sourcecode.Repo", 3L),
        ExportManifest.countObjects(List.of(PRS_0, REPOS, PRS_1)));
  }

  @Test
  void requiresAnIdAndAStatus() {
    assertThrows(
        NullPointerException.class,
        () -> new ExportManifest(null, "v", "t", null, Status.RUNNING, List.of()));
    assertThrows(
        NullPointerException.class, () -> new ExportManifest("e", "v", "t", null, null, List.of()));
    assertTrue(new ExportManifest("e", "v", "t", null, Status.RUNNING, null).integrations().isEmpty());
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }
}
