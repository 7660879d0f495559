package agent.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RollingLogFileTest {
  @TempDir Path tmp;

  @Test
  void appendsAcrossOpensAndRollsAtTheBoundKeepingTheNewestFiles() throws Exception {
    Path log = tmp.resolve("logs/mock");
    try (RollingLogFile f = new RollingLogFile(log, 10, 3)) {
      f.writeLine("run1-a"); // 7 bytes
    }
    try (RollingLogFile f = new RollingLogFile(log, 10, 3)) {
      f.writeLine("run2-a"); // appended: 14 bytes, past the bound
      assertEquals(List.of("run1-a", "run2-a"), Files.readAllLines(log));
      f.writeLine("run2-b"); // rolls first
      f.writeLine("run2-c");
      f.writeLine("run2-d"); // rolls again: the first file becomes .2
      f.writeLine("run2-e");
      f.writeLine("run2-f"); // a third roll drops the oldest
    }
    assertEquals(List.of("run2-f"), Files.readAllLines(log));
    assertEquals(List.of("run2-d", "run2-e"), Files.readAllLines(tmp.resolve("logs/mock.1")));
    assertEquals(List.of("run2-b", "run2-c"), Files.readAllLines(tmp.resolve("logs/mock.2")));
    assertFalse(Files.exists(tmp.resolve("logs/mock.3")), "more files than the bound");
  }

  @Test
  void sizesReadAsLogbackWritesThem() {
    assertEquals(10L * 1024 * 1024, RollingLogFile.parseSize("10MB"));
    assertEquals(20 * 1024, RollingLogFile.parseSize("20kb"));
    assertEquals(4096, RollingLogFile.parseSize("4096"));
    assertEquals(10L * 1024 * 1024, RollingLogFile.parseSize("lots"));
  }
}
