package agent.integrations.github.fake;

import com.fasterxml.jackson.core.type.TypeReference;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
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

  /** The request WireMock received, read once. */
  static FakeRequest from(LoggedRequest r) {
    URI uri = URI.create(r.getUrl());
    String path = uri.getRawPath();
    Map<String, String> query = new LinkedHashMap<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        query.putIfAbsent(name, value);
      }
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpHeader h : r.getHeaders().all()) {
      headers.put(h.key(), h.values());
    }
    String method = r.getMethod().getName();
    String body = r.getBodyAsString();
    Map<String, Object> variables = Map.of();
    String operation = null;
    if (method.equals("POST") && path.equals("/graphql") && body != null && !body.isBlank()) {
      try {
        Map<String, Object> json = Json.MAPPER.readValue(body, new TypeReference<Map<String, Object>>() {});
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
    return new FakeRequest(method, path, query, headers, body, variables, operation);
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
