package agent.core.git;

import agent.rpcdef.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

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
 * <p>For a shallow repository it also holds the boundary commits the export reached (those whose
 * parents the repository lacks), as {@code "shallow":["<sha>",...]}, so that the next export sees
 * when the history was deepened (see {@link GitHistoryWalker}). A complete repository's token has
 * no such field, and a token without it reads as a complete repository's.
 *
 * <p>It holds the highest {@code ordinal} given so far, as {@code "ordinal":<n>}, so that the next
 * export numbers its new commits on from there (see {@link GitHistoryWalker}). A token written
 * before ordinals were numbered this way has no such field: {@link #ordinal()} is {@link
 * #NO_ORDINAL} then.
 *
 * @param tips ref name to commit sha, sorted by ref name
 * @param shallow the boundary commits of a shallow repository, sorted; empty for a complete one
 * @param ordinal the highest ordinal given to a commit so far (0 when none was); {@link
 *     #NO_ORDINAL} when the token does not say
 */
public record HistoryToken(Map<String, String> tips, List<String> shallow, long ordinal) {
  /** The {@link #ordinal()} of a token that does not record one. */
  public static final long NO_ORDINAL = -1;

  public HistoryToken {
    tips = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(tips));
    shallow = shallow == null ? List.of() : List.copyOf(new TreeSet<>(shallow));
    if (ordinal < NO_ORDINAL) {
      throw new IllegalArgumentException("ordinal " + ordinal);
    }
  }

  /** A token that records no ordinal. */
  public HistoryToken(Map<String, String> tips, List<String> shallow) {
    this(tips, shallow, NO_ORDINAL);
  }

  /** The token of a complete repository, recording no ordinal. */
  public HistoryToken(Map<String, String> tips) {
    this(tips, List.of());
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
    JsonNode json;
    try {
      json = Json.mapper().readTree(token);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a git history token: " + e.getMessage(), e);
    }
    JsonNode refs = json.get("refs");
    if (refs == null || !refs.isObject()) {
      throw new IllegalArgumentException("not a git history token: no \"refs\" object");
    }
    Map<String, String> tips = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = refs.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      tips.put(e.getKey(), sha(e.getValue(), e.getKey()));
    }
    List<String> shallow = new java.util.ArrayList<>();
    JsonNode boundary = json.get("shallow");
    if (boundary != null) {
      if (!boundary.isArray()) {
        throw new IllegalArgumentException("not a git history token: \"shallow\" is not an array");
      }
      boundary.forEach(b -> shallow.add(sha(b, "shallow")));
    }
    long ordinal = NO_ORDINAL;
    JsonNode last = json.get("ordinal");
    if (last != null) {
      if (!last.canConvertToLong() || !last.isIntegralNumber() || last.asLong() < 0) {
        throw new IllegalArgumentException("not a git history token: \"ordinal\" is not a count");
      }
      ordinal = last.asLong();
    }
    return new HistoryToken(tips, shallow, ordinal);
  }

  private static String sha(JsonNode n, String what) {
    String sha = n.asText();
    if (!sha.matches("[0-9a-f]{40}")) {
      throw new IllegalArgumentException("not a git history token: " + what + " is not a sha");
    }
    return sha;
  }

  /** The token as a string, for {@code SessionDone}. */
  public String format() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("refs", tips);
    if (!shallow.isEmpty()) {
      json.put("shallow", shallow);
    }
    if (ordinal != NO_ORDINAL) {
      json.put("ordinal", ordinal);
    }
    return new String(Json.bytes(json), java.nio.charset.StandardCharsets.UTF_8);
  }
}
