package agent.cmd;

import agent.core.config.Enrollment;
import agent.core.config.InputException;
import agent.core.service.ServicePlan;
import agent.core.service.ServicePlanRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
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
        "Exit codes of install and uninstall: 0 done; 2 bad input or not enrolled;",
        "3 a file or a service manager's command failed. Of status: see 'agent service status --help'."},
    subcommands = {ServiceCommand.Install.class, ServiceCommand.Uninstall.class, ServiceStatusCommand.class})
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
}
