package agent.core.service;

import agent.core.fs.AtomicFiles;
import agent.rpcdef.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code state/commands.json}: the commands this agent took from the backend, kept across restarts for
 * two reasons. Delivery is at least once, so a command delivered again after a restart must not run a
 * second time. And a command that a kill or a power cut interrupted must not stay "started" on the
 * backend for ever: the next start finds it {@code running} here and reports how it ended.
 *
 * <pre>{"commands": [{"id": "cmd-...", "type": "export", "received": "2026-...Z", "state": "running|done"}]}</pre>
 *
 * <p>Only ids, types and times: never a command's parameters, which may hold tokens. The newest
 * {@value #KEEP} commands are kept, far more than can be in flight. Every change is written atomically
 * (commands are rare). A corrupt file is moved aside with a warning: the agent then forgets which
 * commands it saw, so at worst one re-delivered command runs again. Thread-safe.
 */
public final class CommandJournal {
  private static final Logger LOG = LoggerFactory.getLogger(CommandJournal.class);
  static final int KEEP = 1000;
  public static final String FILE = "commands.json";

  /** One command taken from the backend; {@code done} once its final event was posted. */
  public record Entry(String id, String type, String received, boolean done) {}

  private final Path file;
  private final Map<String, Entry> entries;
  private final int keep;

  private CommandJournal(Path file, Map<String, Entry> entries, int keep) {
    this.file = file;
    this.entries = entries;
    this.keep = keep;
  }

  /** Opens {@code <stateDir>/commands.json}; a missing file is an empty journal. */
  public static CommandJournal open(Path stateDir) throws IOException {
    return open(stateDir, KEEP);
  }

  /** @param keep how many commands to remember */
  static CommandJournal open(Path stateDir, int keep) throws IOException {
    Files.createDirectories(stateDir);
    Path file = stateDir.resolve(FILE);
    Map<String, Entry> entries = new LinkedHashMap<>();
    if (Files.exists(file)) {
      try {
        JsonNode root = Json.mapper().readTree(file.toFile());
        if (root == null || !root.path("commands").isArray()) {
          throw new IOException("no commands array");
        }
        for (JsonNode n : root.path("commands")) {
          String id = n.path("id").asText("");
          if (!id.isEmpty()) {
            entries.put(id, new Entry(id, n.path("type").asText(""), n.path("received").asText(""),
                "done".equals(n.path("state").asText())));
          }
        }
      } catch (IOException e) {
        if (!Files.isReadable(file)) {
          throw e; // unreadable is not corrupt: say so rather than forget
        }
        Path aside = file.resolveSibling(FILE + ".corrupt-" + System.currentTimeMillis());
        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        LOG.warn("{} is corrupt ({}); moved it to {} and starting with no record of past commands", file,
            e.getMessage(), aside.getFileName());
        entries.clear();
      }
    }
    return new CommandJournal(file, entries, keep);
  }

  /**
   * Records a command as running.
   *
   * @return false when this id was taken before (a re-delivery): it must not run again
   */
  public synchronized boolean begin(String id, String type) throws IOException {
    if (entries.containsKey(id)) {
      return false;
    }
    entries.put(id, new Entry(id, type, Instant.now().toString(), false));
    while (entries.size() > keep) {
      String oldest = entries.keySet().iterator().next();
      entries.remove(oldest);
    }
    save();
    return true;
  }

  /** Records that the command's final event ({@code completed} or {@code failed}) reached the backend. */
  public synchronized void finish(String id) throws IOException {
    Entry e = entries.get(id);
    if (e != null && !e.done()) {
      entries.put(id, new Entry(e.id(), e.type(), e.received(), true));
      save();
    }
  }

  /** The commands still running: at a start, those the last run did not see to their end. */
  public synchronized List<Entry> unfinished() {
    return entries.values().stream().filter(e -> !e.done()).toList();
  }

  private void save() throws IOException {
    ObjectNode root = Json.mapper().createObjectNode();
    ArrayNode list = root.putArray("commands");
    for (Entry e : new ArrayList<>(entries.values())) {
      list.addObject().put("id", e.id()).put("type", e.type()).put("received", e.received())
          .put("state", e.done() ? "done" : "running");
    }
    AtomicFiles.writeAtomically(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
  }
}
