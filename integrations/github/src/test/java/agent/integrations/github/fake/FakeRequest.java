package agent.integrations.github.fake;

import java.util.List;
import java.util.Map;

/**
 * One request to a {@link FakeGitHub}, as a {@link Fault}'s condition sees it.
 *
 * @param path the path without the query, e.g. {@code /repos/acme/api/pulls}
 * @param query the decoded query parameters, the first value of each
 * @param variables a GraphQL request's variables; empty for REST
 * @param operation a GraphQL request's operation name ({@code PullRequests}), or null
 */
public record FakeRequest(String method, String path, Map<String, String> query, Map<String, List<String>> headers,
    String body, Map<String, Object> variables, String operation) {

  public boolean graphQl() {
    return method.equals("POST") && path.equals("/graphql");
  }

  /** The integer GraphQL variable {@code name}, or -1 when absent or not a number. */
  public int intVariable(String name) {
    return variables.get(name) instanceof Number n ? n.intValue() : -1;
  }

  /** The first value of a header, case-insensitive, or null. */
  public String header(String name) {
    return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
        .map(e -> e.getValue().get(0)).findFirst().orElse(null);
  }
}
