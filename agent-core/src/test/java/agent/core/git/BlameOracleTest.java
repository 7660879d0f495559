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
    GitCli git = GitCli.init(tmp.resolve("repo"));
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    new HistoryGenerator(7, stream).generate(300);
    Path in = tmp.resolve("stream");
    Files.write(in, stream.toByteArray());
    Process p = new ProcessBuilder("git", "fast-import", "--quiet").directory(git.dir().toFile())
        .redirectInput(in.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), output);

    BlameOracle.Result r = BlameOracle.compare(git);
    System.out.println("blame oracle, generated history: " + r.files() + " files, " + r.lines() + " lines, "
        + r.differences().size() + " files differ");
    assertTrue(r.files() > 500, "files blamed: " + r.files());
    assertTrue(r.commits().stream().filter(c -> c.parents().size() > 1).count() > 5, "merges");
    assertEquals(List.of(), r.differences());
  }
}
