package agent.cmd;

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
        "Run 'agent help <command>' or 'agent <command> --help' for details."},
    subcommands = {EnrollCommand.class, ServiceCommand.class, DoctorCommand.class, ConfigCommand.class,
        DiagnosticsCommand.class, CatCommand.class, CheckpointsCommand.class,
        VersionCommand.class, picocli.CommandLine.HelpCommand.class,
        ServiceRunCommand.class, ServiceStopCommand.class, ExportCommand.class,
        ValidateConfigCommand.class, ExportOnboardDataCommand.class})
final class AgentCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
