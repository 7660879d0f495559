package agent.testkit.fake;

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
 * A request as WireMock received it, read once: what a fake builds its own request type from.
 *
 * @param path the raw path as sent (still percent-encoded), without the query
 * @param query the decoded query parameters in the order sent, every value of each in order
 * @param headers every header, each with all its values
 * @param body the body as text, or null
 */
public record ReceivedRequest(String method, String path, Map<String, List<String>> query,
    Map<String, List<String>> headers, String body) implements FakeHttpRequest {

  public static ReceivedRequest of(LoggedRequest r) {
    URI uri = URI.create(r.getUrl());
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      }
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpHeader h : r.getHeaders().all()) {
      headers.put(h.key(), h.values());
    }
    return new ReceivedRequest(r.getMethod().getName(), uri.getRawPath(), query, headers, r.getBodyAsString());
  }

  /** The first value of each query parameter, in the order sent. */
  public Map<String, String> firstParams() {
    Map<String, String> first = new LinkedHashMap<>();
    query.forEach((name, values) -> first.put(name, values.get(0)));
    return first;
  }

  /** {@code s} URL-decoded as UTF-8, {@code +} as a space. */
  public static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
