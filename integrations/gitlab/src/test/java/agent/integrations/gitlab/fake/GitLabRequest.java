package agent.integrations.gitlab.fake;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request to a {@link FakeGitLab}, as a {@link Fault}'s condition and the request log see it.
 *
 * @param path the raw path as sent, without the query, e.g. {@code /gitlab/api/v4/projects/acme%2Fapi}
 * @param apiPath the raw path below the API root ({@code /projects/acme%2Fapi}), or null outside it
 * @param query the decoded query parameters, the first value of each, in the order sent
 */
public record GitLabRequest(String method, String path, String apiPath, Map<String, String> query,
    Map<String, List<String>> headers) {

  /** The first value of a header, case-insensitive, or null. */
  public String header(String name) {
    return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
        .map(e -> e.getValue().get(0)).findFirst().orElse(null);
  }

  /** A query parameter, or {@code fallback} when absent. */
  public String param(String name, String fallback) {
    return query.getOrDefault(name, fallback);
  }

  /** An integer query parameter; {@code fallback} when absent or not a number, as GitLab ignores junk paging. */
  public int intParam(String name, int fallback) {
    try {
      return query.containsKey(name) ? Integer.parseInt(query.get(name)) : fallback;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /** The request WireMock received; {@code apiRoot} is the API's path, e.g. {@code /api/v4}. */
  static GitLabRequest from(LoggedRequest r, String apiRoot) {
    URI uri = URI.create(r.getUrl());
    String path = uri.getRawPath();
    Map<String, String> query = new LinkedHashMap<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        query.putIfAbsent(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
      }
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpHeader h : r.getHeaders().all()) {
      headers.put(h.key(), h.values());
    }
    String apiPath = path.equals(apiRoot) ? "" : path.startsWith(apiRoot + "/") ? path.substring(apiRoot.length()) : null;
    return new GitLabRequest(r.getMethod().getName(), path, apiPath, Collections.unmodifiableMap(query), headers);
  }

  static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
