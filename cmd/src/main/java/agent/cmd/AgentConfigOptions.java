package agent.cmd;

import agent.core.config.AgentConfig;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** {@code --agent-config-json} / {@code --agent-config-file}: the agent settings (customer, proxy, CA file, ...). */
final class AgentConfigOptions {
  static final class Source {
    @Option(names = "--agent-config-json", paramLabel = "JSON",
        description = {"Agent settings as JSON (customer_id, proxy, ca_file, ...), e.g.",
            "'{\"customer_id\":\"acme\"}'",
            "'{\"proxy\":\"http://proxy:3128\"}'"})
    String json;

    @Option(names = "--agent-config-file", paramLabel = "FILE", description = "Agent settings from a JSON file.")
    Path file;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Source source;

  /** The settings given, checked; the defaults when none were. Bad input throws {@code InputException}. */
  AgentConfig config() {
    if (source == null) {
      return AgentConfig.defaults();
    }
    return source.json != null ? AgentConfig.parse(source.json, "--agent-config-json") : AgentConfig.parseFile(source.file);
  }
}
