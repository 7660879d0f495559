package agent.cmd.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The packaged distribution under test ({@code cmd/target/dist/agent}), run as a real process. */
final class Dist {
  private Dist() {}

  static Path home() {
    String p = System.getProperty("agent.dist");
    Path home = Path.of(p == null ? "target/dist/agent" : p).toAbsolutePath();
    assertTrue(Files.isExecutable(home.resolve("bin/agent")), "no distribution at " + home + ": run mvn package first");
    return home;
  }

  record Result(int exit, String stdout, String stderr) {
    String all() {
      return stdout + "\n--- stderr ---\n" + stderr;
    }
  }

  /** Runs {@code bin/agent args...} and waits up to {@code timeout}. */
  static Result run(Duration timeout, String... args) throws Exception {
    return run(timeout, p -> {}, args);
  }

  /** Like {@link #run(Duration, String...)}, calling {@code whileRunning} with the started process. */
  static Result run(Duration timeout, Consumer<Process> whileRunning, String... args) throws Exception {
    return run(timeout, Map.of(), whileRunning, args);
  }

  /** Like {@link #run(Duration, String...)}, with {@code env} added to the agent's environment. */
  static Result run(Duration timeout, Map<String, String> env, String... args) throws Exception {
    return run(timeout, env, p -> {}, args);
  }

  /**
   * Like {@link #run(Duration, String...)}, under {@code ulimit -f fileSizeKib} (POSIX, through bash): a write
   * past that size fails with EFBIG, as on a full disk. SIGXFSZ is ignored, so the agent gets the error
   * instead of dying of the signal.
   */
  static Result runWithFileSizeLimit(Duration timeout, long fileSizeKib, String... args) throws Exception {
    return run(timeout, Map.of(), p -> {}, withFileSizeLimit(fileSizeKib, args));
  }

  /** {@code bin/agent args...} under {@code ulimit -f fileSizeKib}, SIGXFSZ ignored; see {@link #runWithFileSizeLimit}. */
  static List<String> withFileSizeLimit(long fileSizeKib, String... args) {
    List<String> cmd = new ArrayList<>(List.of("bash", "-c", "trap '' XFSZ; ulimit -f " + fileSizeKib + "; exec \"$@\"",
        "bash", home().resolve("bin/agent").toString()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  private static Result run(Duration timeout, Map<String, String> env, Consumer<Process> whileRunning, String... args)
      throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(home().resolve("bin/agent").toString());
    cmd.addAll(List.of(args));
    return run(timeout, env, whileRunning, cmd);
  }

  private static Result run(Duration timeout, Map<String, String> env, Consumer<Process> whileRunning, List<String> cmd)
      throws Exception {
    String[] args = cmd.toArray(String[]::new);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    CompletableFuture<String> out = drain(p.getInputStream());
    CompletableFuture<String> err = drain(p.getErrorStream());
    whileRunning.accept(p);
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError("agent " + String.join(" ", args) + " did not finish within " + timeout
          + "\nstdout so far:\n" + out.getNow("") + "\nstderr:\n" + err.getNow(""));
    }
    return new Result(p.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
  }

  private static CompletableFuture<String> drain(InputStream in) {
    return CompletableFuture.supplyAsync(() -> {
      try (in) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "(unreadable: " + e + ")";
      }
    });
  }

  /** {@code --integrations-json} for one mock integration with the given config. */
  static String mock(String id, String config) {
    return "[{\"id\":\"" + id + "\",\"name\":\"mock\",\"config\":" + config + "}]";
  }
}
