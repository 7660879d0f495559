package agent.testkit.fake;

import java.util.List;
import java.util.Map;

/**
 * One request to a fake, as its {@link Fault}s see it. Each fake has its own request type (a record with
 * the parameters and paths its routes need) that implements this.
 */
public interface FakeHttpRequest {
  /** The HTTP method, upper case: {@code GET}. */
  String method();

  /** The path without the query. */
  String path();

  /** Every header as sent, each with all its values. */
  Map<String, List<String>> headers();

  /** The first value of a header, case-insensitive, or null. */
  default String header(String name) {
    return headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
        .map(e -> e.getValue().get(0)).findFirst().orElse(null);
  }

  /** What a {@link Fault}'s path pattern must match as a whole: {@link #path()} unless the fake says otherwise. */
  default String faultPath() {
    return path();
  }
}
