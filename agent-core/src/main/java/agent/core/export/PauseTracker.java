package agent.core.export;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rate-limit pauses of one integration in one export, as the plugin announces them ({@code
 * Pause}, {@code Continue}): the pause going on, how many there were and how long they lasted. The
 * export's log gets one line when a pause starts (its reason and when it should end) and one when it
 * ends (how long it lasted).
 *
 * <p>Waits that overlap (several threads of the plugin hit the limit) are one pause: it starts with
 * the first {@link #pause} and ends with the {@link #resume} of the last; its reason is the latest
 * given and its end the latest announced, unknown if any of them did not know. A pause never resumed
 * ends when the integration does ({@link #end}). A {@link #resume} without a pause is ignored.
 *
 * <p>Thread-safe.
 */
final class PauseTracker {
  private static final Logger LOG = LoggerFactory.getLogger(PauseTracker.class);

  /**
   * A pause going on.
   *
   * @param resumeAt when the plugin expects to go on; null when it does not know
   * @param since when the pause began
   */
  record Pause(String reason, Instant resumeAt, Instant since) {}

  /**
   * The pauses so far.
   *
   * @param current the pause going on; null while the integration works
   * @param pauses how many pauses began, the current one included
   * @param pausedMs how long the pauses that ended lasted in all; the current one counts from {@code
   *     current.since()} on
   */
  record Snapshot(Pause current, int pauses, long pausedMs) {}

  private final String integrationId;
  private final Clock clock;
  private Pause current;
  /** Waits announced and not yet resumed: the pause ends when this drops back to 0. */
  private int openWaits;
  private int pauses;
  private long pausedMs;
  /** Set by {@link #end}: a late call of a plugin that outlived its export changes nothing. */
  private boolean ended;

  PauseTracker(String integrationId, Clock clock) {
    this.integrationId = integrationId;
    this.clock = clock;
  }

  /** A wait begins: starts a pause, or joins the one going on. */
  synchronized void pause(String reason, Instant resumeAt) {
    if (ended) {
      return;
    }
    Instant now = now();
    openWaits++;
    if (current != null) {
      Instant until = current.resumeAt() == null || resumeAt == null ? null
          : resumeAt.isAfter(current.resumeAt()) ? resumeAt : current.resumeAt();
      current = new Pause(reason, until, current.since());
      LOG.debug("integration {}: another wait while paused: {}{}", integrationId, reason, until(until, now));
      return;
    }
    current = new Pause(reason, resumeAt, now);
    pauses++;
    LOG.info("integration {} paused: {}; {}", integrationId, reason, until(resumeAt, now));
  }

  /** A wait ended; the pause ends with the last of them. */
  synchronized void resume() {
    if (current == null) {
      LOG.debug("integration {} continues without having paused", integrationId);
      return;
    }
    if (--openWaits > 0) {
      return;
    }
    String reason = current.reason();
    LOG.info("integration {} continues after {} paused ({})", integrationId, seconds(finish()), reason);
  }

  /** The integration ended: a pause going on ends now. */
  synchronized void end() {
    ended = true;
    if (current != null) {
      String reason = current.reason();
      LOG.info("integration {} ended while paused; the pause lasted {} ({})", integrationId, seconds(finish()), reason);
    }
  }

  synchronized Snapshot snapshot() {
    return new Snapshot(current, pauses, pausedMs);
  }

  /** Ends the current pause; returns how long it lasted. */
  private long finish() {
    long ms = Math.max(0, Duration.between(current.since(), now()).toMillis());
    pausedMs += ms;
    current = null;
    openWaits = 0;
    return ms;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static String until(Instant resumeAt, Instant now) {
    if (resumeAt == null) {
      return "resume time unknown";
    }
    long ms = Duration.between(now, resumeAt).toMillis();
    return "resuming at " + resumeAt + (ms > 0 ? " (in " + seconds(ms) + ")" : "");
  }

  /** "0.4 s", "9.5 s", "61 s": tenths only where they matter. */
  static String seconds(long ms) {
    return ms < 10_000 ? String.format(Locale.ROOT, "%.1f s", ms / 1000.0) : ((ms + 500) / 1000) + " s";
  }
}
