package agent.core.plugin;

import agent.core.log.PluginLogRelay;
import agent.core.log.Redactor;
import agent.rpcdef.ConfigSpec;
import agent.rpcdef.internal.Agent;
import agent.rpcdef.internal.grpc.IntegrationClient;
import agent.rpcdef.internal.grpc.PluginCallException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Starts integrations: the callback server, the plugin process, the handshake and Init, as one
 * step that either yields a {@link RunningPlugin} or cleans up after itself. After Init the values
 * of the config keys the plugin declared secret are registered with the {@link Redactor}.
 */
public final class PluginLauncher {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PluginLauncher.class);
  private final PluginCatalog catalog;
  private final String javaExecutable;
  private final Path integrationLogsDir;
  private final Duration handshakeTimeout;
  private final String agentVersion;
  private final String customerId;
  private final java.util.Map<String, String> pluginEnv;

  /**
   * @param integrationLogsDir where {@code <integration-id>} log files go, or null for none
   * @param pluginEnv variables added to every plugin's environment (the network settings)
   */
  public PluginLauncher(PluginCatalog catalog, String javaExecutable, Path integrationLogsDir, Duration handshakeTimeout,
      String agentVersion, String customerId, java.util.Map<String, String> pluginEnv) {
    this.catalog = catalog;
    this.javaExecutable = javaExecutable;
    this.integrationLogsDir = integrationLogsDir;
    this.handshakeTimeout = handshakeTimeout;
    this.agentVersion = agentVersion;
    this.customerId = customerId;
    this.pluginEnv = java.util.Map.copyOf(pluginEnv);
  }

  public PluginCatalog catalog() {
    return catalog;
  }

  /** The java executable of this JVM, which java plugins run on. */
  public static String currentJava() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /**
   * Launches the entry's plugin with {@code callbacks} serving its Agent calls.
   *
   * @throws PluginStartException when the plugin is unknown, does not start or fails Init
   */
  public RunningPlugin launch(IntegrationEntry entry, Agent callbacks) {
    PluginManifest manifest = catalog.find(entry.name()).orElseThrow(() -> new PluginStartException(
        "unknown integration \"" + entry.name() + "\"; known integrations: " + String.join(", ", catalog.names()), null));
    String token = PluginProcess.newToken();
    Redactor.global().add(token);
    PluginLogRelay relay;
    try {
      relay = new PluginLogRelay(entry.id(), integrationLogsDir == null ? null : integrationLogsDir.resolve(entry.id()),
          Redactor.global());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the log file of integration " + entry.id() + ": " + e.getMessage(), e);
    }
    // The callback server starts while the plugin's JVM does, on the other core.
    CallbackServer[] started = new CallbackServer[1];
    PluginProcess process = null;
    try {
      process = PluginProcess.start(manifest, entry.id(), catalog.agentHome(), javaExecutable, token, pluginEnv, relay,
          handshakeTimeout, () -> started[0] = CallbackServer.start(callbacks, token));
      CallbackServer server = started[0];
      IntegrationClient.InitResult init =
          process.client().init(server.address(), entry.id(), entry.name(), customerId, agentVersion, handshakeTimeout);
      // Before any call that carries the config: from now on the plugin may log what it read from it.
      Redactor.global().addDeclaredSecrets(entry.config(), init.configSpec());
      LOG.debug("integration {} initialized (plugin version {})", entry.id(), init.pluginVersion());
      return new RunningPlugin(entry, process, server, relay, init.configSpec());
    } catch (PluginCallException e) {
      // A killed plugin's connection breaks a moment before the system reports its exit: wait for it
      // briefly, so that the operator reads "killed by signal 9" rather than "network closed".
      boolean exited = process != null && process.awaitExit(Duration.ofSeconds(1));
      String why = exited ? process.crashReport() : "integration " + entry.id() + " failed Init: " + e.getMessage();
      closeQuietly(process, started[0], relay);
      throw new PluginStartException(why, e);
    } catch (RuntimeException e) {
      closeQuietly(process, started[0], relay);
      throw e;
    }
  }

  private static void closeQuietly(PluginProcess process, CallbackServer server, PluginLogRelay relay) {
    if (process != null) {
      process.kill();
      process.close();
    }
    if (server != null) {
      server.close();
    }
    relay.close();
  }

  /** A started, initialized plugin. Closing it stops the plugin (Shutdown, 2 s, kill). */
  public static final class RunningPlugin implements AutoCloseable {
    private final IntegrationEntry entry;
    private final PluginProcess process;
    private final CallbackServer server;
    private final PluginLogRelay relay;
    private final ConfigSpec configSpec;

    RunningPlugin(IntegrationEntry entry, PluginProcess process, CallbackServer server, PluginLogRelay relay,
        ConfigSpec configSpec) {
      this.entry = entry;
      this.process = process;
      this.server = server;
      this.relay = relay;
      this.configSpec = configSpec;
    }

    /** The config keys the plugin declared at Init; empty for a plugin that declared none. */
    public java.util.Optional<ConfigSpec> configSpec() {
      return java.util.Optional.ofNullable(configSpec);
    }

    public IntegrationClient client() {
      return process.client();
    }

    public PluginProcess process() {
      return process;
    }

    public IntegrationEntry entry() {
      return entry;
    }

    /**
     * Explains a failed call: the crash report if the process died, else the call's own message.
     */
    public String explain(PluginCallException e) {
      if (e.kind() == PluginCallException.Kind.UNAVAILABLE || e.kind() == PluginCallException.Kind.CANCELLED) {
        if (process.awaitExit(Duration.ofSeconds(2)) || !process.isAlive()) {
          return process.crashReport();
        }
      }
      return e.getMessage();
    }

    @Override
    public void close() {
      try {
        process.close();
      } finally {
        server.close();
        relay.close();
      }
    }
  }
}
