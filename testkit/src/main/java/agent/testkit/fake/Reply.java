package agent.testkit.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a fake answers to one request: a status, a body and headers (a mutable map the fake may add to
 * before it answers), or a reset connection and no answer at all.
 *
 * @param body the body, or null for none
 * @param resetConnection whether the connection is reset instead; status, body and headers then mean nothing
 */
public record Reply(int status, String body, Map<String, String> headers, boolean resetConnection) {

  public Reply(int status, String body, Map<String, String> headers) {
    this(status, body, headers, false);
  }

  /** {@code 200} with {@code body}, no headers yet. */
  public static Reply json(JsonNode body) {
    return new Reply(200, FakeJson.text(body), new LinkedHashMap<>());
  }

  /** No answer: the connection is reset. */
  public static Reply connectionReset() {
    return new Reply(0, null, new LinkedHashMap<>(), true);
  }
}
