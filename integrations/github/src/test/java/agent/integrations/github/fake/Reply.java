package agent.integrations.github.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the fake answers to one request, before the headers every response carries. */
record Reply(int status, String body, Map<String, String> headers) {
  static Reply json(JsonNode body) {
    return new Reply(200, Json.write(body), new LinkedHashMap<>());
  }

  static Reply notFound() {
    return new Reply(404, Json.write(RestShapes.error("Not Found", RestApi.DOCS, 404)), new LinkedHashMap<>());
  }
}
