package agent.cmd.it;

import static agent.cmd.it.ExportDir.assertCount;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The machine gets in the way: a corrupt store, a busy root, a root that cannot be used. */
class EnvironmentIT {
  static final Duration TIMEOUT = Duration.ofMinutes(2);
  static final String SHAPE = "{\"organizations\":1,\"repos_per_org\":2,\"pull_requests_per_repo\":4,\"users\":2}";

  @TempDir Path root;

  private Dist.Result export() throws Exception {
    return Dist.run(TIMEOUT, "export", "--pinpoint-root=" + root, "--integrations-json", Dist.mock("mock", SHAPE));
  }

  @Test
  void corruptCheckpointStoreIsMovedAsideAndTheExportIsFull() throws Exception {
    assertEquals(0, export().exit());
    byte[] garbage = "{\"version\":1,\"checkpoints\":{\"mock/sourcecode.User\":".getBytes(StandardCharsets.UTF_8);
    Path store = root.resolve("state/checkpoints.json");
    Files.write(store, garbage);

    Dist.Result r = export();
    assertEquals(0, r.exit(), r.all());
    assertTrue(r.stdout().contains("WARN") && r.stdout().contains("corrupt"), r.all());
    // Full again: every pull request, not zero.
    assertCount(ExportDir.counts(ExportDir.objects(ExportDir.latest(root), "mock")), "sourcecode.PullRequest", 8);
    List<Path> aside;
    try (Stream<Path> s = Files.list(root.resolve("state"))) {
      aside = s.filter(p -> p.getFileName().toString().startsWith("checkpoints.json.corrupt-")).toList();
    }
    assertEquals(1, aside.size(), "the corrupt store was not kept aside");
    assertArrayEquals(garbage, Files.readAllBytes(aside.get(0)));
    assertTrue(ExportDir.checkpoints(root).size() > 0, "a fresh store was not written");
  }

  @Test
  void theFolderOfAKilledExportIsRemovedByTheNextOne() throws Exception {
    Path killed = Files.createDirectories(root.resolve("exports/20200101T000000Z-dead00/mock/sourcecode.User"));
    Files.writeString(killed.getParent().getParent().resolve("manifest.json"),
        "{\"export_id\":\"20200101T000000Z-dead00\",\"status\":\"running\",\"integrations\":[]}");
    Files.write(killed.resolve("000000.json.gz"), new byte[] {31, -117});
    Dist.Result r = export();
    assertEquals(0, r.exit(), r.all());
    assertTrue(r.stdout().contains("an export killed before it finished"), r.all());
    assertFalse(Files.exists(root.resolve("exports/20200101T000000Z-dead00")), "the killed export's folder is still there");
    assertEquals(1, ExportDir.exports(root).size());
  }

  @Test
  void aSecondExportOnTheSameRootRefusesWithTheHoldersPid() throws Exception {
    Path lockFile = root.resolve("state/export.lock");
    Files.createDirectories(lockFile.getParent());
    try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = ch.lock()) {
      ch.write(java.nio.ByteBuffer.wrap("4242".getBytes(StandardCharsets.US_ASCII)));
      Dist.Result r = export();
      assertEquals(3, r.exit(), r.all());
      assertTrue(r.stderr().contains("another export is running on this pinpoint root (pid 4242)"), r.all());
    }
    assertTrue(ExportDir.exports(root).isEmpty(), "the refused export created a folder");
  }

  @Test
  void aRootThatIsAFileIsAnEnvironmentErrorInWords() throws Exception {
    Path file = Files.writeString(root.resolve("not-a-folder"), "x");
    Dist.Result r = Dist.run(TIMEOUT, "export", "--pinpoint-root=" + file, "--integrations-json", Dist.mock("mock", SHAPE));
    assertEquals(3, r.exit(), r.all());
    assertTrue(r.stderr().startsWith("agent: cannot use " + file), r.all());
    assertFalse(r.stderr().contains("\tat "), "a sentence, not a stack trace: " + r.stderr());
  }

  /**
   * A full disk, simulated portably by a file-size limit: the output write fails with EFBIG. The machine is in
   * the way, not the integration: exit 3 with the file and the space left, nothing committed, nothing partial
   * kept, and the next export without the limit covers everything.
   */
  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void aWriteThatFailsForTheDiskIsExit3NamingTheFileAndTheSpaceLeft() throws Exception {
    // About 600 KiB of compressed pull requests in one file: past the 256 KiB limit.
    String big = "{\"organizations\":1,\"repos_per_org\":1,\"pull_requests_per_repo\":3000,\"users\":2}";
    Dist.Result r = Dist.runWithFileSizeLimit(TIMEOUT, 256, "export", "--pinpoint-root=" + root,
        "--integrations-json", Dist.mock("mock", big));

    assertEquals(3, r.exit(), r.all());
    Matcher m = DISK_FAILURE.matcher(r.stderr());
    assertTrue(m.find(), "no sentence naming the file and the space left: " + r.all());
    assertTrue(Path.of(m.group(1)).startsWith(root.resolve("exports")), "not a file of the export: " + m.group(1));
    assertTrue(m.group(1).contains("/mock/sourcecode."), m.group(1));
    assertFalse(r.all().contains("SessionSend failed"), "blamed on the integration: " + r.all());
    assertFalse(r.stderr().contains("\tat "), "a sentence, not a stack trace: " + r.stderr());
    assertEquals(0, ExportDir.checkpoints(root).size(), "a checkpoint was committed: " + ExportDir.checkpoints(root));
    assertEquals(List.of(), ExportDir.tempFiles(root.resolve("exports")), "partial files were left");
    for (Path export : ExportDir.exports(root)) {
      assertFalse(Files.exists(export.resolve("mock")), "the aborted integration's files were kept in " + export);
    }

    Dist.Result again = Dist.run(TIMEOUT, "export", "--pinpoint-root=" + root, "--integrations-json", Dist.mock("mock", big));
    assertEquals(0, again.exit(), again.all());
    assertCount(ExportDir.counts(ExportDir.objects(ExportDir.latest(root), "mock")), "sourcecode.PullRequest", 3000);
  }

  /** "cannot write FILE: File too large (3.4 GiB left on FOLDER)". */
  static final Pattern DISK_FAILURE = Pattern.compile(
      "cannot write (\\S+): File too large \\((\\d[\\d.]* (?:bytes?|KiB|MiB|GiB|TiB|PiB)) left on (\\S+)\\)");
}
