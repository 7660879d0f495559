package agent.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.checkpoint.CheckpointStore;
import agent.core.fs.PinpointRoot;
import agent.core.output.ExportManifest;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code agent cat} and {@code agent checkpoints}, run in-process on a pinpoint root built by hand. */
class LocalStateCommandsTest {
  @TempDir Path dir;
  PinpointRoot root;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @BeforeEach
  void root() throws Exception {
    root = PinpointRoot.of(dir);
    Path e = Files.createDirectories(root.exportDir("20260101T000000Z-aaaaaa"));
    new ExportManifest("20260101T000000Z-aaaaaa", "test", "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z",
        ExportManifest.Status.COMPLETED, List.of(ExportManifest.IntegrationEntry.completed("gh", "github", 1, List.of(),
            Map.of("gh/repo/acme%2Fapi/sourcecode.Commit", "abc")))).write(e);
    Path f = Files.createDirectories(e.resolve("gh/sourcecode.User")).resolve("000000.json.gz");
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(f))) {
      o.write("{\"id\":\"u1\",\"ref_id\":\"7\"}\n{\"id\":\"u2\",\"ref_id\":\"8\"}\n".getBytes(StandardCharsets.UTF_8));
    }
    CheckpointStore.open(root.checkpointsFile()).commit(Map.of("gh/repo/acme%2Fapi/sourcecode.Commit", "abc",
        "gh/repo/acme%2Fapi/sourcecode.PullRequest", "{\"etag\":\"W/1\",\"password\":\"hunter22\"}",
        "jira/project/PRJ/work.Issue", "2026-01-01T00:00:00Z"));
  }

  @Test
  void catPrintsTheLatestExportsObjectsAndFiltersById() throws Exception {
    assertEquals(0, catExit(), err.toString());
    assertEquals("{\"id\":\"u1\",\"ref_id\":\"7\"}\n{\"id\":\"u2\",\"ref_id\":\"8\"}\n", catOut);
    assertEquals(0, catExit("--id", "8", "--integration", "gh", "--model", "sourcecode.User", "20260101T000000Z-aaaaaa"));
    assertEquals("{\"id\":\"u2\",\"ref_id\":\"8\"}\n", catOut);
    assertEquals(1, catExit("--id", "nope"));
    assertTrue(err.toString().contains("no object with id or ref_id \"nope\""), err.toString());
  }

  @Test
  void catOfSomethingMissingIsExit2ListingWhatExists() throws Exception {
    assertEquals(2, catExit("--integration", "jira"));
    assertTrue(err.toString().contains("has no integration \"jira\"; it has: gh"), err.toString());
    assertEquals(2, catExit("--model", "work.Issue"));
    assertTrue(err.toString().contains("it has: sourcecode.User"), err.toString());
    assertEquals(2, catExit("20990101T000000Z-nope00"));
    assertTrue(err.toString().contains("exports: 20260101T000000Z-aaaaaa"), err.toString());
  }

  @Test
  void checkpointsListShowsKeysSizesAndTheExportThatCommittedThem() {
    assertEquals(0, run("checkpoints", "list", "--pinpoint-root=" + dir), err.toString());
    List<String> lines = out.toString().lines().toList();
    assertEquals(4, lines.size(), out.toString());
    assertTrue(lines.get(1).matches("gh/repo/acme%2Fapi/sourcecode\\.Commit +3  2026-01-01T00:01:00Z"), lines.get(1));
    assertTrue(lines.get(3).matches("jira/project/PRJ/work\\.Issue +20  -"), lines.get(3));
  }

  @Test
  void checkpointsShowRedactsWhatLooksLikeACredential() {
    assertEquals(0, run("checkpoints", "show", "gh/repo/acme%2Fapi/sourcecode.PullRequest", "--pinpoint-root=" + dir));
    assertEquals("{\"etag\":\"W/1\",\"password\":\"[REDACTED]\"}", out.toString().trim());
    assertEquals(2, run("checkpoints", "show", "gh", "--pinpoint-root=" + dir));
    assertTrue(err.toString().contains("is a prefix of 2 key(s), not a key"), err.toString());
  }

  @Test
  void checkpointsResetRemovesOneRepositoryAndADryRunNothing() {
    assertEquals(0, run("checkpoints", "reset", "gh/repo/acme/api", "--dry-run", "--pinpoint-root=" + dir), err.toString());
    assertTrue(out.toString().startsWith("would remove 2 checkpoint(s)"), out.toString());
    assertEquals(3, CheckpointStore.open(root.checkpointsFile()).snapshot().size());
    assertEquals(0, run("checkpoints", "reset", "gh/repo/acme%2Fapi", "--pinpoint-root=" + dir), err.toString());
    assertTrue(out.toString().contains("removed 2 checkpoint(s)"), out.toString());
    assertTrue(out.toString().contains("  gh/repo/acme%2Fapi/sourcecode.PullRequest"), out.toString());
    assertEquals(List.of("jira/project/PRJ/work.Issue"), List.copyOf(CheckpointStore.open(root.checkpointsFile()).snapshot().keySet()));
    assertEquals(2, run("checkpoints", "reset", "gh", "--pinpoint-root=" + dir));
    assertTrue(err.toString().contains("checkpoints exist under: jira/project/PRJ"), err.toString());
  }

  String catOut;

  private int catExit(String... args) throws Exception {
    PrintStream saved = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      String[] all = new String[args.length + 2];
      all[0] = "cat";
      all[1] = "--pinpoint-root=" + dir;
      System.arraycopy(args, 0, all, 2, args.length);
      return run(all);
    } finally {
      System.setOut(saved);
      catOut = bytes.toString(StandardCharsets.UTF_8);
    }
  }

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }
}
