package agent.core.export;

import agent.core.fs.PinpointRoot;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What an export needs to know beyond its integrations.
 *
 * @param pinpointRoot the agent's data folder (config, state, exports, logs, cache)
 * @param customerId part of the id of every object the host itself builds (git commits, branches)
 * @param reprocessHistorical ignore stored tokens: every session starts from scratch
 * @param integrationTimeout how long one integration may run before it is stopped and failed
 * @param rollRawBytes uncompressed bytes after which an output file is finished and a new one begun
 * @param commitCheckpoints true (a local export): an integration's staged tokens are committed as soon
 *     as its files are final; false (an export run by {@code service-run}): they stay staged in the
 *     manifest only, and {@code state/checkpoints.json} is not touched, because the data they cover is
 *     durable only once the backend acknowledged the upload
 * @param progressFile where the export keeps its live progress for the process that started it
 *     ({@code service-run}), rewritten about once a second (format: {@code ProgressFile}); null for none
 * @param exportIdFile where the export tells the process that started it ({@code service-run}) its id, as
 *     soon as its folder and its first manifest exist and before any integration starts: the id on one
 *     line, written atomically; null for none
 * @param retention which earlier local export folders stay when this export starts
 */
public record ExportSettings(Path pinpointRoot, String customerId, boolean reprocessHistorical, Duration integrationTimeout,
    long rollRawBytes, boolean commitCheckpoints, Path progressFile, Path exportIdFile, ExportRetention retention) {

  /** With the default {@link ExportRetention}. */
  public ExportSettings(Path pinpointRoot, String customerId, boolean reprocessHistorical, Duration integrationTimeout,
      long rollRawBytes, boolean commitCheckpoints, Path progressFile, Path exportIdFile) {
    this(pinpointRoot, customerId, reprocessHistorical, integrationTimeout, rollRawBytes, commitCheckpoints, progressFile,
        exportIdFile, ExportRetention.defaults());
  }

  /** The layout of {@link #pinpointRoot()}. */
  public PinpointRoot root() {
    return PinpointRoot.of(pinpointRoot);
  }
}
