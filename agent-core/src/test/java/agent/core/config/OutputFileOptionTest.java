package agent.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --output-file} is checked before any work: a missing folder is a sentence, not a failure at the end. */
class OutputFileOptionTest {
  @TempDir Path tmp;

  @Test
  void aFileInAnExistingFolderIsFine() {
    OutputFileOption.check(tmp.resolve("out.json"), "--output-file");
    OutputFileOption.check(null, "--output-file");
  }

  @Test
  void aMissingFolderIsBadInput() {
    Path file = tmp.resolve("missing/out.json");
    InputException e = assertThrows(InputException.class, () -> OutputFileOption.check(file, "--output-file"));
    assertEquals("--output-file " + file + ": the folder " + tmp.resolve("missing")
        + " does not exist; create it or write somewhere else", e.getMessage());
  }

  @Test
  void aFolderIsNotAFile() {
    InputException e = assertThrows(InputException.class, () -> OutputFileOption.check(tmp, "--output-file"));
    assertEquals("--output-file " + tmp + " is a folder; name a file in it", e.getMessage());
  }

  @Test
  void aFolderThatCannotBeWrittenIsTheEnvironment() throws Exception {
    Path ro = Files.createDirectory(tmp.resolve("ro"));
    Assumptions.assumeTrue(ro.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
    Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      Assumptions.assumeFalse(Files.isWritable(ro), "running as root: every folder is writable");
      UncheckedIOException e = assertThrows(UncheckedIOException.class,
          () -> OutputFileOption.check(ro.resolve("out.json"), "--output-file"));
      assertTrue(e.getMessage().startsWith("--output-file " + ro.resolve("out.json") + ": the folder " + ro
          + " cannot be written"), e.getMessage());
    } finally {
      Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }
}
