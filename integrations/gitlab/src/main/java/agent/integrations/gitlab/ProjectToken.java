package agent.integrations.gitlab;

import agent.rpcdef.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

/**
 * A project's merge-request token: the largest {@code updated_at} GitLab reported, and the merge
 * requests updated within the overlap before it, by iid with their {@code updated_at}. The next
 * export lists from that time minus the overlap, and passes over a listed merge request whose
 * {@code updated_at} it already holds: an unchanged project costs its one list request.
 */
record ProjectToken(Instant updatedAt, Map<Integer, Instant> recent) {
  static final ProjectToken NONE = new ProjectToken(null, Map.of());

  ProjectToken {
    recent = Map.copyOf(recent);
  }

  /** The token from its JSON; {@link #NONE} for an empty or unreadable one (a first export, {@code --reprocess-historical}). */
  static ProjectToken parse(String json) {
    if (json == null || json.isBlank()) {
      return NONE;
    }
    try {
      JsonNode n = Json.mapper().readTree(json);
      Instant updated = n.hasNonNull("updated_at") ? Instant.parse(n.get("updated_at").asText()) : null;
      Map<Integer, Instant> recent = new TreeMap<>();
      n.path("recent").fields().forEachRemaining(e -> recent.put(Integer.parseInt(e.getKey()), Instant.parse(e.getValue().asText())));
      return new ProjectToken(updated, recent);
    } catch (IOException | DateTimeParseException | NumberFormatException e) {
      // Not a token this integration wrote: reading the project in full again loses nothing.
      return NONE;
    }
  }

  /** True when merge request {@code iid} at {@code updatedAt} was exported already. */
  boolean seen(int iid, Instant updatedAt) {
    return updatedAt.equals(recent.get(iid));
  }

  /** The token after an export that saw {@code seen} (iid to updated_at), newest {@code newest}. */
  static ProjectToken after(ProjectToken old, Instant newest, Map<Integer, Instant> seen, Duration overlap) {
    if (newest == null) {
      return old;
    }
    Instant from = newest.minus(overlap);
    Map<Integer, Instant> recent = new TreeMap<>();
    old.recent.forEach((iid, t) -> {
      if (!t.isBefore(from)) {
        recent.put(iid, t);
      }
    });
    seen.forEach((iid, t) -> {
      if (!t.isBefore(from)) {
        recent.put(iid, t);
      }
    });
    return new ProjectToken(newest, recent);
  }

  String toJson() {
    ObjectNode n = Json.mapper().createObjectNode();
    if (updatedAt != null) {
      n.put("updated_at", updatedAt.toString());
    }
    ObjectNode r = n.putObject("recent");
    new TreeMap<>(recent).forEach((iid, t) -> r.put(Integer.toString(iid), t.toString()));
    return n.toString();
  }
}
