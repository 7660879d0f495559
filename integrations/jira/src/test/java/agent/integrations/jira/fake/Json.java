package agent.integrations.jira.fake;

import agent.testkit.fake.FakeJson;
import agent.testkit.fake.FakeJson.Nulls;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** JSON as Jira writes it: a null value leaves its name out; each date field is written by {@link #time} or {@link #agileTime}. */
final class Json {
  private Json() {}

  static final FakeJson JSON = new FakeJson(null, Nulls.OMIT);
  /** Jira's date-time: {@code 2024-03-01T10:15:30.000+0100}, milliseconds and a colon-less offset. */
  static final DateTimeFormatter JIRA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
  /** The Agile API's date-time: ISO-8601 in UTC with milliseconds. */
  static final DateTimeFormatter AGILE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX")
      .withZone(ZoneId.of("UTC"));

  /** {@code t} as Jira's REST API writes it, at the offset of {@code zone}. */
  static String time(Instant t, ZoneId zone) {
    return t == null ? null : JIRA_TIME.format(t.atZone(zone));
  }

  static String agileTime(Instant t) {
    return t == null ? null : AGILE_TIME.format(t);
  }
}
