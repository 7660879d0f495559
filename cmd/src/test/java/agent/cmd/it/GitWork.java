package agent.cmd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real git repository for the end-to-end tests, made with the git CLI: a working copy whose commits
 * are an hour apart on a clock of its own (so shas are the same on every run), isolated from the
 * machine's git configuration.
 */
final class GitWork {
  private final Path home;
  private final Path work;
  private long clock;

  /** A new repository in {@code work} on branch {@code main}; {@code home} stands in for the user's home. */
  GitWork(Path home, Path work, Instant start) throws Exception {
    this.home = home;
    this.work = Files.createDirectories(work);
    this.clock = start.getEpochSecond();
    git(work, "init", "-q", "-b", "main");
  }

  /** Fails the test class when the git CLI is not on the PATH. */
  static void requireGit(String testName) {
    try {
      Process p = new ProcessBuilder("git", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        fail(testName + " needs the git CLI on the PATH: `git --version` failed");
      }
    } catch (IOException | InterruptedException e) {
      fail(testName + " needs the git CLI on the PATH to build its test repository: " + e);
    }
  }

  Path dir() {
    return work;
  }

  /** The time of the last commit. */
  Instant now() {
    return Instant.ofEpochSecond(clock);
  }

  /** Writes {@code file} and commits it as {@code name <email>}, an hour after the last commit; its sha. */
  String commit(String file, String content, String message, String name, String email) throws Exception {
    Path f = work.resolve(file);
    Files.createDirectories(f.getParent());
    Files.writeString(f, content);
    git(work, "add", "-A");
    clock += 3600;
    git(work, "-c", "user.name=" + name, "-c", "user.email=" + email, "commit", "-q", "-m", message);
    return rev(work, "HEAD");
  }

  String rev(Path dir, String rev) throws Exception {
    return git(dir, "rev-parse", rev).trim();
  }

  /** Runs git in {@code dir} and returns its output; a non-zero exit fails the test. */
  String git(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=Test", "-c", "user.email=test@example.com",
        "-c", "commit.gpgsign=false"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("HOME", home.toString());
    pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    pb.environment().put("GIT_AUTHOR_DATE", clock + " +0000");
    pb.environment().put("GIT_COMMITTER_DATE", clock + " +0000");
    Process p = pb.start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p.getInputStream().transferTo(out);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "git " + String.join(" ", args) + " did not finish");
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), "git " + String.join(" ", args) + ": " + text);
    return text;
  }
}
