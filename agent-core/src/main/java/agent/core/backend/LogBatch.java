package agent.core.backend;

import java.util.List;

/**
 * A batch for {@code POST /logs}; {@code batchId} is its idempotency key. Lines are redacted before
 * they are put in a batch.
 *
 * @param source {@code service-run}, {@code export}, ..., or {@code integration/<id>}
 * @param commandId the command the lines belong to; null for the service's own lines
 */
public record LogBatch(String batchId, String source, String commandId, List<Line> lines) {
  public LogBatch {
    lines = List.copyOf(lines);
  }

  /** One log line. */
  public record Line(String time, String level, String logger, String message, String integration) {}
}
