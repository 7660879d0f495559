package agent.core.export;

import agent.core.fs.DiskWriteException;
import agent.core.plugin.PluginProcess;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a whole export because the machine is in the way: its output cannot be written (a full
 * disk, a file-size limit). The integrations that share the export's disk would fail the same way, so
 * the first such failure stops them all (their plugins are killed), and none commits anything from
 * then on. The export then exits 3 (_docs/cli.md) with the failure's sentence.
 *
 * <p>Thread-safe: integrations register and fail from their own threads, writes from gRPC threads.
 */
final class ExportAbort {
  private static final Logger LOG = LoggerFactory.getLogger(ExportAbort.class);

  private final AtomicReference<DiskWriteException> cause = new AtomicReference<>();
  /** Why the export was cancelled (a signal), or null: its plugins are killed, as for an abort. */
  private final AtomicReference<String> cancelled = new AtomicReference<>();
  private final Map<String, PluginProcess> running = new ConcurrentHashMap<>();

  /**
   * Tracks an integration's plugin until {@link #ended}; an export already aborted kills it at once
   * (it started while the failure happened).
   */
  void started(String integrationId, PluginProcess plugin) {
    running.put(integrationId, plugin);
    if (aborted() || cancelled() != null) {
      kill(integrationId, plugin);
    }
  }

  void ended(String integrationId) {
    running.remove(integrationId);
  }

  /**
   * Aborts the export for {@code failure} of {@code integrationId}, unless it was already: the other
   * integrations' plugins are killed. The failing one ends by itself, its callbacks refused.
   */
  void abort(String integrationId, DiskWriteException failure) {
    if (!cause.compareAndSet(null, failure)) {
      return;
    }
    LOG.error("integration {} cannot write its output, so the export stops (the machine is in the way, not the"
        + " integration; nothing more is committed): {}", integrationId, failure.getMessage());
    running.forEach((id, plugin) -> {
      if (!id.equals(integrationId)) {
        kill(id, plugin);
      }
    });
  }

  /**
   * Cancels the export (Ctrl-C, SIGTERM): every integration's plugin is killed, so none completes and
   * none commits anything from then on. The first call counts.
   */
  void cancel(String why) {
    if (!cancelled.compareAndSet(null, why)) {
      return;
    }
    running.forEach((id, plugin) -> {
      LOG.warn("stopping integration {}: the export was cancelled ({})", id, why);
      plugin.kill();
    });
  }

  /** Why the export was cancelled; null while it was not. */
  String cancelled() {
    return cancelled.get();
  }

  boolean aborted() {
    return cause.get() != null;
  }

  /** The failure that aborted the export; null while it was not. */
  DiskWriteException cause() {
    return cause.get();
  }

  private static void kill(String integrationId, PluginProcess plugin) {
    LOG.warn("stopping integration {}: the export cannot write its output", integrationId);
    plugin.kill();
  }
}
