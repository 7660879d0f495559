package agent.rpcdef.http;

import java.time.Instant;

/**
 * Told when an {@link ApiClient} stops for a rate limit, so that the integration can report the
 * pause to the host (and an operator sees "paused until 10:42: GitHub rate limit" rather than a
 * stalled export). Each wait is announced once with {@link #pause} and ended with {@link #resume},
 * also when the wait is cancelled. Short pacing sleeps before the limit is reached are not announced.
 *
 * <p>Called on the thread that waits; implementations must be thread-safe and must not block.
 */
public interface PauseListener {
  /** A listener that does nothing. */
  PauseListener NONE = new PauseListener() {
    @Override
    public void pause(String reason, Instant resumeAt) {}

    @Override
    public void resume() {}
  };

  /** Requests stop until {@code resumeAt} because of {@code reason} (a sentence, no secrets). */
  void pause(String reason, Instant resumeAt);

  /** The wait announced by the last {@link #pause} is over. */
  void resume();
}
