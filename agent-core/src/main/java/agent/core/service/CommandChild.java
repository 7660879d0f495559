package agent.core.service;

import agent.core.config.Enrollment;

import agent.rpcdef.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One command as a child JVM; for an {@code export}: {@code <agent home>/bin/agent export --defer-checkpoints
 * --pinpoint-root=<root> --integrations-file <file>}, so that a crash, a leak or a hang of an export
 * never touches the service. The integrations (they may hold tokens) and the agent settings go in 0600
 * files under {@code state/commands/}, deleted when the child exits, never on the command line.
 *
 * <p>When the service stops, the child gets {@code grace} to finish, then SIGTERM, then after 10 s
 * more it is killed. A cancel sends SIGTERM at once, then kills after 10 s. {@code validate-config}
 * and {@code export-onboard-data} run the same way, their answer read from an {@code --output-file}.
 * A child's output goes to {@code logs/<subcommand>-child} (an export's own log is {@code logs/export}).
 */
public final class CommandChild {
  private static final Logger LOG = LoggerFactory.getLogger(CommandChild.class);
  private static final Duration TERM_TO_KILL = Duration.ofSeconds(10);

  /**
   * How the child ended.
   *
   * @param exitCode the child's exit code; -1 when it was stopped by the service
   * @param exportDir the export folder it made, null when it made none (bad input, killed early)
   * @param outputTail the last lines of its output, for an error message
   */
  public record Outcome(int exitCode, Path exportDir, String outputTail, boolean stopped) {}

  private final Path launcher;
  private final Path pinpointRoot;
  private final StopSignal stop;
  private final Duration grace;
  private final List<String> extraArgs;

  /**
   * @param launcher {@code <agent home>/bin/agent}
   * @param extraArgs passed through to every child, e.g. {@code --log-level=debug}
   */
  public CommandChild(Path launcher, Path pinpointRoot, StopSignal stop, Duration grace, List<String> extraArgs) {
    this.launcher = launcher;
    this.pinpointRoot = pinpointRoot;
    this.stop = stop;
    this.grace = grace;
    this.extraArgs = List.copyOf(extraArgs);
  }

  /** Deletes parameter files left by a service that was killed: they may hold secrets. */
  public void sweepParameterFiles() throws IOException {
    Path dir = commandsDir();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> s = Files.list(dir)) {
        for (Path f : s.toList()) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  /**
   * Runs the export and waits for it (or for the stop signal and the grace period).
   *
   * @param integrations the command's {@code integrations} array
   * @param enrollment whose customer id is part of every object id, and whose network settings apply
   * @param cancelled checked every 200 ms: true stops the child (SIGTERM, then a kill)
   */
  public Outcome export(String commandId, JsonNode integrations, boolean reprocessHistorical, Enrollment enrollment,
      BooleanSupplier cancelled) throws IOException {
    Set<Path> before = exportDirs();
    List<String> args = new ArrayList<>(List.of("export", "--defer-checkpoints"));
    if (reprocessHistorical) {
      args.add("--reprocess-historical");
    }
    Ended ended = launch(commandId, args, integrations, enrollment, null, "export-child", cancelled);
    Set<Path> made = exportDirs();
    made.removeAll(before);
    Path exportDir = made.stream().sorted().reduce((a, b) -> b).orElse(null);
    LOG.info("command {}: export child exited with {}{}", commandId, ended.stopped() ? "a stop" : ended.exitCode(),
        exportDir == null ? "" : ", export " + exportDir.getFileName());
    return new Outcome(ended.exitCode(), exportDir, ended.outputTail(), ended.stopped());
  }

  /**
   * How a {@code validate-config} or {@code export-onboard-data} child ended.
   *
   * @param result what it wrote with {@code --output-file}; null when it wrote nothing
   */
  public record QueryOutcome(int exitCode, JsonNode result, String outputTail, boolean stopped) {}

  /**
   * Runs {@code validate-config} or {@code export-onboard-data} (with {@code --object-type}) and reads
   * its {@code --output-file}, itself 0600 (onboarding data names people) and deleted once read.
   *
   * @param args the subcommand and its own options, e.g. {@code export-onboard-data --object-type users}
   */
  public QueryOutcome query(String commandId, List<String> args, JsonNode integrations, Enrollment enrollment,
      BooleanSupplier cancelled) throws IOException {
    Files.createDirectories(commandsDir());
    Path result = secretFile(commandsDir(), commandId + "-result", new byte[0]);
    try {
      Ended ended = launch(commandId, args, integrations, enrollment, result, args.get(0) + "-child", cancelled);
      LOG.info("command {}: {} child exited with {}", commandId, args.get(0), ended.stopped() ? "a stop" : ended.exitCode());
      JsonNode json = Files.size(result) == 0 ? null : Json.mapper().readTree(result.toFile());
      return new QueryOutcome(ended.exitCode(), json, ended.outputTail(), ended.stopped());
    } finally {
      Files.deleteIfExists(result);
    }
  }

  private record Ended(int exitCode, boolean stopped, String outputTail) {}

  private Ended launch(String commandId, List<String> args, JsonNode integrations, Enrollment enrollment, Path outputFile,
      String logName, BooleanSupplier cancelled) throws IOException {
    Path dir = commandsDir();
    Files.createDirectories(dir);
    Path integrationsFile = secretFile(dir, commandId + "-integrations", Json.bytes(integrations));
    Path configFile = secretFile(dir, commandId + "-agent-config", Json.bytes(enrollment.childAgentConfig()));
    List<String> cmd = new ArrayList<>();
    cmd.add(launcher.toString());
    cmd.addAll(args);
    cmd.addAll(List.of("--pinpoint-root=" + pinpointRoot, "--integrations-file", integrationsFile.toString(),
        "--agent-config-file", configFile.toString()));
    if (outputFile != null) {
      cmd.addAll(List.of("--output-file", outputFile.toString()));
    }
    cmd.addAll(extraArgs);
    Path output = pinpointRoot.resolve("logs").resolve(logName);
    Files.createDirectories(output.getParent());
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    } catch (IOException e) {
      Files.deleteIfExists(integrationsFile);
      Files.deleteIfExists(configFile);
      throw e;
    }
    LOG.info("command {}: {} started as pid {}", commandId, args.get(0), p.pid());
    boolean stopped;
    try {
      stopped = waitFor(p, commandId, cancelled);
    } finally {
      Files.deleteIfExists(integrationsFile);
      Files.deleteIfExists(configFile);
    }
    return new Ended(stopped ? -1 : p.exitValue(), stopped, tail(output));
  }

  /** @return true when the service stopped the child before it ended by itself */
  private boolean waitFor(Process p, String commandId, BooleanSupplier cancelled) {
    try {
      while (!p.waitFor(200, TimeUnit.MILLISECONDS)) {
        if (cancelled.getAsBoolean()) {
          LOG.info("command {}: cancelled, sending the export SIGTERM", commandId);
          terminate(p, commandId);
          return true;
        }
        if (stop.stopping()) {
          LOG.info("command {}: stopping; the export gets {} s to finish", commandId, grace.toSeconds());
          if (p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
          }
          LOG.warn("command {}: the export did not finish in time, sending it SIGTERM", commandId);
          terminate(p, commandId);
          return true;
        }
      }
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      return true;
    }
  }

  /** SIGTERM, {@link #TERM_TO_KILL} to obey, then a kill; its plugins go with it. */
  private static void terminate(Process p, String commandId) throws InterruptedException {
    // Its plugins too: they would only notice their parent's death when their stdin closes.
    List<ProcessHandle> plugins = p.descendants().toList();
    p.destroy();
    if (!p.waitFor(TERM_TO_KILL.toMillis(), TimeUnit.MILLISECONDS)) {
      LOG.warn("command {}: the export ignored SIGTERM, killing it", commandId);
      p.destroyForcibly();
      p.waitFor(TERM_TO_KILL.toMillis(), TimeUnit.MILLISECONDS);
    }
    reap(plugins);
  }

  /** Waits a little for the child's own processes to end with it, then kills those that did not. */
  private static void reap(List<ProcessHandle> processes) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    for (ProcessHandle h : processes) {
      while (h.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      if (h.isAlive()) {
        h.destroyForcibly();
      }
    }
    for (ProcessHandle h : processes) {
      h.onExit().completeOnTimeout(h, 5, TimeUnit.SECONDS).join();
    }
  }

  private Path commandsDir() {
    return pinpointRoot.resolve("state").resolve("commands");
  }

  private static Path secretFile(Path dir, String name, byte[] content) throws IOException {
    Path f = dir.resolve(name + ".json");
    // Created 0600 before a byte is written: the tokens are never readable by others, not even briefly.
    Files.deleteIfExists(f);
    Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.write(f, content);
    return f;
  }

  private Set<Path> exportDirs() throws IOException {
    Path exports = pinpointRoot.resolve("exports");
    if (!Files.isDirectory(exports)) {
      return new HashSet<>();
    }
    try (Stream<Path> s = Files.list(exports)) {
      return new HashSet<>(s.filter(Files::isDirectory).toList());
    }
  }

  private static String tail(Path output) {
    try {
      List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }
}
