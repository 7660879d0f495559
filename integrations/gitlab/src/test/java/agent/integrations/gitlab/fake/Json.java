package agent.integrations.gitlab.fake;

import agent.testkit.fake.FakeJson;
import agent.testkit.fake.FakeJson.Nulls;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** JSON as GitLab writes it. */
final class Json {
  private Json() {}

  /** Null values stay, as GitLab sends them; dates in UTC with milliseconds, as GitLab.com writes them: {@code 2025-01-06T09:00:00.000Z}. */
  static final FakeJson JSON = new FakeJson(
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC), Nulls.KEEP);
}
