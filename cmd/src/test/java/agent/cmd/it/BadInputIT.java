package agent.cmd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input: a clear message, exit code 2, and nothing touched under the pinpoint root. */
class BadInputIT {
  static final Duration TIMEOUT = Duration.ofMinutes(1);

  @TempDir Path tmp;

  private void assertRejected(String expectedMessagePart, String... args) throws Exception {
    Path root = tmp.resolve("root");
    String[] full = new String[args.length + 1];
    System.arraycopy(args, 0, full, 0, args.length);
    full[args.length] = "--pinpoint-root=" + root;
    Dist.Result r = Dist.run(TIMEOUT, full);
    assertEquals(2, r.exit(), r.all());
    assertTrue(r.stderr().contains(expectedMessagePart), "expected \"" + expectedMessagePart + "\" in:\n" + r.all());
    assertFalse(r.stderr().contains("\tat "), "a sentence, not a stack trace:\n" + r.stderr());
    assertFalse(Files.exists(root), "bad input touched the pinpoint root");
  }

  @Test
  void malformedJsonSaysWhere() throws Exception {
    assertRejected("malformed JSON in --integrations-json at line 1, column 15: Unrecognized token 'mock'",
        "export", "--integrations-json", "[{\"name\": mock}]");
  }

  @Test
  void unknownIntegrationListsTheKnownOnes() throws Exception {
    assertRejected("unknown integration \"jiraa\" in --integrations-json; known integrations: git, github, gitlab, jira-cloud, jira-hosted, mock",
        "export", "--integrations-json", "[{\"name\":\"jiraa\"}]");
  }

  @Test
  void missingNameAndUnknownKeys() throws Exception {
    assertRejected("\"name\" is required", "export", "--integrations-json", "[{\"config\":{}}]");
    assertRejected("unknown key \"confg\"", "export", "--integrations-json", "[{\"name\":\"mock\",\"confg\":{}}]");
    assertRejected("must be a JSON array", "export", "--integrations-json", "{\"name\":\"mock\"}");
  }

  @Test
  void badAgentConfigAndMissingFile() throws Exception {
    assertRejected("unknown key \"customer\"", "export", "--agent-config-json", "{\"customer\":\"x\"}");
    assertRejected("does not exist", "export", "--integrations-file", tmp.resolve("nope.json").toString());
  }

  @Test
  void configTheIntegrationRejectsLeavesNoExport() throws Exception {
    // The plugin finds this one, so the export has started: its log stays, but no export folder and no checkpoint.
    Path root = tmp.resolve("root");
    Dist.Result r = Dist.run(TIMEOUT, "export", "--pinpoint-root=" + root,
        "--integrations-json", "[{\"name\":\"mock\",\"config\":{\"organizations\":\"many\"}}]");
    assertEquals(2, r.exit(), r.all());
    assertTrue(r.stdout().contains("rejected its config") && r.stdout().contains("organizations"), r.all());
    assertTrue(ExportDir.exports(root).isEmpty(), "an export folder was left: " + ExportDir.exports(root));
    assertFalse(Files.exists(root.resolve("state/checkpoints.json")), "checkpoints were written");
  }

  @Test
  void aMisspeltConfigKeyIsRefusedWithTheKeyItMeant() throws Exception {
    // Ignored, "branch" would export every branch of the repository instead of main only.
    Path root = tmp.resolve("root");
    Dist.Result r = Dist.run(TIMEOUT, "export", "--pinpoint-root=" + root,
        "--integrations-json", "[{\"name\":\"git\",\"config\":{\"repos\":[\"/x\"],\"branch\":[\"main\"]}}]");
    assertEquals(2, r.exit(), r.all());
    assertTrue(r.stdout().contains("integration git rejected its config: unknown config key \"branch\"; "
        + "did you mean \"branches\"?"), r.all());
    assertTrue(ExportDir.exports(root).isEmpty(), "an export folder was left: " + ExportDir.exports(root));

    Dist.Result v = Dist.run(TIMEOUT, "validate-config", "--pinpoint-root=" + root,
        "--integrations-json", "[{\"name\":\"mock\",\"config\":{\"fail\":{\"crash_after\":1}}}]");
    assertEquals(1, v.exit(), v.all());
    assertTrue(v.all().contains("unknown config key \"fail.crash_after\"; did you mean \"fail.crash_after_objects\"?"),
        v.all());
  }

  @Test
  void unknownOptionAndBadObjectType() throws Exception {
    assertRejected("Unknown option", "export", "--no-such-option");
    assertRejected("--object-type must be one of", "export-onboard-data", "--object-type", "commits",
        "--integrations-json", "[{\"name\":\"mock\"}]");
  }

  // Unclear errors (issue 15, defect 6): each a sentence naming the file and the fix, before any work.

  @Test
  void anOutputFileInAMissingFolderIsRefusedBeforeTheRun() throws Exception {
    Path out = tmp.resolve("no-such-folder/result.json");
    String sentence = "--output-file " + out + ": the folder " + out.getParent() + " does not exist; create it or write"
        + " somewhere else";
    assertRejected(sentence, "validate-config", "--output-file", out.toString(),
        "--integrations-json", "[{\"name\":\"mock\"}]");
    assertRejected(sentence, "export-onboard-data", "--object-type", "users", "--output-file", out.toString(),
        "--integrations-json", "[{\"name\":\"mock\"}]");
    assertFalse(Files.exists(out.getParent()), "something was written");
  }

  @Test
  void aFolderInPlaceOfTheCheckpointFileIsNamedBeforeTheExport() throws Exception {
    Path root = tmp.resolve("root");
    Path checkpoints = Files.createDirectories(root.resolve("state/checkpoints.json"));
    Dist.Result r = Dist.run(TIMEOUT, "export", "--pinpoint-root=" + root,
        "--integrations-json", "[{\"name\":\"mock\",\"config\":{}}]");
    assertEquals(3, r.exit(), r.all());
    assertTrue(r.stderr().contains("agent: " + checkpoints + " is a folder, not the checkpoint file: move it out of the"
        + " way and run again (the next export is then a full one)"), r.all());
    assertFalse(r.stderr().contains("\tat "), "a sentence, not a stack trace:\n" + r.stderr());
    assertTrue(ExportDir.exports(root).isEmpty(), "an export folder was made: " + ExportDir.exports(root));
    assertFalse(r.stdout().contains("started, pid"), "a plugin was started:\n" + r.all());
    assertTrue(Files.isDirectory(checkpoints), "the folder was touched");
  }

  @Test
  void aCorruptConfigJsonIsNamedWithoutItsContent() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root"));
    Path config = Files.writeString(root.resolve("config.json"),
        "{\"backend_url\": \"http://127.0.0.1:9\", \"api_key\": ak_secret_4711, \"device_id\"");
    Dist.Result r = Dist.run(TIMEOUT, "service-run", "--pinpoint-root=" + root);
    assertEquals(2, r.exit(), r.all());
    assertTrue(r.stderr().contains("agent: " + config + " is not valid JSON (line 1, column "), r.all());
    assertTrue(r.stderr().contains("the agent's enrollment is unusable; re-enroll with: agent enroll <CODE> --force"),
        r.all());
    assertFalse(r.all().contains("ak_secret_4711"), "the API key was printed:\n" + r.all());
    assertFalse(r.all().contains("Source:") || r.all().contains("(code "), "Jackson's internals:\n" + r.all());
    try (var files = Files.list(root)) {
      assertEquals(java.util.List.of(config), files.toList(), "service-run wrote under the root");
    }
  }
}
