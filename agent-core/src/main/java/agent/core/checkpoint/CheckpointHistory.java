package agent.core.checkpoint;

import agent.core.output.ExportManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * When each committed token last changed, as far as the export folders still tell: the {@code finished}
 * time of the newest export whose manifest staged that very token under that key. The checkpoint file
 * keeps no time per key; a key whose export folder is gone (pruned, or uploaded and removed) has none.
 */
public final class CheckpointHistory {
  private CheckpointHistory() {}

  /** The change time of each key of {@code committed} found in a manifest under {@code exportsDir}. */
  public static Map<String, Instant> lastChanges(Map<String, String> committed, Path exportsDir) throws IOException {
    Map<String, Instant> out = new HashMap<>();
    if (!Files.isDirectory(exportsDir)) {
      return out;
    }
    List<Path> dirs;
    try (Stream<Path> s = Files.list(exportsDir)) {
      dirs = s.filter(Files::isDirectory).toList();
    }
    for (Path dir : dirs) {
      ExportManifest m;
      try {
        m = ExportManifest.read(dir);
      } catch (IOException | RuntimeException unreadable) {
        continue; // a running export's, or damaged: it tells nothing
      }
      if (m.finished() == null) {
        continue;
      }
      Instant finished;
      try {
        finished = Instant.parse(m.finished());
      } catch (RuntimeException e) {
        continue;
      }
      for (ExportManifest.IntegrationEntry e : m.integrations()) {
        e.stagedCheckpoints().forEach((key, token) -> {
          if (token.equals(committed.get(key))) {
            out.merge(key, finished, (a, b) -> a.isAfter(b) ? a : b);
          }
        });
      }
    }
    return out;
  }
}
