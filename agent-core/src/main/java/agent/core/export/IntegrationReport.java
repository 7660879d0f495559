package agent.core.export;

import agent.core.output.OutputFile;
import java.util.List;
import java.util.Map;

/**
 * How one integration of an export went.
 *
 * @param error null when completed; else what went wrong, in words
 * @param configError true when the failure is a configuration the user must fix
 * @param committedTokens the tokens staged for it, committed too unless the export defers them
 *     (empty when it failed)
 * @param pauses how many times it paused for a rate limit
 * @param pausedMs how long those pauses lasted in all
 * @param requestStats what its HTTP client counted ({@link agent.rpcdef.internal.RequestCounters}), in
 *     display order; empty when it reported nothing (no HTTP calls, or it failed)
 */
public record IntegrationReport(
    String id,
    String name,
    boolean completed,
    String error,
    boolean configError,
    long durationMs,
    Map<String, Long> objects,
    List<OutputFile> files,
    Map<String, String> committedTokens,
    int pauses,
    long pausedMs,
    Map<String, Long> requestStats) {

  public IntegrationReport {
    requestStats = requestStats == null ? Map.of() : requestStats;
  }

  public long totalObjects() {
    return objects.values().stream().mapToLong(Long::longValue).sum();
  }
}
