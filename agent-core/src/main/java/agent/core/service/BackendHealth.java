package agent.core.service;

import agent.core.backend.BackendException;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the backend answers, as every loop of {@code service-run} last saw it: one log line when it
 * goes away, one when it comes back, not one per failed attempt. Thread-safe.
 */
public final class BackendHealth {
  private static final Logger LOG = LoggerFactory.getLogger(BackendHealth.class);

  private Instant downSince;
  private boolean unauthorized;

  /** A call failed with a retryable error: logs only the first of an outage. */
  public synchronized void unreachable(BackendException e) {
    if (downSince == null) {
      downSince = Instant.now();
      LOG.warn("the backend is unreachable ({}); retrying with backoff, nothing is lost meanwhile", e.getMessage());
    }
  }

  /** A 401: logs once until a call succeeds again. */
  public synchronized void refused() {
    if (!unauthorized) {
      unauthorized = true;
      LOG.error("the API key was refused: re-enroll with `agent enroll <CODE> --force`; polling and uploads stop,"
          + " the local data is kept");
    }
  }

  /** A call succeeded: logs the end of an outage. */
  public synchronized void reachable() {
    if (downSince != null) {
      LOG.info("the backend is reachable again after {} s", Duration.between(downSince, Instant.now()).toSeconds());
      downSince = null;
    }
    if (unauthorized) {
      LOG.info("the API key is accepted again");
      unauthorized = false;
    }
  }
}
