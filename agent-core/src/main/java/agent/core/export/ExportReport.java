package agent.core.export;

import java.nio.file.Path;
import java.util.List;

/** How an export went, integration by integration. */
public record ExportReport(String exportId, Path exportDir, long durationMs, List<IntegrationReport> integrations) {

  public boolean allCompleted() {
    return integrations.stream().allMatch(IntegrationReport::completed);
  }

  /** "completed", "partial" (some failed) or "failed" (all failed). */
  public String status() {
    long ok = integrations.stream().filter(IntegrationReport::completed).count();
    return ok == integrations.size() ? "completed" : ok == 0 ? "failed" : "partial";
  }
}
