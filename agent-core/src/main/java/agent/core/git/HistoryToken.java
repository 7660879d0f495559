package agent.core.git;

import agent.rpcdef.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The incremental state of a repository's history export: for each exported ref, the tip sha whose
 * history has been emitted. Serialized as {@code {"refs":{"refs/heads/main":"<sha>",...}}}, the
 * session token of the repository.
 *
 * <p>The rule it serves: an export emits the commits reachable from the current tips and not from
 * any previous tip that still exists in the repository. A previous tip that no longer exists (a
 * force-pushed or deleted branch whose commits were garbage-collected) is dropped; at worst that
 * re-emits commits (duplicates are allowed, gaps are not).
 *
 * @param tips ref name to commit sha, sorted by ref name
 */
public record HistoryToken(Map<String, String> tips) {

  public HistoryToken {
    tips = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(tips));
  }

  /** No history processed yet. */
  public static HistoryToken empty() {
    return new HistoryToken(Map.of());
  }

  /**
   * Parses a token; null or blank is {@link #empty()}.
   *
   * @throws IllegalArgumentException if it is not a token this class wrote
   */
  public static HistoryToken parse(String token) {
    if (token == null || token.isBlank()) {
      return empty();
    }
    JsonNode refs;
    try {
      refs = Json.mapper().readTree(token).get("refs");
    } catch (IOException e) {
      throw new IllegalArgumentException("not a git history token: " + e.getMessage(), e);
    }
    if (refs == null || !refs.isObject()) {
      throw new IllegalArgumentException("not a git history token: no \"refs\" object");
    }
    Map<String, String> tips = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = refs.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String sha = e.getValue().asText();
      if (!sha.matches("[0-9a-f]{40}")) {
        throw new IllegalArgumentException("not a git history token: " + e.getKey() + " is not a sha");
      }
      tips.put(e.getKey(), sha);
    }
    return new HistoryToken(tips);
  }

  /** The token as a string, for {@code SessionDone}. */
  public String format() {
    return new String(Json.bytes(Map.of("refs", tips)), java.nio.charset.StandardCharsets.UTF_8);
  }
}
