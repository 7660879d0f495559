package agent.core.service;

import agent.core.backend.BackendException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the backend answers, as every loop of {@code service-run} last saw it: one log line when it
 * goes away, one when it comes back, not one per failed attempt. Thread-safe.
 *
 * <p>Several loops call the backend at once, so an answer can arrive out of order: an upload sent just
 * before the backend went away may still succeed after the long poll failed, and a call sent during the
 * outage may fail after another call saw the backend back. Each outcome therefore names when its
 * attempt {@linkplain #attemptStarting() started}, and only an attempt started after the last change
 * of state can change it again; otherwise a single outage logs as several.
 */
public final class BackendHealth {
  private static final Logger LOG = LoggerFactory.getLogger(BackendHealth.class);

  private boolean down;
  /** {@link System#nanoTime()} of the last change between up and down; no attempt starts before this object. */
  private long changedAt = System.nanoTime();
  private boolean unauthorized;
  private long refusedAt;

  /** The start of an attempt, to hand back with its outcome. */
  public long attemptStarting() {
    return System.nanoTime();
  }

  /** A call failed with a retryable error: logs only the first of an outage. */
  public synchronized void unreachable(BackendException e, long attemptStarted) {
    if (!down && attemptStarted - changedAt >= 0) {
      down = true;
      changedAt = System.nanoTime();
      LOG.warn("the backend is unreachable ({}); retrying with backoff, nothing is lost meanwhile", e.getMessage());
    }
  }

  /** A 401: logs once until a call started since then succeeds. */
  public synchronized void refused() {
    if (!unauthorized) {
      unauthorized = true;
      refusedAt = System.nanoTime();
      LOG.error("the API key was refused: re-enroll with `agent enroll <CODE> --force`; polling and uploads stop,"
          + " the local data is kept");
    }
  }

  /** A call succeeded (or the backend answered it): logs the end of an outage. */
  public synchronized void reachable(long attemptStarted) {
    if (down && attemptStarted - changedAt >= 0) {
      LOG.info("the backend is reachable again after {} s", Duration.ofNanos(System.nanoTime() - changedAt).toSeconds());
      down = false;
      changedAt = System.nanoTime();
    }
    if (unauthorized && attemptStarted - refusedAt >= 0) {
      LOG.info("the API key is accepted again");
      unauthorized = false;
    }
  }
}
