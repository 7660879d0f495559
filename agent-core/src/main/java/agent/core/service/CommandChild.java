package agent.core.service;

import agent.core.fs.PinpointRoot;
import agent.core.loop.StopSignal;
import agent.core.config.Enrollment;
import agent.core.fs.AtomicFiles;
import agent.core.log.Redactor;
import agent.core.log.RollingLogFile;
import agent.core.export.ExportRunner;
import agent.core.logship.SpoolLine;
import agent.core.logship.ChildLogLines;
import agent.core.logship.LogSpool;
import agent.rpcdef.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One command as a child JVM; for an {@code export}: {@code <agent home>/bin/agent export --defer-checkpoints
 * --pinpoint-root=<root> --integrations-file <file> --stop-with-parent ...}, so that a crash, a leak or a hang
 * of an export never touches the service. The integrations (they may hold tokens) and the agent settings
 * go in 0600 files under {@code state/commands/}, deleted when the child exits, never on the command line.
 *
 * <p>The child's output is read as it comes: each line goes to {@code logs/commands/<command-id>.log}
 * (the newest {@value #KEPT_LOGS} are kept) and, parsed, into the {@link LogSpool}, so a service killed
 * in the middle of an export still ships what the export said so far. The child's stdin is a pipe that
 * only this process holds: when the service dies, the pipe closes and the child ({@code --stop-with-parent})
 * stops, so that no orphan export holds the root's export lock against the next start.
 *
 * <p>When the service stops, the child gets {@code grace} to finish, then SIGTERM, then after 10 s
 * more it is killed. A cancel sends SIGTERM at once, then kills after 10 s. {@code validate-config}
 * and {@code export-onboard-data} run the same way, their answer read from an {@code --output-file}.
 * An export writes its progress to a file ({@code --progress-file}), read here at most once per
 * {@link ServiceSettings#progressInterval()} and handed to the caller when it changed, and its id to
 * another ({@code --export-id-file}) as soon as its folder exists: that, not a listing of {@code exports/},
 * says which folder is this command's export.
 */
public final class CommandChild {
  private static final Logger LOG = LoggerFactory.getLogger(CommandChild.class);
  /** The export child's progress lines, passed on under the logger a live display keeps off the console. */
  private static final Logger PROGRESS_LOG = LoggerFactory.getLogger(ExportRunner.PROGRESS_LOGGER);
  private static final Duration TERM_TO_KILL = Duration.ofSeconds(10);
  /** How many command output logs {@code logs/commands/} keeps. */
  static final int KEPT_LOGS = 50;
  /** An export id as ExportRunner makes them ({@code 20261122T103000Z-3fa2c1}): one safe path segment. */
  private static final Pattern EXPORT_ID = Pattern.compile("[0-9A-Za-z][0-9A-Za-z_-]{0,99}");
  /** Lines of output an error message quotes. */
  private static final int TAIL_LINES = 5;

  /**
   * How the child ended.
   *
   * @param exitCode the child's exit code; -1 when it was stopped by the service
   * @param exportDir the export folder it made, as it said in its {@code --export-id-file}; null when it
   *     named none (bad input, killed early, aborted for the disk)
   * @param outputTail the last lines of its output, for an error message
   */
  public record Outcome(int exitCode, Path exportDir, String outputTail, boolean stopped) {}

  private final Path launcher;
  private final Path pinpointRoot;
  private final StopSignal stop;
  private final Duration grace;
  private final List<String> extraArgs;
  private final Duration progressInterval;
  private final LogSpool spool;

  /**
   * @param settings the launcher ({@code <agent home>/bin/agent}), the root, the grace, the progress
   *     interval and the arguments every child gets (e.g. {@code --log-level=debug})
   * @param spool where the children's output lines go, for the backend
   */
  public CommandChild(ServiceSettings settings, StopSignal stop, LogSpool spool) {
    this.launcher = settings.launcher();
    this.pinpointRoot = settings.pinpointRoot();
    this.stop = stop;
    this.grace = settings.shutdownGrace();
    this.extraArgs = List.copyOf(settings.childArgs());
    this.progressInterval = settings.progressInterval();
    this.spool = spool;
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
   * @param progress gets the export's progress ({@code {"<integration id>": {"status", "current",
   *     "total", "objects"}}}) while it runs: at once, then when it changed, at most once per interval
   */
  public Outcome export(String commandId, JsonNode integrations, boolean reprocessHistorical, Enrollment enrollment,
      BooleanSupplier cancelled, Consumer<JsonNode> progress) throws IOException {
    Path progressFile = commandsDir().resolve(commandId + "-progress.json");
    Path exportIdFile = commandsDir().resolve(commandId + "-export-id");
    List<String> args = new ArrayList<>(List.of("export", "--defer-checkpoints", "--progress-file", progressFile.toString(),
        "--export-id-file", exportIdFile.toString()));
    if (reprocessHistorical) {
      args.add("--reprocess-historical");
    }
    ProgressReader reader = new ProgressReader(progressFile, progress);
    Ended ended;
    Path exportDir;
    try {
      Files.deleteIfExists(exportIdFile); // only what this child writes may name its export
      ended = launch(commandId, args, integrations, enrollment, null, cancelled, reader::poll);
      exportDir = exportDirNamedIn(exportIdFile);
    } finally {
      Files.deleteIfExists(progressFile);
      Files.deleteIfExists(exportIdFile);
    }
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
      Ended ended = launch(commandId, args, integrations, enrollment, result, cancelled, () -> {});
      LOG.info("command {}: {} child exited with {}", commandId, args.get(0), ended.stopped() ? "a stop" : ended.exitCode());
      JsonNode json = Files.size(result) == 0 ? null : Json.mapper().readTree(result.toFile());
      return new QueryOutcome(ended.exitCode(), json, ended.outputTail(), ended.stopped());
    } finally {
      Files.deleteIfExists(result);
    }
  }

  private record Ended(int exitCode, boolean stopped, String outputTail) {}

  /**
   * @param tick called every 200 ms while the child runs
   */
  private Ended launch(String commandId, List<String> args, JsonNode integrations, Enrollment enrollment, Path outputFile,
      BooleanSupplier cancelled, Runnable tick) throws IOException {
    Path dir = commandsDir();
    Files.createDirectories(dir);
    Path integrationsFile = secretFile(dir, commandId + "-integrations", Json.bytes(integrations));
    Path configFile = secretFile(dir, commandId + "-agent-config", Json.bytes(enrollment.childAgentConfig()));
    List<String> cmd = new ArrayList<>();
    cmd.add(launcher.toString());
    cmd.addAll(args);
    cmd.addAll(List.of("--pinpoint-root=" + pinpointRoot, "--integrations-file", integrationsFile.toString(),
        "--agent-config-file", configFile.toString(), "--stop-with-parent"));
    if (outputFile != null) {
      cmd.addAll(List.of("--output-file", outputFile.toString()));
    }
    cmd.addAll(extraArgs);
    Path log = outputLog(commandId);
    Process p;
    try {
      // stdin stays a pipe nobody writes to: it closes when this process dies, and the child stops then.
      p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (IOException e) {
      Files.deleteIfExists(integrationsFile);
      Files.deleteIfExists(configFile);
      throw e;
    }
    LOG.info("command {}: {} started as pid {}", commandId, args.get(0), p.pid());
    OutputPump pump = new OutputPump(p.getInputStream(), log, args.get(0), commandId);
    Thread pumping = new Thread(pump, "output-" + commandId);
    pumping.setDaemon(true);
    pumping.start();
    boolean stopped;
    try {
      stopped = waitFor(p, commandId, cancelled, tick);
    } finally {
      Files.deleteIfExists(integrationsFile);
      Files.deleteIfExists(configFile);
    }
    try {
      // The output ends with the child (its plugins write to their own pipes); bounded all the same.
      pumping.join(TERM_TO_KILL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new Ended(stopped ? -1 : p.exitValue(), stopped, pump.tail());
  }

  /**
   * Copies a child's output, line by line as it comes, to its log file and into the spool, and keeps
   * the last lines for an error message. It reads to the end whatever cannot be written, so the child
   * never blocks on a full pipe: a log file that cannot be written (a full disk) is given up, said once;
   * a line the spool cannot take costs the backend that line, said once, and the next lines are spooled
   * again as soon as there is room (said once more, with the count lost).
   */
  private final class OutputPump implements Runnable {
    private final InputStream in;
    private final Path log;
    private final String source;
    private final String commandId;
    private final Deque<String> tail = new ArrayDeque<>();

    OutputPump(InputStream in, Path log, String source, String commandId) {
      this.in = in;
      this.log = log;
      this.source = source;
      this.commandId = commandId;
    }

    @Override
    public void run() {
      long unspooled = 0;
      RollingLogFile w = null;
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        w = openLog();
        String raw;
        while ((raw = r.readLine()) != null) {
          // The child redacts its own log lines; this also covers what bypassed its logging (a JVM warning).
          String line = Redactor.global().redact(raw);
          w = writeLog(w, line);
          synchronized (tail) {
            tail.addLast(line);
            if (tail.size() > TAIL_LINES) {
              tail.removeFirst();
            }
          }
          if (line.isBlank()) {
            continue;
          }
          try {
            SpoolLine parsed = ChildLogLines.parse(line, source, commandId, Instant.now().toString());
            if (isProgress(parsed)) {
              // The operator watching service-run (its log, its stdout) sees how the export goes, not only the backend.
              PROGRESS_LOG.info("command {}: {}", commandId, parsed.message());
            }
            spool.append(parsed);
            if (unspooled > 0) {
              LOG.info("command {}: its output is spooled for the backend again; {} line(s) could not be", commandId,
                  unspooled);
              unspooled = 0;
            }
          } catch (IOException e) {
            if (unspooled++ == 0) {
              LOG.warn("command {}: cannot spool its output for the backend ({}); it is still in {}", commandId,
                  e.getMessage(), w == null ? "no file either" : log);
            }
          }
        }
      } catch (IOException e) {
        LOG.warn("command {}: reading its output failed: {}", commandId, e.getMessage());
      } finally {
        closeQuietly(w);
      }
    }

    private static boolean isProgress(SpoolLine l) {
      // The text layout shortens the logger name to its last part, the JSON layout keeps it whole.
      return ExportRunner.PROGRESS_LOGGER.equals(l.logger())
          || ExportRunner.PROGRESS_LOGGER.endsWith("." + l.logger());
    }

    private RollingLogFile openLog() {
      try {
        return RollingLogFile.open(log);
      } catch (IOException e) {
        LOG.warn("command {}: cannot write its output to {}: {}", commandId, log, e.getMessage());
        return null;
      }
    }

    /** @return the writer, or null once it failed (given up, said once) */
    private RollingLogFile writeLog(RollingLogFile w, String line) {
      if (w == null) {
        return null;
      }
      try {
        w.writeLine(line);
        return w;
      } catch (IOException e) {
        LOG.warn("command {}: cannot write its output to {} any more: {}", commandId, log, e.getMessage());
        closeQuietly(w);
        return null;
      }
    }

    private void closeQuietly(RollingLogFile w) {
      if (w != null) {
        try {
          w.close();
        } catch (IOException ignored) {
          // what it held could not be written anyway
        }
      }
    }

    String tail() {
      synchronized (tail) {
        return String.join("\n", tail);
      }
    }
  }

  /**
   * Reads the export's progress file: its first version as soon as it exists (the backend learns at
   * once that the export runs), then at most once per interval, and only when it changed.
   */
  private final class ProgressReader {
    private final Path file;
    private final Consumer<JsonNode> listener;
    private boolean readOnce;
    private long lastRead;
    private FileTime lastModified;

    ProgressReader(Path file, Consumer<JsonNode> listener) {
      this.file = file;
      this.listener = listener;
    }

    void poll() {
      if (readOnce && System.nanoTime() - lastRead < progressInterval.toNanos()) {
        return;
      }
      try {
        FileTime modified = Files.getLastModifiedTime(file);
        readOnce = true;
        lastRead = System.nanoTime();
        if (modified.equals(lastModified)) {
          return;
        }
        lastModified = modified;
        JsonNode integrations = Json.mapper().readTree(file.toFile()).path("integrations");
        if (integrations.isObject() && integrations.size() > 0) {
          listener.accept(integrations);
        }
      } catch (NoSuchFileException notYet) {
        // the export has not written it yet
      } catch (IOException e) {
        LOG.debug("cannot read the progress file {}: {}", file, e.getMessage());
      }
    }
  }

  /**
   * {@code logs/commands/<command-id>.log}, for an operator, appended to and rolled at the agent's log bound
   * ({@link RollingLogFile}); the oldest beyond {@value #KEPT_LOGS} commands go, with their rolled files.
   */
  private Path outputLog(String commandId) throws IOException {
    Path dir = PinpointRoot.of(pinpointRoot).commandLogsDir();
    Files.createDirectories(dir);
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> logs = s.filter(f -> f.getFileName().toString().endsWith(".log"))
          .sorted(Comparator.comparing(CommandChild::modified)).toList();
      for (int i = 0; i < logs.size() - (KEPT_LOGS - 1); i++) {
        Files.deleteIfExists(logs.get(i));
        // With the files it rolled into (RollingLogFile): <command-id>.log.1 and on.
        for (int n = 1; Files.deleteIfExists(logs.get(i).resolveSibling(logs.get(i).getFileName() + "." + n)); n++) {
          // deleted
        }
      }
    }
    return dir.resolve(commandId + ".log");
  }

  private static FileTime modified(Path f) {
    try {
      return Files.getLastModifiedTime(f);
    } catch (IOException gone) {
      return FileTime.fromMillis(0);
    }
  }

  /** @return true when the service stopped the child before it ended by itself */
  private boolean waitFor(Process p, String commandId, BooleanSupplier cancelled, Runnable tick) {
    try {
      while (!p.waitFor(200, TimeUnit.MILLISECONDS)) {
        tick.run();
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
    return PinpointRoot.of(pinpointRoot).commandsDir();
  }

  private static Path secretFile(Path dir, String name, byte[] content) throws IOException {
    Path f = dir.resolve(name + ".json");
    // 0600 (an owner-only ACL on Windows) from its creation: the tokens are never readable by others.
    AtomicFiles.writeAtomically(f, content, AtomicFiles.OWNER_ONLY);
    return f;
  }

  /**
   * The folder of the export whose id the child wrote to {@code --export-id-file}; null when it wrote none
   * (it ended before its export had a folder: bad input, an aborted export, a kill) or a line that is no
   * export id.
   */
  private Path exportDirNamedIn(Path exportIdFile) throws IOException {
    String id;
    try {
      id = Files.readString(exportIdFile, StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException none) {
      return null;
    }
    if (!EXPORT_ID.matcher(id).matches()) {
      LOG.warn("{} does not hold an export id: {}", exportIdFile, id.length() > 80 ? id.substring(0, 80) + "..." : id);
      return null;
    }
    return PinpointRoot.of(pinpointRoot).exportDir(id);
  }
}
