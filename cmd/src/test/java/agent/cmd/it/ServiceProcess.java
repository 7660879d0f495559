package agent.cmd.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code bin/agent service-run} as a process with short intervals; its output goes to a file. Close it to kill it. */
final class ServiceProcess implements AutoCloseable {
  final Process process;
  final Path output;

  private ServiceProcess(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  static ServiceProcess start(Path root, Path output, String... extra) throws IOException {
    return start(0, root, output, extra);
  }

  /**
   * Like {@link #start(Path, Path, String...)}, under {@code ulimit -f fileSizeKib} with SIGXFSZ ignored
   * (see {@link Dist#runWithFileSizeLimit}); 0 for no limit. Its children inherit the limit.
   */
  static ServiceProcess start(long fileSizeKib, Path root, Path output, String... extra) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Dist.home().resolve("bin/agent").toString(), "service-run",
        "--pinpoint-root=" + root, "--heartbeat-seconds=1", "--poll-wait-seconds=1", "--backoff-initial-seconds=0.2",
        "--backoff-max-seconds=1"));
    cmd.addAll(List.of(extra));
    if (cmd.stream().noneMatch(a -> a.startsWith("--shutdown-grace-seconds"))) {
      cmd.add("--shutdown-grace-seconds=20");
    }
    if (fileSizeKib > 0) {
      cmd = Dist.withFileSizeLimit(fileSizeKib, cmd.subList(1, cmd.size()).toArray(String[]::new));
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    return new ServiceProcess(p, output);
  }

  String log() {
    try {
      return Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  /** SIGTERM, then wait; returns the exit code. */
  int terminate(long seconds) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new AssertionError("service-run did not stop within " + seconds + " s of SIGTERM:\n" + log());
    }
    return process.exitValue();
  }

  void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
