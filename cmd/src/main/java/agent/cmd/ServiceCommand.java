package agent.cmd;

import agent.core.fs.PinpointRoot;
import agent.core.config.Enrollment;
import agent.core.config.InputException;
import agent.core.fs.ProcessLock;
import agent.core.service.ExportQuarantine;
import agent.core.service.ServiceInstallation;
import agent.core.service.ServicePlan;
import agent.core.service.ServicePlanRunner;
import agent.core.service.ServicePlatform;
import agent.core.service.UploadMarker;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code agent service install|uninstall|status}: the agent as an OS service running {@code service-run}. */
@Command(name = "service", mixinStandardHelpOptions = true,
    description = {
        "Installs, removes or shows the OS service that runs the agent.",
        "",
        "The service runs 'agent service-run': a systemd unit (Linux), a launchd agent",
        "(macOS) or a procrun service (Windows). Every file written and every command",
        "run is printed first; --dry-run prints them and touches nothing.",
        "",
        "Exit codes: 0 done; 2 bad input or not enrolled; 3 a file or a service",
        "manager's command failed."},
    subcommands = {ServiceCommand.Install.class, ServiceCommand.Uninstall.class, ServiceCommand.Status.class})
final class ServiceCommand implements Runnable {
  static final String ENROLL_FIRST = "enroll first: agent enroll <CODE>";

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "install", mixinStandardHelpOptions = true,
      description = "Writes the service file for this agent and starts the service (enrolled agents only).")
  static final class Install implements Callable<Integer> {
    @Mixin RootOption root;
    @Mixin ServiceOptions service;
    @Option(names = "--dry-run", description = "Print the file and the commands; change nothing.") boolean dryRun;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      Path r = root.path();
      ServicePlan plan = service.installation(r).install();
      PrintWriter out = spec.commandLine().getOut();
      if (Enrollment.read(r).isEmpty()) {
        if (!dryRun) {
          throw new InputException(ENROLL_FIRST);
        }
        out.println("(not enrolled in " + r + " yet: " + ENROLL_FIRST + ")");
      }
      new ServicePlanRunner(out, dryRun).install(plan);
      if (!dryRun) {
        out.println("Installed the " + plan.platform().name().toLowerCase(Locale.ROOT) + " service running 'agent service-run --pinpoint-root=" + r + "'.");
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(name = "uninstall", mixinStandardHelpOptions = true,
      description = "Stops the service and removes it; config.json and the data folder stay.")
  static final class Uninstall implements Callable<Integer> {
    @Mixin RootOption root;
    @Mixin ServiceOptions service;
    @Option(names = "--dry-run", description = "Print the commands; change nothing.") boolean dryRun;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      ServicePlan plan = service.installation(root.path()).uninstall();
      new ServicePlanRunner(spec.commandLine().getOut(), dryRun).uninstall(plan);
      return ExitCodes.OK;
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Shows whether the agent is enrolled, whether the service file exists, whether service-run runs on"
          + " the root, what waits for upload, and what the service manager says.")
  static final class Status implements Callable<Integer> {
    @Mixin RootOption root;
    @Mixin ServiceOptions service;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Path r = root.path();
      ServiceInstallation installation = service.installation(r);
      ServicePlan plan = installation.status();
      PrintWriter out = spec.commandLine().getOut();
      out.println("platform: " + plan.platform().name().toLowerCase(Locale.ROOT)
          + (plan.platform() == ServicePlatform.SYSTEMD ? (service.systemScope() ? " (system)" : " (user)") : ""));
      Optional<Enrollment> e;
      try {
        e = Enrollment.read(r);
        out.println("enrolled: " + e.map(x -> "yes, device " + x.deviceId() + " of customer " + x.customerId() + " with "
            + x.backendUrl()).orElse("no (" + ENROLL_FIRST + ")"));
      } catch (InputException broken) {
        out.println("enrolled: config.json is broken: " + broken.getMessage());
      }
      if (plan.file() != null) {
        out.println("service file: " + plan.file() + (Files.exists(plan.file()) ? " (present)" : " (absent: agent service install)"));
      }
      out.println("service-run: " + serviceRun(r));
      out.println("exports: " + uploads(r));
      new ServicePlanRunner(out, false).status(plan);
      return ExitCodes.OK;
    }

    /** Whether a service-run holds this root, whoever started it (the service manager or a person). */
    private static String serviceRun(Path root) {
      Path lock = PinpointRoot.of(root).serviceLock();
      try {
        if (!ProcessLock.isHeld(lock)) {
          return "not running on " + root;
        }
        String pid = ProcessLock.holder(lock);
        return "running on " + root + (pid.isEmpty() ? "" : " (pid " + pid + ")");
      } catch (java.io.IOException e) {
        return "unknown (" + lock + ": " + e.getMessage() + ")";
      }
    }

    /** What waits in exports/: uploads pending, and uploads the backend refused for good. */
    private static String uploads(Path root) {
      java.util.SortedMap<Path, UploadMarker> markers;
      try {
        markers = UploadMarker.all(PinpointRoot.of(root).exportsDir());
      } catch (java.io.IOException e) {
        return "unknown (" + PinpointRoot.of(root).exportsDir() + ": " + e.getMessage() + ")";
      }
      long pending = markers.values().stream().filter(UploadMarker::isPending).count();
      List<String> failed = markers.entrySet().stream().filter(e -> UploadMarker.FAILED.equals(e.getValue().state()))
          .map(e -> e.getKey().getFileName().toString()).toList();
      java.util.SortedSet<String> quarantined = new java.util.TreeSet<>();
      markers.forEach((dir, marker) -> {
        if (marker.isQuarantined()) {
          quarantined.add(dir.getFileName().toString()); // its move to quarantine/ was cut short
        }
      });
      try {
        quarantined.addAll(ExportQuarantine.exportIds(root));
      } catch (java.io.IOException e) {
        quarantined.add("unknown (" + PinpointRoot.of(root).quarantineDir() + ": " + e.getMessage() + ")");
      }
      return pending + " waiting for upload" + (failed.isEmpty() ? ""
          : "; " + failed.size() + " refused by the backend for good, kept for an operator: " + String.join(", ", failed))
          + (quarantined.isEmpty() ? ""
          : "; " + quarantined.size() + " quarantined (a file changed on disk), in " + PinpointRoot.of(root).quarantineDir()
              + ": " + String.join(", ", quarantined));
    }
  }
}
