package agent.core.progress;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an export has done so far, at one moment: the input of {@link ProgressRenderer}. Built by the
 * export from its live integrations, and by {@code service-run} from its child's progress file.
 *
 * @param time when it was taken
 * @param integrations in the order the export was given them
 */
public record ProgressSnapshot(Instant time, List<Integration> integrations) {
  public ProgressSnapshot {
    integrations = List.copyOf(integrations);
  }

  /**
   * One integration.
   *
   * @param status {@code starting}, {@code running}, {@code completed} or {@code failed}
   * @param objects objects received so far per model type
   * @param current how far its top session(s) are, summed; 0 before the first report
   * @param total the top session(s)' total, summed; 0 while unknown
   * @param session the readable name of the session that reported last ({@link SessionNames}); null if none
   * @param pause the rate-limit pause going on; null while it works
   * @param elapsedMs how long it has run (once ended: how long it ran); 0 before it started
   */
  public record Integration(String id, String status, Map<String, Long> objects, long current, long total, String session,
      Pause pause, long elapsedMs) {
    public Integration {
      objects = Map.copyOf(objects);
    }

    public long totalObjects() {
      return objects.values().stream().mapToLong(Long::longValue).sum();
    }

    public boolean ended() {
      return "completed".equals(status) || "failed".equals(status);
    }
  }

  /** @param resumeAt when the plugin said it goes on; null when it did not */
  public record Pause(String reason, Instant resumeAt) {}
}
