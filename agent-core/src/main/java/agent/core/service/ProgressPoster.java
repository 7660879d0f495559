package agent.core.service;

import agent.core.backend.BackendClient;
import agent.core.backend.BackendException;
import agent.core.backend.Command;
import agent.core.backend.CommandEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts a running export's {@code progress} events on a thread of its own, one attempt each, one at a
 * time: progress is best effort (the next one supersedes a lost one), and a slow or absent backend must
 * not delay the thread that watches the child, which is the one that sees a cancel or a stop. A report
 * that comes while the last is still in flight is skipped. Thread-safe.
 */
final class ProgressPoster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressPoster.class);

  private final BackendClient client;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "progress-poster");
    t.setDaemon(true);
    return t;
  });
  private final AtomicBoolean inFlight = new AtomicBoolean();

  ProgressPoster(BackendClient client) {
    this.client = client;
  }

  /** @param integrations the export's progress file's {@code integrations}, passed on as they are */
  void post(Command c, JsonNode integrations) {
    if (!inFlight.compareAndSet(false, true)) {
      return;
    }
    try {
      thread.execute(() -> {
        try {
          client.postEvent(c.id(), CommandEvent.progress(integrations));
        } catch (BackendException e) {
          LOG.debug("command {}: a progress event was not stored: {}", c.id(), e.getMessage());
        } finally {
          inFlight.set(false);
        }
      });
    } catch (RejectedExecutionException stopping) {
      inFlight.set(false);
    }
  }

  /** Drops what is in flight: the service is stopping. */
  @Override
  public void close() {
    thread.shutdownNow();
  }
}
