package agent.core.export;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What an export needs to know beyond its integrations.
 *
 * @param pinpointRoot the agent's data folder (config, state, exports, logs)
 * @param reprocessHistorical ignore stored tokens: every session starts from scratch
 * @param integrationTimeout how long one integration may run before it is stopped and failed
 * @param rollRawBytes uncompressed bytes after which an output file is finished and a new one begun
 */
public record ExportSettings(Path pinpointRoot, boolean reprocessHistorical, Duration integrationTimeout, long rollRawBytes) {

  public Path exportsDir() {
    return pinpointRoot.resolve("exports");
  }

  public Path stateDir() {
    return pinpointRoot.resolve("state");
  }

  public Path checkpointsFile() {
    return stateDir().resolve("checkpoints.json");
  }

  public Path logsDir() {
    return pinpointRoot.resolve("logs");
  }
}
