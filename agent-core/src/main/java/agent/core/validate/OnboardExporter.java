package agent.core.validate;

import agent.core.log.Redactor;
import agent.core.plugin.IntegrationEntry;
import agent.core.plugin.PluginLauncher;
import agent.rpcdef.internal.grpc.PluginCallException;
import java.time.Duration;

/**
 * Fetches the records an admin UI shows to pick what to export ("users", "repos", "projects",
 * "workconfig") from one integration.
 */
public final class OnboardExporter {
  private final PluginLauncher launcher;
  private final Duration timeout;

  public OnboardExporter(PluginLauncher launcher, Duration timeout) {
    this.launcher = launcher;
    this.timeout = timeout;
  }

  /**
   * Returns the records as a UTF-8 JSON array.
   *
   * @throws PluginCallException with a crash report or the plugin's own message as its message
   */
  public byte[] export(IntegrationEntry entry, String objectType) {
    Redactor.global().addSecretsOf(entry.config());
    try (PluginLauncher.RunningPlugin p = launcher.launch(entry, new NoExportAgent("export-onboard-data"))) {
      try {
        return p.client().onboard(entry.configJson(), objectType, timeout);
      } catch (PluginCallException e) {
        throw new PluginCallException(e.kind(), p.explain(e), e);
      }
    }
  }
}
