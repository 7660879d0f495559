package agent.integrations.gitlab.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the fake answers to one request, before the headers every response carries. */
record Reply(int status, String body, Map<String, String> headers) {
  static Reply json(JsonNode body) {
    return new Reply(200, Json.write(body), new LinkedHashMap<>());
  }

  static Reply notFound(String what) {
    return new Reply(404, Json.message("404 " + what + " Not Found"), new LinkedHashMap<>());
  }

  boolean isNoRoute() {
    return status == 404 && NO_ROUTE.equals(body);
  }

  private static final String NO_ROUTE = Json.error("404 Not Found");

  /** No route: Grape's own answer. */
  static Reply noRoute() {
    return new Reply(404, NO_ROUTE, new LinkedHashMap<>());
  }
}
