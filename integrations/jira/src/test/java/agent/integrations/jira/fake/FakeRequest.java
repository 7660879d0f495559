package agent.integrations.jira.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request to a {@link FakeJira}, as a {@link Fault}'s condition and the APIs see it.
 *
 * @param path the path below the context path, without the query, e.g. {@code /rest/api/3/search/jql}
 * @param query the decoded query parameters, every value of each in order
 */
public record FakeRequest(String method, String path, Map<String, List<String>> query,
    Map<String, List<String>> headers, String body) {

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

  /** The first value of a header, case-insensitive, or null. */
  public String header(String name) {
    return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
        .map(e -> e.getValue().get(0)).findFirst().orElse(null);
  }

  /** The body as JSON; an empty object when there is none. */
  public JsonNode json() {
    return body == null || body.isBlank() ? Json.obj() : Json.read(body);
  }

  /** The request WireMock received, its path taken below {@code contextPath}; null when outside it. */
  static FakeRequest from(LoggedRequest r, String contextPath) {
    URI uri = URI.create(r.getUrl());
    String path = uri.getRawPath();
    if (!contextPath.isEmpty()) {
      if (!path.startsWith(contextPath + "/")) {
        path = null;
      } else {
        path = path.substring(contextPath.length());
      }
    }
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      }
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpHeader h : r.getHeaders().all()) {
      headers.put(h.key(), h.values());
    }
    return new FakeRequest(r.getMethod().getName(), path == null ? uri.getRawPath() : path, query, headers,
        r.getBodyAsString());
  }

  /** The query as {@code name=value&...}, decoded, for the request log. */
  String rawQuery() {
    StringBuilder s = new StringBuilder();
    query.forEach((k, vs) -> vs.forEach(v -> s.append(s.length() == 0 ? "" : "&").append(k).append('=').append(v)));
    return s.toString();
  }
}
