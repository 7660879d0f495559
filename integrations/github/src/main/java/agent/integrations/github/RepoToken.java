package agent.integrations.github;

import agent.rpcdef.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A repository's pull-request token: the largest {@code updated_at} GitHub reported, and the ETag of
 * the probe that found it. Either may be null (a first export; a server that sends no ETags).
 */
record RepoToken(Instant updatedAt, String etag) {
  static final RepoToken NONE = new RepoToken(null, null);

  /** The token from its JSON; {@link #NONE} for an empty or unreadable one (a first export, {@code --reprocess-historical}). */
  static RepoToken parse(String json) {
    if (json == null || json.isBlank()) {
      return NONE;
    }
    try {
      JsonNode n = Json.mapper().readTree(json);
      Instant updated = n.hasNonNull("updated_at") ? Instant.parse(n.get("updated_at").asText()) : null;
      String etag = n.hasNonNull("etag") ? n.get("etag").asText() : null;
      return new RepoToken(updated, etag);
    } catch (IOException | DateTimeParseException e) {
      // Not a token this integration wrote: reading the repository in full again loses nothing.
      return NONE;
    }
  }

  String toJson() {
    ObjectNode n = Json.mapper().createObjectNode();
    if (updatedAt != null) {
      n.put("updated_at", updatedAt.toString());
    }
    if (etag != null) {
      n.put("etag", etag);
    }
    return n.toString();
  }
}
