package agent.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.config.InputException;
import agent.core.fs.PinpointRoot;
import agent.core.output.ExportManifest;
import agent.core.service.UploadMarker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointResetTest {
  private static final Map<String, String> TOKENS = new TreeMap<>(Map.of(
      "gh/repo/acme%2Fapi/sourcecode.PullRequest", "{\"etag\":\"W/1\"}",
      "gh/repo/acme%2Fapi/sourcecode.Commit", "abc",
      "gh/repo/acme%2Fapi2/sourcecode.Commit", "def",
      "gh2/repo/x/sourcecode.Commit", "ghi",
      "jira/project/PRJ/work.Issue", "2026-01-01T00:00:00Z"));

  @TempDir Path dir;
  PinpointRoot root;

  @BeforeEach
  void commit() {
    root = PinpointRoot.of(dir);
    CheckpointStore.open(root.checkpointsFile()).commit(TOKENS);
  }

  @Test
  void aPrefixSelectsWholePathSegmentsOnly() {
    assertEquals(List.of("gh/repo/acme%2Fapi/sourcecode.Commit", "gh/repo/acme%2Fapi/sourcecode.PullRequest"),
        List.copyOf(CheckpointSelection.select(TOKENS, "gh/repo/acme%2Fapi").keySet()));
    assertEquals(3, CheckpointSelection.select(TOKENS, "gh/").size()); // not gh2
    assertEquals(List.of("jira/project/PRJ/work.Issue"), List.copyOf(CheckpointSelection.select(TOKENS, "jira/project/PRJ/work.Issue").keySet()));
    // As typed from the repository's name.
    assertEquals(2, CheckpointSelection.select(TOKENS, "gh/repo/acme/api").size());
    InputException x = assertThrows(InputException.class, () -> CheckpointSelection.select(TOKENS, "gitlab"));
    assertTrue(x.getMessage().contains("checkpoints exist under: gh/repo/acme%2Fapi, gh/repo/acme%2Fapi2, gh2/repo/x, jira/project/PRJ"),
        x.getMessage());
  }

  @Test
  void aResetRemovesTheSelectedKeysDurablyAndKeepsTheOthers() throws Exception {
    CheckpointReset.Result dry = CheckpointReset.reset(root, "gh/repo/acme%2Fapi", true);
    assertEquals(2, dry.removed().size());
    assertEquals(TOKENS, CheckpointStore.open(root.checkpointsFile()).snapshot(), "a dry run changed the file");

    CheckpointReset.Result r = CheckpointReset.reset(root, "gh/repo/acme%2Fapi", false);
    assertEquals(dry.removed(), r.removed());
    Map<String, String> left = CheckpointStore.open(root.checkpointsFile()).snapshot();
    assertEquals(List.of("gh/repo/acme%2Fapi2/sourcecode.Commit", "gh2/repo/x/sourcecode.Commit", "jira/project/PRJ/work.Issue"),
        List.copyOf(left.keySet()));
    assertThrows(InputException.class, () -> CheckpointReset.reset(root, "gh/repo/acme%2Fapi", false));
  }

  @Test
  void aPendingUploadThatWouldCommitAResetKeyAgainIsNamed() throws Exception {
    Path e = Files.createDirectories(root.exportDir("20260101T000000Z-aaaaaa"));
    new ExportManifest("20260101T000000Z-aaaaaa", "test", "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z",
        ExportManifest.Status.COMPLETED, List.of(ExportManifest.IntegrationEntry.completed("jira", "jira", 1, List.of(),
            Map.of("jira/project/PRJ/work.Issue", "2026-02-01T00:00:00Z")))).write(e);
    UploadMarker.pending("cmd-1").write(e);
    assertEquals(List.of("20260101T000000Z-aaaaaa"), CheckpointReset.reset(root, "jira", true).pendingUploads());
    assertEquals(List.of(), CheckpointReset.reset(root, "gh", true).pendingUploads());
  }

  @Test
  void theLastChangeIsTheFinishTimeOfTheNewestExportThatCommittedThatToken() throws Exception {
    String key = "gh/repo/acme%2Fapi/sourcecode.Commit";
    for (String[] e : new String[][] {{"e1", "abc", "2026-01-01T00:00:00Z"}, {"e2", "abc", "2026-01-02T00:00:00Z"},
        {"e3", "older-token", "2026-01-03T00:00:00Z"}}) {
      Path d = Files.createDirectories(root.exportDir(e[0]));
      new ExportManifest(e[0], "test", e[2], e[2], ExportManifest.Status.COMPLETED,
          List.of(ExportManifest.IntegrationEntry.completed("gh", "gh", 1, List.of(), Map.of(key, e[1])))).write(d);
    }
    Map<String, Instant> changes = CheckpointHistory.lastChanges(TOKENS, root.exportsDir());
    assertEquals(Map.of(key, Instant.parse("2026-01-02T00:00:00Z")), changes);
  }

  @Test
  void whatLooksLikeACredentialInATokenIsRedacted() {
    assertEquals("{\"etag\":\"W/\\\"abc\\\"\",\"cursor\":\"Y3Vyc29y\",\"next_page_token\":\"p2\"}",
        TokenRedaction.redact("{\"etag\":\"W/\\\"abc\\\"\",\"cursor\":\"Y3Vyc29y\",\"next_page_token\":\"p2\"}"));
    assertEquals("{\"access_token\":\"[REDACTED]\",\"since\":\"2026\"}",
        TokenRedaction.redact("{\"access_token\":\"s3cr\\\"et\",\"since\":\"2026\"}"));
    assertEquals("https://bot:[REDACTED]@git.example.com/x.git", TokenRedaction.redact("https://bot:hunter22@git.example.com/x.git"));
    assertEquals("Authorization: Bearer [REDACTED]", TokenRedaction.redact("Authorization: Bearer abcdefgh12345"));
    assertEquals("[REDACTED] and [REDACTED]", TokenRedaction.redact("ghp_" + "a".repeat(36) + " and glpat-" + "b".repeat(20)));
  }
}
