package agent.integrations.gitlab;

import agent.rpcdef.model.Date;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Values of GitLab's JSON: absent, null and empty text alike are "none"; timestamps are ISO 8601 with an offset. */
final class Fields {
  private Fields() {}

  /** The text in {@code field}, or null when it is absent, null or empty. */
  static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
  }

  /** The date in {@code field} with its UTC offset, or null. */
  static Date date(JsonNode n, String field) {
    String v = text(n, field);
    return v == null ? null : Date.of(OffsetDateTime.parse(v));
  }

  /** The instant in {@code field}, or null. */
  static Instant instant(JsonNode n, String field) {
    String v = text(n, field);
    return v == null ? null : OffsetDateTime.parse(v).toInstant();
  }
}
