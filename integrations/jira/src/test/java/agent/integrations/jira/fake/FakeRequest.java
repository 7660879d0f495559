package agent.integrations.jira.fake;

import static agent.integrations.jira.fake.Json.JSON;

import agent.testkit.fake.FakeHttpRequest;
import agent.testkit.fake.FakeJson;
import agent.testkit.fake.ReceivedRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One request to a {@link FakeJira}, as a {@link agent.testkit.fake.Fault}'s condition and the APIs see it.
 *
 * @param path the path below the context path, without the query, e.g. {@code /rest/api/3/search/jql}
 * @param query the decoded query parameters, every value of each in order
 */
public record FakeRequest(String method, String path, Map<String, List<String>> query,
    Map<String, List<String>> headers, String body) implements FakeHttpRequest {

  /** The first value of query parameter {@code name}, or null. */
  public String param(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Every value of query parameter {@code name}, each split at commas, as Jira reads list parameters. */
  public List<String> params(String name) {
    List<String> out = new ArrayList<>();
    for (String v : query.getOrDefault(name, List.of())) {
      for (String part : v.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
    }
    return out;
  }

  /** The integer parameter {@code name}, {@code fallback} when absent; -1 when not a number. */
  public int intParam(String name, int fallback) {
    String v = param(name);
    if (v == null || v.isEmpty()) {
      return fallback;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The body as JSON; an empty object when there is none. */
  public JsonNode json() {
    return body == null || body.isBlank() ? JSON.obj() : FakeJson.read(body);
  }

  /** The request WireMock received, its path taken below {@code contextPath}; the raw path when outside it. */
  static FakeRequest from(LoggedRequest r, String contextPath) {
    ReceivedRequest received = ReceivedRequest.of(r);
    String path = received.path();
    if (!contextPath.isEmpty() && path.startsWith(contextPath + "/")) {
      path = path.substring(contextPath.length());
    }
    return new FakeRequest(received.method(), path, received.query(), received.headers(), received.body());
  }

  /** The query as {@code name=value&...}, decoded, for the request log. */
  String rawQuery() {
    StringBuilder s = new StringBuilder();
    query.forEach((k, vs) -> vs.forEach(v -> s.append(s.length() == 0 ? "" : "&").append(k).append('=').append(v)));
    return s.toString();
  }
}
