package agent.cmd;

import agent.core.ops.ServiceStatus;
import agent.core.service.ServiceInstallation;
import agent.core.service.ServicePlan;
import agent.core.service.ServicePlanRunner;
import agent.core.service.ServicePlatform;
import agent.rpcdef.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code agent service status}: is the agent enrolled, installed, running, heard by its backend, and is anything wrong. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = {
        "Shows whether the agent is enrolled, installed, running and heard by its backend, and what is wrong.",
        "",
        "It prints the version, the enrollment, the service file, the service-run holding the root (pid), whether the"
            + " backend answers (one request, at most --timeout-seconds), the last heartbeat it accepted, the running"
            + " command and its progress, the last export, the exports waiting for upload, the proxy and what the"
            + " service manager says; then the problems, each with what to do.",
        "",
        "Exit codes: 0 healthy; 1 something needs an operator (service-run not running, backend unreachable or"
            + " refusing the key, heartbeat stale, exports refused or quarantined); 2 not enrolled, config.json"
            + " unusable, or bad options."})
final class ServiceStatusCommand implements Callable<Integer> {
  /** The service's heartbeat interval ({@code service-run}'s default). */
  static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(30);

  @Mixin RootOption root;
  @Mixin ServiceOptions service;
  @Option(names = "--json", description = "Print the status as one JSON object, for scripts.") boolean json;
  @Option(names = "--timeout-seconds", paramLabel = "S", defaultValue = "10",
      description = "At most how long the backend request may take (default: ${DEFAULT-VALUE}).") long timeoutSeconds;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Path r = root.path();
    ServiceInstallation installation = service.installation(r);
    ServicePlan plan = installation.status();
    String platform = plan.platform().name().toLowerCase(Locale.ROOT)
        + (plan.platform() == ServicePlatform.SYSTEMD ? (service.systemScope() ? " (system)" : " (user)") : "");
    ServiceStatus s = ServiceStatus.collect(r, Version.current(),
        new ServiceStatus.ServiceFacts(platform, installation.serviceName(), plan.file(), ServicePlanRunner.query(plan)),
        HEARTBEAT_INTERVAL, Duration.ofSeconds(Math.max(1, timeoutSeconds)));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.mapper().writeValueAsString(s.json()));
    } else {
      out.println("platform: " + platform);
      s.lines().forEach(out::println);
    }
    out.flush();
    return switch (s.health()) {
      case HEALTHY -> ExitCodes.OK;
      case UNHEALTHY -> ExitCodes.FAILED;
      case NOT_ENROLLED -> ExitCodes.USAGE;
    };
  }
}
