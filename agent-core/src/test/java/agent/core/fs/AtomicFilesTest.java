package agent.core.fs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void createsThenReplacesContentAndLeavesNoTmp() throws IOException {
    Path target = dir.resolve("state.json");

    AtomicFiles.writeAtomically(target, "first".getBytes(UTF_8));
    assertEquals("first", Files.readString(target));

    AtomicFiles.writeAtomically(target, "second, longer".getBytes(UTF_8));
    AtomicFiles.writeAtomically(target, "3rd".getBytes(UTF_8)); // shorter: no stale tail
    assertEquals("3rd", Files.readString(target));

    assertEquals(List.of(target), list(dir));
  }

  @Test
  void overwritesAStaleTmpLeftByAKilledProcess() throws IOException {
    Path target = dir.resolve("state.json");
    Files.writeString(dir.resolve("state.json.tmp"), "half-written garbage");

    AtomicFiles.writeAtomically(target, new byte[] {1, 2, 3});

    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
    assertEquals(List.of(target), list(dir));
  }

  @Test
  void writesEmptyContent() throws IOException {
    Path target = dir.resolve("empty");
    AtomicFiles.writeAtomically(target, new byte[0]);
    assertEquals(0, Files.size(target));
  }

  @Test
  void failedRenameLeavesTargetUntouchedAndNoTmp() throws IOException {
    // A non-empty folder as the target: the tmp gets written, then the rename over it fails.
    Path target = dir.resolve("blocked");
    Files.createDirectories(target.resolve("child"));

    assertThrows(IOException.class, () -> AtomicFiles.writeAtomically(target, new byte[] {1}));

    assertTrue(Files.isDirectory(target.resolve("child")));
    assertFalse(Files.exists(dir.resolve("blocked.tmp")));
  }

  @Test
  void missingParentFails() {
    Path target = dir.resolve("no/such/folder/file");
    assertThrows(IOException.class, () -> AtomicFiles.writeAtomically(target, new byte[] {1}));
  }

  @Test
  void appliesPosixPermissionsWherePossible() throws IOException {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Path target = dir.resolve("config.json");
    Files.writeString(target, "old");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));

    AtomicFiles.writeAtomically(
        target, "secret".getBytes(UTF_8), PosixFilePermissions.fromString("rw-------"));

    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    assertEquals("secret", Files.readString(target));
  }

  @Test
  void createDirectoriesCreatesMissingParentsAndRejectsAFileInTheWay() throws IOException {
    Path deep = dir.resolve("a/b/c");
    AtomicFiles.createDirectories(deep);
    assertTrue(Files.isDirectory(deep));
    AtomicFiles.createDirectories(deep); // idempotent

    Path file = dir.resolve("file");
    Files.writeString(file, "x");
    assertThrows(IOException.class, () -> AtomicFiles.createDirectories(file.resolve("sub")));
  }

  @Test
  void fsyncDirectoryWorksOnAnExistingFolder() throws IOException {
    AtomicFiles.fsyncDirectory(dir); // must not throw where folders can be opened
  }

  @Test
  void moveReplacingReplacesAnExistingTarget() throws IOException {
    Path source = dir.resolve("a");
    Path target = dir.resolve("b");
    Files.writeString(source, "new");
    Files.writeString(target, "old");

    AtomicFiles.moveReplacing(source, target);

    assertEquals("new", Files.readString(target));
    assertFalse(Files.exists(source));
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }
}
