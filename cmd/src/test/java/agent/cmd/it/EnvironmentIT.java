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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
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
}
