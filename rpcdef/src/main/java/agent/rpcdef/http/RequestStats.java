package agent.rpcdef.http;

import agent.rpcdef.internal.RequestCounters;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What an integration's HTTP traffic cost: requests sent (every attempt, retries included), 304
 * answers, retries, rate-limit waits (count and total time, pacing before the limit included) and
 * bytes received. One instance per integration, shared by all its {@link ApiClient}s; the host puts
 * {@link Snapshot#asMap()} in the export's manifest.
 *
 * <p>Thread-safe and lock-free; a snapshot is consistent per field, not across fields.
 */
public final class RequestStats {
  private final LongAdder requests = new LongAdder();
  private final LongAdder notModified = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder rateLimitWaits = new LongAdder();
  private final LongAdder rateLimitWaitMs = new LongAdder();
  private final LongAdder bytes = new LongAdder();

  void request() {
    requests.increment();
  }

  void notModified() {
    notModified.increment();
  }

  void retry() {
    retries.increment();
  }

  void rateLimitWait(long millis) {
    rateLimitWaits.increment();
    rateLimitWaitMs.add(millis);
  }

  void bytes(long n) {
    bytes.add(n);
  }

  /** The counts now. */
  public Snapshot snapshot() {
    return new Snapshot(requests.sum(), notModified.sum(), retries.sum(), rateLimitWaits.sum(),
        rateLimitWaitMs.sum(), bytes.sum());
  }

  /** Immutable counts at one moment. */
  public record Snapshot(long requests, long notModified, long retries, long rateLimitWaits,
      long rateLimitWaitMs, long bytes) {

    /** The counts under the snake_case keys of the manifest, in a stable order. */
    public Map<String, Long> asMap() {
      Map<String, Long> m = new LinkedHashMap<>();
      m.put(RequestCounters.REQUESTS, requests);
      m.put(RequestCounters.NOT_MODIFIED, notModified);
      m.put(RequestCounters.RETRIES, retries);
      m.put(RequestCounters.RATE_LIMIT_WAITS, rateLimitWaits);
      m.put(RequestCounters.RATE_LIMIT_WAIT_MS, rateLimitWaitMs);
      m.put(RequestCounters.BYTES, bytes);
      return Collections.unmodifiableMap(m);
    }
  }
}
