package agent.core.loop;

import agent.core.backend.BackendException;
import java.time.Duration;

/**
 * Runs one backend call until it succeeds, with {@link Backoff} between attempts: retryable failures
 * (network, 5xx, 429, 408) are retried, a 401 waits {@code unauthorizedRecheck} before the next try
 * (the contract's "at most every 10 minutes"), any other failure is thrown at once. Stops waiting
 * when the {@link StopSignal} fires; an attempt already made when stopping is not repeated.
 */
public final class BackendRetry {
  /** One attempt of a call. */
  @FunctionalInterface
  public interface Call<T> {
    T attempt() throws BackendException;
  }

  private final StopSignal stop;
  private final BackendHealth health;
  private final Duration initial;
  private final Duration max;
  private final Duration unauthorizedRecheck;
  private final BackendHealth.Caller caller;

  /** @param caller the kind of call this retry makes, as {@link BackendHealth} counts outages */
  public BackendRetry(StopSignal stop, BackendHealth health, Duration initial, Duration max, Duration unauthorizedRecheck,
      BackendHealth.Caller caller) {
    this.stop = stop;
    this.health = health;
    this.initial = initial;
    this.max = max;
    this.unauthorizedRecheck = unauthorizedRecheck;
    this.caller = caller;
  }

  /** The same retry for another kind of call. */
  public BackendRetry as(BackendHealth.Caller other) {
    return new BackendRetry(stop, health, initial, max, unauthorizedRecheck, other);
  }

  /**
   * @param maxAttempts attempts before the last retryable failure is thrown; 0 for no limit
   * @throws BackendException a terminal failure, or the last retryable one after {@code maxAttempts}
   * @throws ServiceStopped the stop signal came while waiting to retry
   */
  public <T> T call(Call<T> call, int maxAttempts) throws BackendException, ServiceStopped {
    Backoff backoff = new Backoff(initial, max);
    while (true) {
      Duration wait;
      long started = health.attemptStarting();
      try {
        T result = call.attempt();
        health.reachable(caller, started);
        return result;
      } catch (BackendException e) {
        if (e.unauthorized()) {
          health.refused();
          wait = unauthorizedRecheck;
        } else if (e.retryable()) {
          if (stop.stopping()) {
            throw new ServiceStopped(); // e.g. the long poll cancelled by the stop: no outage to report
          }
          health.unreachable(caller, e, started);
          wait = backoff.next(e.retryAfter());
        } else {
          health.reachable(caller, started); // it answered
          throw e;
        }
        if (maxAttempts > 0 && backoff.failures() >= maxAttempts && !e.unauthorized()) {
          throw e;
        }
      }
      if (stop.stopping() || !stop.sleep(wait)) {
        throw new ServiceStopped();
      }
    }
  }
}
