package agent.cmd;

import agent.core.config.AgentConfig;
import agent.core.config.Enrollment;
import agent.core.config.InputException;
import agent.core.ops.Doctor;
import agent.core.ops.EffectiveProxy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code agent doctor}: checks the machine and the way to the backend, one line per check. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = {
        "Checks what the agent needs, one line per check, and says what to do about each failure.",
        "",
        "The checks: the pinpoint root (writable, config.json 0600), disk space, the proxy (reachable,"
            + " authentication), DNS, the backend (one request), TLS with the configured CA, the clock against the"
            + " backend's Date header, git. Each is OK, WARN or FAIL; under each WARN and FAIL, what to do. Before"
            + " enrollment give --backend-url (and --agent-config-json for a proxy or CA file) to check the network.",
        "",
        "Exit codes: 0 no check failed (warnings allowed); 1 a check failed; 2 bad options."})
final class DoctorCommand implements Callable<Integer> {
  @Mixin RootOption root;
  @Mixin AgentConfigOptions agentConfig;

  @Option(names = "--backend-url", paramLabel = "URL", defaultValue = "${env:AGENT_BACKEND_URL}",
      description = "The backend to check when not enrolled yet (default: config.json's, else $AGENT_BACKEND_URL).")
  String backendUrl;

  @Option(names = "--timeout-seconds", paramLabel = "S", defaultValue = "10",
      description = "The bound of each network check (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    List<Doctor.Check> checks = Doctor.run(inputs(root.path(), agentConfig, backendUrl, Duration.ofSeconds(Math.max(1, timeoutSeconds))));
    PrintWriter out = spec.commandLine().getOut();
    print(checks, out);
    out.flush();
    return Doctor.worst(checks) == Doctor.Level.FAIL ? ExitCodes.FAILED : ExitCodes.OK;
  }

  static void print(List<Doctor.Check> checks, PrintWriter out) {
    for (Doctor.Check c : checks) {
      out.println(c.line());
      if (c.fix() != null) {
        out.println("     -> " + c.fix());
      }
    }
    long failed = checks.stream().filter(c -> c.level() == Doctor.Level.FAIL).count();
    long warned = checks.stream().filter(c -> c.level() == Doctor.Level.WARN).count();
    out.println(failed == 0 && warned == 0 ? "all " + checks.size() + " checks OK"
        : failed + " failed, " + warned + " warning(s), of " + checks.size() + " checks");
  }

  /** The enrollment's settings when there is one (what the service uses), else the flags'. */
  static Doctor.Inputs inputs(Path root, AgentConfigOptions flags, String backendUrl, Duration timeout) {
    Optional<Enrollment> e;
    try {
      e = Enrollment.read(root);
    } catch (InputException broken) {
      e = Optional.empty(); // the enrollment check reports it
    }
    AgentConfig c = flags == null ? AgentConfig.defaults() : flags.config();
    String proxy = e.map(Enrollment::proxy).orElse(c.proxy());
    Path ca = e.map(Enrollment::caFilePath).orElse(c.caFile());
    String url = e.map(Enrollment::backendUrl).orElse(backendUrl == null || backendUrl.isBlank() ? null : backendUrl);
    return new Doctor.Inputs(root, url, e.map(Enrollment::apiKey).orElse(null), ca,
        EffectiveProxy.of(proxy, System.getenv()), timeout);
  }
}
