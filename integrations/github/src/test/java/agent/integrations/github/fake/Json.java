package agent.integrations.github.fake;

import agent.testkit.fake.FakeJson;
import agent.testkit.fake.FakeJson.Nulls;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** JSON as GitHub writes it. */
final class Json {
  private Json() {}

  /**
   * Null values stay, as GitHub sends them; dates are ISO-8601 in UTC to the second, {@code
   * 2025-01-06T09:00:00Z}, as both of GitHub's APIs write them.
   */
  static final FakeJson JSON = new FakeJson(
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC), Nulls.KEEP);
}
