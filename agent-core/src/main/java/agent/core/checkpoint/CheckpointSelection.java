package agent.core.checkpoint;

import agent.core.config.InputException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which committed keys an operator means by {@code KEY-OR-PREFIX}: the key itself, or every key under it
 * as a path ({@code gh} is the integration {@code gh}, {@code gh/repo/acme%2Fapi} one repository and its
 * model keys), never a key that merely starts with the same letters ({@code gh} does not select {@code
 * gh2/...}). Keys are {@code <integration-id>/<entity-type>/<entity-id>/.../<model-type>}, entity ids
 * percent-escaped ({@code acme/api} is {@code acme%2Fapi}); an unescaped entity id is tried too.
 */
public final class CheckpointSelection {
  private CheckpointSelection() {}

  /**
   * The keys of {@code committed} that {@code keyOrPrefix} selects, with their tokens, sorted.
   *
   * @throws InputException when it selects nothing: the message lists the integrations and top-level
   *     entities that have checkpoints
   */
  public static SortedMap<String, String> select(Map<String, String> committed, String keyOrPrefix) {
    String wanted = keyOrPrefix.endsWith("/") ? keyOrPrefix.substring(0, keyOrPrefix.length() - 1) : keyOrPrefix;
    if (wanted.isEmpty()) {
      throw new InputException("give a checkpoint key or a prefix of one, such as an integration id");
    }
    SortedMap<String, String> out = under(committed, wanted);
    if (out.isEmpty()) {
      // "gh/repo/acme/api" as typed from the repository's name: the key has "gh/repo/acme%2Fapi".
      String[] parts = wanted.split("/", 4);
      if (parts.length == 4) {
        out = under(committed, parts[0] + "/" + parts[1] + "/" + parts[2] + "%2F" + parts[3].replace("/", "%2F"));
      }
    }
    if (out.isEmpty()) {
      throw new InputException("no checkpoint key is or starts with \"" + wanted + "\"; " + available(committed));
    }
    return out;
  }

  private static SortedMap<String, String> under(Map<String, String> committed, String prefix) {
    SortedMap<String, String> out = new TreeMap<>();
    committed.forEach((key, token) -> {
      if (key.equals(prefix) || key.startsWith(prefix + "/")) {
        out.put(key, token);
      }
    });
    return out;
  }

  /** What there is to choose from: the first three segments of the keys (integration, type, entity). */
  static String available(Map<String, String> committed) {
    if (committed.isEmpty()) {
      return "there are no committed checkpoints";
    }
    TreeSet<String> tops = new TreeSet<>();
    for (String key : committed.keySet()) {
      String[] parts = key.split("/", 4);
      tops.add(parts.length >= 4 ? parts[0] + "/" + parts[1] + "/" + parts[2] : key);
    }
    int shown = 20;
    String list = String.join(", ", tops.stream().limit(shown).toList());
    return "checkpoints exist under: " + list + (tops.size() > shown ? " and " + (tops.size() - shown) + " more" : "")
        + " (agent checkpoints list shows every key)";
  }
}
