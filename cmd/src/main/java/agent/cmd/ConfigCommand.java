package agent.cmd;

import agent.core.config.AgentConfig;
import agent.core.ops.EffectiveConfig;
import agent.rpcdef.Json;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code agent config show}: the effective configuration and where each value came from. */
@Command(name = "config", mixinStandardHelpOptions = true,
    description = "Shows the agent's configuration.",
    subcommands = {ConfigCommand.Show.class})
final class ConfigCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = {
          "Prints every setting the agent uses, each with its source; secrets redacted.",
          "",
          "The settings of config.json, of the environment (HTTPS_PROXY, NO_PROXY, AGENT_CA_FILE, AGENT_BACKEND_URL,"
              + " ...) and of the flags given here, each with its source, then the proxy and the CA file in use. The"
              + " API key and proxy passwords are shown as [REDACTED].",
          "",
          "Exit codes: 0 shown; 2 bad options (a malformed --agent-config-json)."})
  static final class Show implements Callable<Integer> {
    @Mixin RootOption root;
    @Mixin AgentConfigOptions agentConfig;
    @Option(names = "--json", description = "Print {\"settings\": [{\"key\", \"value\", \"source\"}]}.") boolean json;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      Map<String, String> flags = new LinkedHashMap<>();
      if (agentConfig.source != null) {
        AgentConfig c = agentConfig.config();
        flags.put("customer_id", c.customerId());
        flags.put("integration_timeout_seconds", Long.toString(c.integrationTimeout().toSeconds()));
        if (c.proxy() != null) {
          flags.put("proxy", c.proxy());
        }
        if (c.caFile() != null) {
          flags.put("ca_file", c.caFile().toString());
        }
      }
      List<EffectiveConfig.Setting> s = EffectiveConfig.of(root.path(), root.source(), flags, System.getenv());
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(Json.mapper().writeValueAsString(EffectiveConfig.json(s)));
      } else {
        EffectiveConfig.lines(s).forEach(out::println);
      }
      out.flush();
      return ExitCodes.OK;
    }
  }
}
