package agent.cmd;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code agent} command. */
@Command(name = "agent", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = {
        "On-premise data-export agent for engineering analytics.",
        "",
        "It exports data from your tools (git repositories, GitHub, GitLab, Jira, ...)",
        "through integration plugins into gzipped JSON, commanded by its backend.",
        "",
        "Set it up:",
        "  agent enroll <CODE> --backend-url https://...  register, install the service",
        "  agent service status                           running? healthy?",
        "",
        "Watch and diagnose it:",
        "  agent doctor                 what stands in the agent's way, and the fix",
        "  agent config show            the settings in use, and their sources",
        "  agent diagnostics --out F    a zip for a support ticket, secrets masked",
        "",
        "Look at and steer local state:",
        "  agent cat [EXPORT]                             an export's objects, as JSON",
        "  agent checkpoints list|show|reset              where exports start from",
        "",
        "Hidden commands for developers and air-gapped use:",
        "  agent export --integrations-json '[...]'        one export, no backend",
        "  agent validate-config --integrations-json '[...]'",
        "  agent export-onboard-data --object-type users --integrations-json '[...]'",
        "Run 'agent help <command>' or 'agent <command> --help' for details."})
final class AgentCommand implements Runnable {
  /**
   * The subcommands by name, in the order help lists them. Not in the annotation: picocli builds
   * a command's model by reflection when it is added, and a short command needs only its own
   * ({@link Main#commandLine(String...)}). Each name is the one in the class's own {@code @Command}.
   */
  static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

  private static Map<String, Class<?>> subcommands() {
    Map<String, Class<?>> m = new LinkedHashMap<>();
    m.put("enroll", EnrollCommand.class);
    m.put("service", ServiceCommand.class);
    m.put("doctor", DoctorCommand.class);
    m.put("config", ConfigCommand.class);
    m.put("diagnostics", DiagnosticsCommand.class);
    m.put("cat", CatCommand.class);
    m.put("checkpoints", CheckpointsCommand.class);
    m.put("version", VersionCommand.class);
    m.put("help", CommandLine.HelpCommand.class);
    m.put("service-run", ServiceRunCommand.class);
    m.put("service-stop", ServiceStopCommand.class);
    m.put("export", ExportCommand.class);
    m.put("validate-config", ValidateConfigCommand.class);
    m.put("export-onboard-data", ExportOnboardDataCommand.class);
    return java.util.Collections.unmodifiableMap(m);
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
