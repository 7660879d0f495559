package agent.core.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The blame oracle on a generated history ({@link HistoryGenerator}: edits, wholesale rewrites,
 * renames, binaries turning text and back, merges): every line of every exported blame equals
 * {@code git blame --porcelain <sha> -- <file>} ({@link BlameOracle}).
 */
class BlameOracleTest {
  @TempDir
  Path tmp;

  @Test
  void everyLineOfEveryGeneratedCommitMatchesGitBlame() throws Exception {
    GitCli git = HistoryGenerator.repository(tmp, 7, 300);

    BlameOracle.Result r = BlameOracle.compare(git);
    System.out.println("blame oracle, generated history: " + r.files() + " files, " + r.lines() + " lines, "
        + r.differences().size() + " files differ");
    assertTrue(r.files() > 500, "files blamed: " + r.files());
    assertTrue(r.commits().stream().filter(c -> c.parents().size() > 1).count() > 5, "merges");
    assertEquals(List.of(), r.differences());
  }
}
