package agent.core.export;

import java.nio.file.Path;
import java.util.List;

/** How an export went, integration by integration. */
public record ExportReport(String exportId, Path exportDir, long durationMs, List<IntegrationReport> integrations) {

  public boolean allCompleted() {
    return integrations.stream().allMatch(IntegrationReport::completed);
  }

  /** Rate-limit pauses of all integrations. */
  public int pauses() {
    return integrations.stream().mapToInt(IntegrationReport::pauses).sum();
  }

  /** How long the integrations waited for rate limits, added up (they may have waited at the same time). */
  public long pausedMs() {
    return integrations.stream().mapToLong(IntegrationReport::pausedMs).sum();
  }

  /** "completed", "partial" (some failed) or "failed" (all failed). */
  public String status() {
    long ok = integrations.stream().filter(IntegrationReport::completed).count();
    return ok == integrations.size() ? "completed" : ok == 0 ? "failed" : "partial";
  }
}
