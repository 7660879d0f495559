package agent.cmd;

import agent.core.fs.PinpointRoot;
import agent.core.export.ExportReport;
import agent.core.export.ExportRunner;
import agent.core.export.ExportRetention;
import agent.core.export.ExportSettings;
import agent.core.progress.ProgressRenderer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code agent export}: one export, no backend. */
@Command(name = "export", hidden = true, mixinStandardHelpOptions = true,
    description = {
        "Runs one export of the given integrations into <pinpoint-root>/exports/<export-id>/ without a backend.",
        "Each integration runs as its own plugin process; objects are written as gzipped JSON lines per model type.",
        "Last-processed tokens are committed to <pinpoint-root>/state/checkpoints.json for every integration that",
        "completed, so the next export is incremental. Without --integrations-json/--integrations-file it exports",
        "the built-in demo integration: " + ExportCommand.DEMO_INTEGRATIONS,
        "",
        "Read the output with: agent cat [<export-id>] | jq .",
        "",
        "Exit codes: 0 all integrations completed, 1 one or more failed, 2 bad input, 3 environment (such as a full disk:",
        "the export is aborted and nothing more is committed), 4 bug, 130/143 cancelled by Ctrl-C/SIGTERM (its manifest",
        "says cancelled)."})
final class ExportCommand implements Callable<Integer> {
  static final String DEMO_INTEGRATIONS = "[{\"name\":\"mock\",\"config\":{}}]";

  @Mixin CommonOptions common;

  @Option(names = "--reprocess-historical", description = "Ignore stored tokens and export everything again.")
  boolean reprocessHistorical;

  @Option(names = "--output-roll-mb", hidden = true, defaultValue = "256",
      description = "Start a new output file after this many MiB of uncompressed JSON (default: ${DEFAULT-VALUE}).")
  long rollMb;

  @Option(names = "--defer-checkpoints", hidden = true,
      description = "Leave the tokens staged in the manifest and state/checkpoints.json untouched: service-run commits"
          + " them once the backend acknowledged the upload.")
  boolean deferCheckpoints;

  @Option(names = "--progress-file", hidden = true, paramLabel = "FILE",
      description = "Keep the export's live progress in FILE for service-run to relay to the backend: JSON, replaced"
          + " atomically about once a second while it changes and once more at the end.")
  Path progressFile;

  @Option(names = "--export-id-file", hidden = true, paramLabel = "FILE",
      description = "Write the export's id to FILE (one line, atomically) once its folder exists and before any"
          + " integration starts: how service-run learns which folder is this export's.")
  Path exportIdFile;

  @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto", description = ProgressMode.DESCRIPTION)
  String progress;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ProgressMode mode = ProgressMode.parse(progress);
    TerminalScreen screen = mode == ProgressMode.TTY ? new TerminalScreen(System.out, TerminalScreen.terminalWidth()) : null;
    if (screen != null) {
      common.log.console = screen.logStream();
    }
    common.log.progressOnConsole = mode == ProgressMode.PLAIN;
    CommonOptions.Prepared in = common.prepare(DEMO_INTEGRATIONS, false, PinpointRoot.of(common.pinpointRoot).exportLog());
    Logger log = LoggerFactory.getLogger(ExportCommand.class);
    if (!common.hasIntegrations()) {
      log.info("no --integrations-json given: exporting the built-in demo integration {}", DEMO_INTEGRATIONS);
    }
    ExportSettings settings = new ExportSettings(common.pinpointRoot.toAbsolutePath(), in.config().customerId(), reprocessHistorical,
        in.config().integrationTimeout(), rollMb * 1024 * 1024, !deferCheckpoints,
        progressFile == null ? null : progressFile.toAbsolutePath(),
        exportIdFile == null ? null : exportIdFile.toAbsolutePath(),
        new ExportRetention(in.config().retentionCount(), Duration.ofDays(in.config().retentionDays())));
    ExportRunner runner = new ExportRunner(settings, common.launcher(in, true), Version.current());
    if (screen != null) {
      ProgressRenderer renderer = new ProgressRenderer();
      runner.showProgress(s -> screen.draw(renderer.frame(s, screen.width())), Duration.ofMillis(500));
    }
    // Ctrl-C or SIGTERM: the export stops its integrations and says so in its log and its manifest (cancelled).
    TermSignals.install(runner::cancel);
    ExportReport report = runner.run(in.entries());
    if (screen != null) {
      screen.finish();
    }
    ExportSummary.print(report, spec.commandLine().getOut());
    if (report.cancelled() != null) {
      spec.commandLine().getErr().println("agent: the export was cancelled (" + report.cancelled() + "); nothing more was"
          + " committed");
      return "SIGINT".equals(report.cancelled()) ? ExitCodes.CANCELLED_INT : ExitCodes.CANCELLED_TERM;
    }
    if (report.environmentFailure() != null) {
      // The machine is in the way, not an integration: the sentence names the file and the space left.
      spec.commandLine().getErr().println("agent: " + report.environmentFailure());
      return ExitCodes.ENVIRONMENT;
    }
    if (report.exportDir() == null) {
      return ExitCodes.USAGE;
    }
    return report.allCompleted() ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
