package agent.integrations.github;

import agent.rpcdef.model.Date;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;

/** GitHub's timestamps (ISO 8601, UTC in both APIs) as exported dates. */
final class Dates {
  private Dates() {}

  /** The date in {@code field}, or null when it is null or absent. */
  static Date of(JsonNode n, String field) {
    String v = Accounts.text(n, field);
    return v == null ? null : Date.of(OffsetDateTime.parse(v));
  }

  /** The instant in {@code field}, or null. */
  static Instant instant(JsonNode n, String field) {
    String v = Accounts.text(n, field);
    return v == null ? null : OffsetDateTime.parse(v).toInstant();
  }
}
