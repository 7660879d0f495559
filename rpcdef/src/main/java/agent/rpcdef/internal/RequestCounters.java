package agent.rpcdef.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counters an integration's HTTP client keeps for one export, carried to the host by the Export
 * response ({@code ExportResponse.request_stats}) and shown in the export's summary and manifest.
 * The plugin side fills them from {@link agent.rpcdef.http.RequestStats}, whose names these are.
 */
public final class RequestCounters {
  /** Requests sent, retries included. */
  public static final String REQUESTS = "requests";
  /** Answers 304: the source had nothing new for a conditional request. */
  public static final String NOT_MODIFIED = "not_modified";
  /** Requests sent again after a retryable failure. */
  public static final String RETRIES = "retries";
  /** Waits for a rate limit, and their total length. */
  public static final String RATE_LIMIT_WAITS = "rate_limit_waits";
  public static final String RATE_LIMIT_WAIT_MS = "rate_limit_wait_ms";
  /** Bytes of the response bodies received. */
  public static final String BYTES = "bytes";

  /** The counters the host knows, in the order it shows them. */
  public static final List<String> KEYS = List.of(REQUESTS, NOT_MODIFIED, RETRIES, RATE_LIMIT_WAITS, RATE_LIMIT_WAIT_MS, BYTES);

  private RequestCounters() {}

  /**
   * A copy for display: the known counters in {@link #KEYS} order, then any others sorted by name;
   * null entries are left out. Empty for a null map.
   */
  public static Map<String, Long> ordered(Map<String, Long> stats) {
    if (stats == null || stats.isEmpty()) {
      return Map.of();
    }
    Map<String, Long> out = new LinkedHashMap<>();
    for (String k : KEYS) {
      Long v = stats.get(k);
      if (v != null) {
        out.put(k, v);
      }
    }
    new TreeMap<>(stats).forEach((k, v) -> {
      if (k != null && v != null) {
        out.putIfAbsent(k, v);
      }
    });
    return Collections.unmodifiableMap(out);
  }
}
