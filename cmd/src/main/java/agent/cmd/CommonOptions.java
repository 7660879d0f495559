package agent.cmd;

import agent.core.fs.PinpointRoot;
import agent.core.config.AgentConfig;
import agent.core.config.InputException;
import agent.core.config.IntegrationsInput;
import agent.core.plugin.IntegrationEntry;
import agent.core.plugin.PluginCatalog;
import agent.core.plugin.PluginLauncher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options shared by the commands that run integrations. */
final class CommonOptions {
  static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);

  static final class IntegrationsSource {
    @Option(names = "--integrations-json", paramLabel = "JSON",
        description = {"The integrations to run, e.g.", "'[{\"name\":\"mock\",\"config\":{}}]'"})
    String json;

    @Option(names = "--integrations-file", paramLabel = "FILE", description = "The integrations to run, from a JSON file.")
    Path file;
  }

  @Mixin AgentConfigOptions agentConfig;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  IntegrationsSource integrations;

  @Option(names = "--pinpoint-root", paramLabel = "DIR", description = RootOption.DESCRIPTION,
      defaultValue = RootOption.DEFAULT)
  Path pinpointRoot;

  @Mixin LogOptions log;

  @Option(names = "--plugins-dir", paramLabel = "DIR", hidden = true,
      description = "Where plugins are found (default: <agent home>/plugins).")
  Path pluginsDir;

  @Option(names = "--stop-with-parent", hidden = true,
      description = "Stop when standard input closes. service-run sets it: its death closes the pipe, so no orphan"
          + " command outlives it.")
  boolean stopWithParent;

  /** A command's checked input: nothing has run yet. */
  record Prepared(AgentConfig config, PluginCatalog catalog, List<IntegrationEntry> entries, java.util.Map<String, String> pluginEnv) {}

  /**
   * Checks every input before anything runs, then starts logging and reports broken plugin
   * manifests. Bad input throws {@link InputException} (exit code 2) and touches nothing.
   *
   * @param defaultIntegrations used when no integrations were given; null makes them required
   * @param logToStderr for commands whose stdout carries data
   * @param logFile the command's log file, or null
   */
  Prepared prepare(String defaultIntegrations, boolean logToStderr, Path logFile) {
    log.check();
    AgentConfig config = agentConfig.config();
    PluginCatalog catalog = catalog();
    List<IntegrationEntry> entries = integrations == null && defaultIntegrations != null
        ? IntegrationsInput.parse(defaultIntegrations, "the built-in demo integrations", catalog.names())
        : integrations(catalog);
    log.start(logToStderr, logFile);
    if (stopWithParent) {
      ParentWatch.start();
    }
    org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CommonOptions.class);
    catalog.problems().forEach(p -> log.warn("plugin problem: {}", p));
    java.util.Map<String, String> pluginEnv = agent.core.net.HostNetwork.apply(config.proxy(), config.caFile());
    return new Prepared(config, catalog, entries, pluginEnv);
  }

  PluginLauncher launcher(Prepared p, boolean writeIntegrationLogs) {
    Path logs = writeIntegrationLogs ? PinpointRoot.of(pinpointRoot).integrationLogsDir() : null;
    return new PluginLauncher(p.catalog(), PluginLauncher.currentJava(), logs, HANDSHAKE_TIMEOUT, Version.current(),
        p.config().customerId(), p.pluginEnv());
  }

  boolean hasIntegrations() {
    return integrations != null;
  }

  /** The integrations given, checked against the installed plugins. */
  private List<IntegrationEntry> integrations(PluginCatalog catalog) {
    if (integrations == null) {
      throw new InputException("give the integrations to run with --integrations-json or --integrations-file");
    }
    return integrations.json != null
        ? IntegrationsInput.parse(integrations.json, "--integrations-json", catalog.names())
        : IntegrationsInput.parseFile(integrations.file, catalog.names());
  }

  private PluginCatalog catalog() {
    Path home = AgentHome.resolve();
    return PluginCatalog.discover(home, pluginsDir != null ? pluginsDir : home.resolve("plugins"));
  }

}
