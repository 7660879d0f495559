package agent.integrations.jira;

import agent.rpcdef.model.Date;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;

/**
 * Jira's timestamps ({@code 2025-01-06T09:00:00.000+0000}: an offset without a colon, which ISO
 * parsers refuse), its dates ({@code 2025-01-31}), and JQL's {@code "yyyy-MM-dd HH:mm"}, which Jira
 * reads in the searching user's time zone.
 */
final class JiraDates {
  private static final DateTimeFormatter JIRA = new DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd'T'HH:mm:ss")
      .optionalStart().appendFraction(java.time.temporal.ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .appendPattern("[XXX][XX][X]")
      .toFormatter();
  private static final DateTimeFormatter JQL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private JiraDates() {}

  /** The timestamp in {@code field}, or null when absent or null. */
  static OffsetDateTime parse(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull() || v.asText().isEmpty()) {
      return null;
    }
    return parse(v.asText());
  }

  static OffsetDateTime parse(String text) {
    try {
      return OffsetDateTime.parse(text, JIRA);
    } catch (DateTimeParseException e) {
      return OffsetDateTime.parse(text);
    }
  }

  /** The timestamp in {@code field} as an exported date, with Jira's offset; null when absent. */
  static Date date(JsonNode n, String field) {
    OffsetDateTime t = parse(n, field);
    return t == null ? null : Date.of(t);
  }

  /** A day ({@code duedate}) as midnight UTC; null when absent. */
  static Date day(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull() || v.asText().isEmpty()) {
      return null;
    }
    return Date.of(LocalDate.parse(v.asText()).atStartOfDay().atOffset(ZoneOffset.UTC));
  }

  /** {@code instant} as JQL's minute-precision literal in {@code zone}, rounded down. */
  static String jql(Instant instant, ZoneId zone) {
    return JQL.format(instant.atZone(zone));
  }
}
