package agent.integrations.gitlab.fake;

import agent.testkit.fake.FakeHttpRequest;
import agent.testkit.fake.ReceivedRequest;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One request to a {@link FakeGitLab}, as a {@link agent.testkit.fake.Fault}'s condition and the request log see it.
 *
 * @param path the raw path as sent, without the query, e.g. {@code /gitlab/api/v4/projects/acme%2Fapi}
 * @param apiPath the raw path below the API root ({@code /projects/acme%2Fapi}), or null outside it
 * @param query the decoded query parameters, the first value of each, in the order sent
 */
public record GitLabRequest(String method, String path, String apiPath, Map<String, String> query,
    Map<String, List<String>> headers) implements FakeHttpRequest {

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

  /** A fault's pattern matches the whole path below the API root, or the whole raw path outside it. */
  @Override
  public String faultPath() {
    return apiPath != null ? apiPath : path;
  }

  /** The request WireMock received; {@code apiRoot} is the API's path, e.g. {@code /api/v4}. */
  static GitLabRequest from(LoggedRequest r, String apiRoot) {
    ReceivedRequest received = ReceivedRequest.of(r);
    String path = received.path();
    String apiPath = path.equals(apiRoot) ? "" : path.startsWith(apiRoot + "/") ? path.substring(apiRoot.length()) : null;
    return new GitLabRequest(received.method(), path, apiPath, Collections.unmodifiableMap(received.firstParams()),
        received.headers());
  }
}
