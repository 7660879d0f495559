package agent.core.loop;

import agent.core.backend.BackendException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the backend answers, as every loop of {@code service-run} sees it: one log line when it
 * goes away, one when it comes back, not one per failed attempt, whichever {@link Caller} saw it.
 * Thread-safe.
 *
 * <p><b>The rule.</b> An outage begins with the first retryable failure of any caller (the poll, the
 * heartbeat, command events, uploads, log shipping). It ends only when every caller that failed
 * during it has since succeeded (or had any answer from the backend) with an attempt started after
 * its own last failure. A success of one kind of call therefore says nothing about another kind that
 * keeps failing: with only uploads failing (a proxy that refuses large bodies, a broken route to the
 * storage behind {@code PUT}), polls that succeed do not end the outage; the next upload that
 * succeeds does. A caller that failed and is never called again keeps the outage open, which is
 * right: every caller retries (the poll and events without end, uploads at the next round, heartbeats
 * and log shipping on their interval).
 *
 * <p>Several loops call the backend at once, so an answer can arrive out of order: an upload sent just
 * before the backend went away may still succeed after the long poll failed, and a call sent during the
 * outage may fail after the backend came back. Each outcome therefore hands back the ticket of its
 * attempt ({@link #attemptStarting()}, in the order attempts started): a failure opens an outage only
 * if its attempt started after the last recovery, and a success clears its caller only if its attempt
 * started after that caller's last failure. Otherwise a single outage logs as several.
 */
public final class BackendHealth {
  private static final Logger LOG = LoggerFactory.getLogger(BackendHealth.class);

  /** The kinds of call that reach the backend, each made by its own loop. */
  public enum Caller { POLL, HEARTBEAT, EVENTS, UPLOAD, LOGS }

  private final LongSupplier nanoTime;
  /** Tickets of attempts: the order in which they started, exact whatever the clock's resolution. */
  private final AtomicLong attempts = new AtomicLong();
  private boolean down;
  /** The last ticket handed out when the state last changed; only later attempts open an outage. */
  private long changedAfter;
  /** When the outage began, in {@link #nanoTime} terms. */
  private long downSince;
  /** During an outage: each caller that failed, with the ticket of its last failed attempt. */
  private final Map<Caller, Long> failing = new EnumMap<>(Caller.class);
  private boolean unauthorized;
  private long refusedAfter;

  public BackendHealth() {
    this(System::nanoTime);
  }

  /** @param nanoTime a monotonic time in nanoseconds, {@link System#nanoTime()} but in tests */
  BackendHealth(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /** The ticket of an attempt about to start, to hand back with its outcome. */
  public long attemptStarting() {
    return attempts.incrementAndGet();
  }

  /** A call failed with a retryable error: logs only the first failure of an outage. */
  public synchronized void unreachable(Caller caller, BackendException e, long attempt) {
    if (down) {
      failing.merge(caller, attempt, Math::max);
    } else if (attempt > changedAfter) {
      down = true;
      changedAfter = attempts.get();
      downSince = nanoTime.getAsLong();
      failing.clear();
      failing.put(caller, attempt);
      LOG.warn("the backend is unreachable ({}: {}); retrying with backoff, nothing is lost meanwhile",
          caller.name().toLowerCase(java.util.Locale.ROOT), e.getMessage());
    }
  }

  /** A 401: logs once until a call started since then succeeds. */
  public synchronized void refused() {
    if (!unauthorized) {
      unauthorized = true;
      refusedAfter = attempts.get();
      LOG.error("the API key was refused: re-enroll with `agent enroll <CODE> --force`; polling and uploads stop,"
          + " the local data is kept");
    }
  }

  /**
   * A call succeeded (or the backend answered it): clears its caller, and logs the end of the outage
   * once no caller that failed during it is left.
   */
  public synchronized void reachable(Caller caller, long attempt) {
    if (down) {
      Long lastFailure = failing.get(caller);
      if (lastFailure != null && attempt > lastFailure) {
        failing.remove(caller);
      }
      if (failing.isEmpty()) {
        LOG.info("the backend is reachable again after {} s", Duration.ofNanos(nanoTime.getAsLong() - downSince).toSeconds());
        down = false;
        changedAfter = attempts.get();
      }
    }
    if (unauthorized && attempt > refusedAfter) {
      LOG.info("the API key is accepted again");
      unauthorized = false;
    }
  }
}
