package agent.core.service;

import agent.core.backend.Command;
import agent.core.backend.CommandEvent;
import agent.core.loop.ServiceStopped;
import agent.core.output.ExportManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At a start, before the first poll: the commands the last run took but did not see to their end (a kill,
 * a power cut) each get their final event now, instead of staying "started" on the backend for ever. An
 * export whose child had finished waits for its upload ({@code upload.json} names the command), so it is
 * {@code completed}; anything else is {@code failed} with code {@code interrupted}: nothing of it was
 * committed, and the backend may queue it again.
 *
 * <p>It runs before the pending uploads, which would remove the export folder that tells how an
 * interrupted export ended.
 */
final class InterruptedCommands {
  private static final Logger LOG = LoggerFactory.getLogger(InterruptedCommands.class);

  private InterruptedCommands() {}

  static void report(CommandJournal journal, ExportUploader uploader, EventPoster events)
      throws IOException, ServiceStopped {
    Map<String, Path> exports = uploader.exportsByCommand();
    for (CommandJournal.Entry e : journal.unfinished()) {
      Command c = new Command(e.id(), e.type(), e.received(), null);
      Path exported = "export".equals(e.type()) ? exports.get(e.id()) : null;
      ExportManifest manifest = exported == null ? null : CommandWorkers.readManifest(exported);
      if (manifest != null) {
        LOG.info("command {} ({}) ended while the agent was down; its export {} is uploaded", e.id(), e.type(),
            exported.getFileName());
        events.post(c, CommandWorkers.completed(exported, manifest));
      } else {
        LOG.warn("command {} ({}) was interrupted: the agent stopped while it ran; nothing of it was committed",
            e.id(), e.type());
        events.post(c, CommandEvent.failed("interrupted", "the agent stopped while this " + e.type()
            + " ran (killed or the machine went down); nothing of it was committed: queue it again"));
      }
    }
  }
}
