package agent.core.service;

import agent.core.backend.BackendClient;
import agent.core.backend.BackendException;
import agent.core.backend.Command;
import agent.core.backend.CommandEvent;
import agent.core.loop.BackendRetry;
import agent.core.loop.ServiceStopped;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts a command's {@code started}, {@code completed} and {@code failed} events, each retried until the
 * backend answered it (or the service stops), and marks the command done in the {@link CommandJournal}
 * once its final event was answered, so that a restart neither runs it again nor reports it interrupted.
 * A terminal refusal is logged, not fatal: the command is done with all the same. Progress events go
 * through {@link ProgressPoster} instead: they are best effort. Thread-safe.
 */
final class EventPoster {
  private static final Logger LOG = LoggerFactory.getLogger(EventPoster.class);

  private final BackendClient client;
  private final BackendRetry retry;
  private final CommandJournal journal;

  /** @param retry the retry of {@code events} calls, as {@link agent.core.loop.BackendHealth} counts outages */
  EventPoster(BackendClient client, BackendRetry retry, CommandJournal journal) {
    this.client = client;
    this.retry = retry;
    this.journal = journal;
  }

  /**
   * @throws ServiceStopped the service stopped before the backend answered; the journal still says
   *     running, so the next start reports the command
   */
  void post(Command c, CommandEvent e) throws ServiceStopped {
    try {
      retry.call(() -> client.postEvent(c.id(), e), 0);
    } catch (BackendException x) {
      if (x.status() == 409) {
        LOG.info("command {}: the backend already has its final event", c.id());
      } else {
        LOG.warn("command {}: the backend refused the {} event: {}", c.id(), e.type(), x.getMessage());
      }
    }
    if (e.type().equals("completed") || e.type().equals("failed")) {
      try {
        journal.finish(c.id());
      } catch (IOException x) {
        LOG.warn("cannot record the end of command {} in {}: {}", c.id(), CommandJournal.FILE, x.getMessage());
      }
    }
  }
}
