package agent.cmd;

import agent.core.fs.PinpointRoot;
import agent.core.backend.BackendClient;
import agent.core.backend.BackendHttp;
import agent.core.config.Enrollment;
import agent.core.config.InputException;
import agent.core.fs.ProcessLock;
import agent.core.log.CaptureTrim;
import agent.core.log.Redactor;
import agent.core.logship.LogSpool;
import agent.core.net.HostNetwork;
import agent.core.service.ServiceRunner;
import agent.core.service.ServiceSettings;
import agent.core.service.StopRequest;
import agent.core.loop.StopSignal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code agent service-run}: the long-lived service an OS service manager starts. */
@Command(name = "service-run", mixinStandardHelpOptions = true,
    description = {
        "Runs the agent under its backend: what the OS service runs.",
        "",
        "It heartbeats, polls the backend for commands and runs them, one export at a",
        "time, each in its own child process; uploads every export and commits its",
        "checkpoints only once the backend acknowledged it. Needs 'agent enroll' first.",
        "Stops on SIGTERM (a running export gets a grace period); a second SIGTERM",
        "exits at once.",
        "",
        "Exit codes: 0 stopped, 2 not enrolled, 3 already running on this root or the root cannot be used."})
final class ServiceRunCommand implements Callable<Integer> {
  @Mixin RootOption root;

  @Mixin LogOptions logging;

  @Option(names = "--shutdown-grace-seconds", paramLabel = "S", defaultValue = "60",
      description = "On SIGTERM, how long a running export may take to finish before it is stopped (default: ${DEFAULT-VALUE}).")
  double shutdownGraceSeconds;

  // Hidden: tests shorten the loops; operators have no reason to.
  @Option(names = "--heartbeat-seconds", hidden = true, defaultValue = "30")
  double heartbeatSeconds;

  @Option(names = "--poll-wait-seconds", hidden = true, defaultValue = "30")
  double pollWaitSeconds;

  @Option(names = "--backoff-initial-seconds", hidden = true, defaultValue = "1")
  double backoffInitialSeconds;

  @Option(names = "--backoff-max-seconds", hidden = true, defaultValue = "300")
  double backoffMaxSeconds;

  @Option(names = "--unauthorized-recheck-seconds", hidden = true, defaultValue = "600")
  double unauthorizedRecheckSeconds;

  @Option(names = "--log-ship-seconds", hidden = true, defaultValue = "5")
  double logShipSeconds;

  @Option(names = "--progress-seconds", hidden = true, defaultValue = "10")
  double progressSeconds;

  @Option(names = "--upload-attempts", hidden = true, defaultValue = "8")
  int uploadAttempts;

  /** How long one backend call may wait for the next bytes of its answer (or to send its body): above the poll's wait. */
  @Option(names = "--backend-timeout-seconds", hidden = true, defaultValue = "60")
  double backendTimeoutSeconds;

  @Option(names = "--plugins-dir", paramLabel = "DIR", hidden = true, description = "Passed to every export child.")
  Path pluginsDir;

  @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
      description = "How the running export's progress shows on the console: " + ProgressMode.DESCRIPTION)
  String progress;

  /** How often the service manager's capture of stdout and stderr is checked against its bound. */
  private static final Duration CAPTURE_TRIM_EVERY = Duration.ofMinutes(5);

  @Override
  public Integer call() throws Exception {
    logging.check();
    ProgressMode mode = ProgressMode.parse(progress);
    Path root = this.root.path();
    Enrollment enrollment = Enrollment.read(root).orElseThrow(() -> new InputException(
        "this agent is not enrolled (no " + Enrollment.file(root) + "): enroll first with agent enroll <CODE>"));
    try (ProcessLock ignored = ProcessLock.acquire(PinpointRoot.of(root).serviceLock(),
        "service-run is already running", "one service-run per pinpoint root: stop it first")) {
      TerminalScreen screen = mode == ProgressMode.TTY ? new TerminalScreen(System.out, TerminalScreen.terminalWidth()) : null;
      if (screen != null) {
        logging.console = screen.logStream();
      }
      logging.progressOnConsole = mode == ProgressMode.PLAIN;
      logging.start(false, PinpointRoot.of(root).serviceLog());
      LogSpool spool = LogSpool.under(root, Redactor.global());
      ch.qos.logback.classic.LoggerContext ctx = (ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory();
      if (screen != null) {
        ProgressFrameAppender frames = new ProgressFrameAppender(screen);
        frames.setContext(ctx);
        frames.start();
        ctx.getLogger(agent.core.export.ExportRunner.PROGRESS_LOGGER).addAppender(frames);
      }
      // launchd appends service-run's stdout and stderr to files it never rotates: keep them small.
      CaptureTrim captures = new CaptureTrim(List.of(PinpointRoot.of(root).serviceStdout(),
          PinpointRoot.of(root).serviceStderr()), CaptureTrim.MAX_BYTES);
      java.util.concurrent.ScheduledExecutorService trimmer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "capture-trim");
            t.setDaemon(true);
            return t;
          });
      trimmer.scheduleWithFixedDelay(captures::trim, 0, CAPTURE_TRIM_EVERY.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
      SpoolAppender spoolAppender = new SpoolAppender(spool);
      spoolAppender.setContext(ctx);
      spoolAppender.start();
      ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(spoolAppender);
      Logger log = LoggerFactory.getLogger(ServiceRunCommand.class);
      StopSignal stop = new StopSignal();
      // The network settings enroll was given: the JVM's proxy (okhttp and the children follow it) and the CAs.
      // AGENT_CA_FILE (carried into the service unit from the installer's environment) when config.json names none.
      Path caFile = enrollment.caFilePath() != null ? enrollment.caFilePath() : caFileFromEnvironment();
      HostNetwork.apply(enrollment.proxy(), caFile);
      OkHttpClient http = BackendHttp.client(caFile, Duration.ofSeconds(10), Duration.ZERO).newBuilder()
          .readTimeout(seconds(backendTimeoutSeconds)).writeTimeout(seconds(backendTimeoutSeconds)).build();
      BackendClient client = new BackendClient(http, URI.create(enrollment.backendUrl()), enrollment.apiKey(),
          Version.current());
      List<String> childArgs = new java.util.ArrayList<>(List.of("--log-level=" + logging.level, "--log-format=" + logging.format));
      if (pluginsDir != null) {
        childArgs.add("--plugins-dir=" + pluginsDir.toAbsolutePath());
      }
      ServiceSettings settings = new ServiceSettings(root, AgentHome.resolve().resolve("bin").resolve("agent"),
          Version.current(), seconds(heartbeatSeconds), seconds(pollWaitSeconds), seconds(backoffInitialSeconds),
          seconds(backoffMaxSeconds), seconds(unauthorizedRecheckSeconds), uploadAttempts, seconds(shutdownGraceSeconds),
          childArgs, seconds(logShipSeconds), seconds(progressSeconds));
      ServiceRunner runner = new ServiceRunner(settings, enrollment, client, stop, spool);
      Runnable requestStop = () -> {
        log.info("stop requested: no new commands; a running export gets {} s to finish", (long) shutdownGraceSeconds);
        stop.stop();
        if (runner.polling()) {
          http.dispatcher().cancelAll(); // only the long poll is in flight: nothing to lose
        }
      };
      TermSignals.install(requestStop);
      StopRequest.watch(root, stop, Duration.ofSeconds(1), requestStop); // agent service-stop (Windows)
      try {
        runner.run();
      } finally {
        spoolAppender.stop();
        spool.close();
      }
      trimmer.shutdownNow();
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
      return ExitCodes.OK;
    }
  }

  static Path caFileFromEnvironment() {
    String f = System.getenv(agent.rpcdef.internal.net.Network.CA_FILE_ENV);
    return f == null || f.isBlank() ? null : Path.of(f);
  }

  private static Duration seconds(double s) {
    return Duration.ofMillis(Math.round(s * 1000));
  }
}
