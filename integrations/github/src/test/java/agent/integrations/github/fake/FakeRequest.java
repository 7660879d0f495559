package agent.integrations.github.fake;

import agent.testkit.fake.FakeHttpRequest;
import agent.testkit.fake.FakeJson;
import agent.testkit.fake.ReceivedRequest;
import com.fasterxml.jackson.core.type.TypeReference;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import java.util.List;
import java.util.Map;

/**
 * One request to a {@link FakeGitHub}, as a {@link agent.testkit.fake.Fault}'s condition sees it.
 *
 * @param path the path without the query, e.g. {@code /repos/acme/api/pulls}
 * @param query the decoded query parameters, the first value of each
 * @param variables a GraphQL request's variables; empty for REST
 * @param operation a GraphQL request's operation name ({@code PullRequests}), or null
 */
public record FakeRequest(String method, String path, Map<String, String> query, Map<String, List<String>> headers,
    String body, Map<String, Object> variables, String operation) implements FakeHttpRequest {

  public boolean graphQl() {
    return method.equals("POST") && path.equals("/graphql");
  }

  /** The integer GraphQL variable {@code name}, or -1 when absent or not a number. */
  public int intVariable(String name) {
    return variables.get(name) instanceof Number n ? n.intValue() : -1;
  }

  /** The request WireMock received, read once. */
  static FakeRequest from(LoggedRequest r) {
    ReceivedRequest received = ReceivedRequest.of(r);
    String path = received.path();
    String method = received.method();
    String body = received.body();
    Map<String, Object> variables = Map.of();
    String operation = null;
    if (method.equals("POST") && path.equals("/graphql") && body != null && !body.isBlank()) {
      try {
        Map<String, Object> json = FakeJson.MAPPER.readValue(body, new TypeReference<Map<String, Object>>() {});
        if (json.get("variables") instanceof Map<?, ?> vars) {
          @SuppressWarnings("unchecked")
          Map<String, Object> v = (Map<String, Object>) vars;
          variables = v;
        }
        if (json.get("query") instanceof String q) {
          operation = q.contains("query") ? operationName(q) : null;
        }
      } catch (Exception e) {
        // not JSON: the GraphQL API reports it
      }
    }
    return new FakeRequest(method, path, received.firstParams(), received.headers(), body, variables, operation);
  }

  private static String operationName(String query) {
    try {
      return Parser.parse(query).getDefinitionsOfType(OperationDefinition.class).stream().findFirst()
          .map(OperationDefinition::getName).orElse(null);
    } catch (InvalidSyntaxException e) {
      return null;
    }
  }

  /** The query as {@code name=value&...}, decoded. */
  String rawQuery() {
    StringBuilder s = new StringBuilder();
    query().forEach((k, v) -> s.append(s.length() == 0 ? "" : "&").append(k).append('=').append(v));
    return s.toString();
  }

}
