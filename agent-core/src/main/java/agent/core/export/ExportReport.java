package agent.core.export;

import agent.core.output.ExportManifest;
import java.nio.file.Path;
import java.util.List;

/**
 * How an export went, integration by integration.
 *
 * @param exportDir its folder; null when none was kept (every integration rejected its config, or an
 *     export with deferred checkpoints was aborted)
 * @param environmentFailure null, or why the export was aborted: its output could not be written for the
 *     disk (a full disk, a file-size limit), in a sentence naming the file and the space left
 * @param cancelled null, or why the export was cancelled before it ended (a signal: "SIGTERM")
 */
public record ExportReport(String exportId, Path exportDir, long durationMs, List<IntegrationReport> integrations,
    String environmentFailure, String cancelled) {

  public ExportReport(String exportId, Path exportDir, long durationMs, List<IntegrationReport> integrations) {
    this(exportId, exportDir, durationMs, integrations, null, null);
  }

  public ExportReport(String exportId, Path exportDir, long durationMs, List<IntegrationReport> integrations,
      String environmentFailure) {
    this(exportId, exportDir, durationMs, integrations, environmentFailure, null);
  }

  public boolean allCompleted() {
    return integrations.stream().allMatch(IntegrationReport::completed);
  }

  /**
   * {@code cancelled} (stopped by a signal), {@code completed}, {@code partial} (some failed) or {@code failed}
   * (all failed): what its manifest says.
   */
  public ExportManifest.Status status() {
    if (cancelled != null) {
      return ExportManifest.Status.CANCELLED;
    }
    long ok = integrations.stream().filter(IntegrationReport::completed).count();
    return ok == integrations.size() ? ExportManifest.Status.COMPLETED
        : ok == 0 ? ExportManifest.Status.FAILED : ExportManifest.Status.PARTIAL;
  }
}
