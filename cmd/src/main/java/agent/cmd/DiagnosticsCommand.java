package agent.cmd;

import agent.core.config.OutputFileOption;
import agent.core.ops.DiagnosticsBundle;
import agent.core.ops.Doctor;
import agent.core.ops.EffectiveConfig;
import agent.core.ops.ServiceStatus;
import agent.core.service.ServiceInstallation;
import agent.core.service.ServicePlan;
import agent.core.service.ServicePlanRunner;
import agent.rpcdef.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code agent diagnostics --out FILE}: a zip for a support ticket, secrets removed. */
@Command(name = "diagnostics", mixinStandardHelpOptions = true,
    description = {
        "Writes a zip for a support ticket: reports, logs and manifests, secrets masked.",
        "",
        "It holds versions, the output of 'service status', 'doctor' and 'config show', the logs, the command"
            + " journal, and every export's manifest.json and upload.json; never config.json, a command's parameters,"
            + " checkpoints or exported objects. The API key, the proxy's password and every value under a"
            + " secret-looking key are masked in every entry, also JSON-escaped, URL-encoded or in base64. The zip is"
            + " mode 0600.",
        "",
        "Exit codes: 0 written; 2 bad options or --out's folder does not exist; 3 the file cannot be written."})
final class DiagnosticsCommand implements Callable<Integer> {
  @Mixin RootOption root;
  @Mixin ServiceOptions service;

  @Option(names = "--out", paramLabel = "FILE", required = true, description = "The zip to write, e.g. agent-diagnostics.zip.")
  Path out;

  @Option(names = "--timeout-seconds", paramLabel = "S", defaultValue = "5",
      description = "The bound of each network check (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    OutputFileOption.check(out, "--out");
    Path r = root.path();
    Duration timeout = Duration.ofSeconds(Math.max(1, timeoutSeconds));
    Map<String, String> reports = new LinkedHashMap<>();
    reports.put("version.txt", String.join("\n", new Version().getVersion()) + "\nos: " + System.getProperty("os.name")
        + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch") + "\nagent home: " + AgentHome.resolve()
        + "\nwritten: " + Instant.now() + "\n");
    ServiceInstallation installation = service.installation(r);
    ServicePlan plan = installation.status();
    ServiceStatus status = ServiceStatus.collect(r, Version.current(), new ServiceStatus.ServiceFacts(
        plan.platform().name().toLowerCase(java.util.Locale.ROOT), installation.serviceName(), plan.file(),
        ServicePlanRunner.query(plan)), ServiceStatusCommand.HEARTBEAT_INTERVAL, timeout);
    reports.put("status.txt", String.join("\n", status.lines()) + "\n");
    reports.put("status.json", Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(status.json()));
    StringWriter doctor = new StringWriter();
    try (PrintWriter w = new PrintWriter(doctor)) {
      DoctorCommand.print(Doctor.run(DoctorCommand.inputs(r, null, System.getenv("AGENT_BACKEND_URL"), timeout)), w);
    }
    reports.put("doctor.txt", doctor.toString());
    List<EffectiveConfig.Setting> config = EffectiveConfig.of(r, root.source(), Map.of(), System.getenv());
    reports.put("config.txt", String.join("\n", EffectiveConfig.lines(config)) + "\n");
    List<String> entries = DiagnosticsBundle.write(out, r, reports, System.getenv());
    PrintWriter o = spec.commandLine().getOut();
    o.println("wrote " + out.toAbsolutePath() + " (" + entries.size() + " files: " + String.join(", ", entries.subList(0,
        Math.min(6, entries.size()))) + (entries.size() > 6 ? ", ..." : "") + ")");
    o.println("secrets are masked; look it over before you send it: unzip -l " + out);
    o.flush();
    return ExitCodes.OK;
  }
}
