package agent.rpcdef.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One request for an {@link ApiClient}: method, path (relative to the client's base URL, or an
 * absolute URL such as a server's next-page link), query parameters, headers and an optional body.
 * Immutable: every {@code with}-style method returns a copy.
 *
 * <pre>{@code
 * ApiRequest.get("/rest/api/3/search/jql").query("jql", "project = ABC").query("maxResults", 100)
 * ApiRequest.post("/graphql").json(Map.of("query", q)).retryable()
 * }</pre>
 *
 * <p>GET, HEAD, PUT, DELETE and OPTIONS are retried after a response or a broken connection; POST
 * and PATCH only when marked {@link #retryable()}, since the server may have acted on them already.
 */
public final class ApiRequest {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");

  private final String method;
  private final String path;
  private final List<Map.Entry<String, String>> query;
  private final Map<String, String> headers;
  private final byte[] body;
  private final String contentType;
  private final boolean retryable;
  private final Set<Integer> failFast;

  private ApiRequest(String method, String path, List<Map.Entry<String, String>> query, Map<String, String> headers,
      byte[] body, String contentType, boolean retryable, Set<Integer> failFast) {
    this.method = method;
    this.path = path;
    this.query = query;
    this.headers = headers;
    this.body = body;
    this.contentType = contentType;
    this.retryable = retryable;
    this.failFast = failFast;
  }

  /** A request of {@code method} to {@code path}. */
  public static ApiRequest of(String method, String path) {
    return new ApiRequest(method.toUpperCase(Locale.ROOT), Objects.requireNonNull(path, "path"), List.of(), Map.of(),
        null, null, IDEMPOTENT.contains(method.toUpperCase(Locale.ROOT)), Set.of());
  }

  public static ApiRequest get(String path) {
    return of("GET", path);
  }

  public static ApiRequest post(String path) {
    return of("POST", path);
  }

  /** A copy with query parameter {@code name=value} added (encoded by the client). */
  public ApiRequest query(String name, Object value) {
    List<Map.Entry<String, String>> q = new ArrayList<>(query);
    q.add(Map.entry(name, String.valueOf(value)));
    return new ApiRequest(method, path, List.copyOf(q), headers, body, contentType, retryable, failFast);
  }

  /** A copy with query parameter {@code name} set to {@code value}, replacing earlier values. */
  public ApiRequest withQuery(String name, Object value) {
    List<Map.Entry<String, String>> q = new ArrayList<>();
    for (Map.Entry<String, String> e : query) {
      if (!e.getKey().equals(name)) {
        q.add(e);
      }
    }
    q.add(Map.entry(name, String.valueOf(value)));
    return new ApiRequest(method, path, List.copyOf(q), headers, body, contentType, retryable, failFast);
  }

  /** A copy with header {@code name} set. */
  public ApiRequest header(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new ApiRequest(method, path, query, Map.copyOf(h), body, contentType, retryable, failFast);
  }

  /** A copy with {@code value} as its JSON body (a Map, a JsonNode, a record...). */
  public ApiRequest json(Object value) {
    try {
      return body("application/json; charset=utf-8", JSON.writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write the request body as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** A copy with a raw body. */
  public ApiRequest body(String contentType, byte[] body) {
    return new ApiRequest(method, path, query, headers, body.clone(), contentType, retryable, failFast);
  }

  /** A copy with a text body. */
  public ApiRequest body(String contentType, String body) {
    return body(contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A copy that may be sent again after it may have reached the server: a POST that only reads (a
   * GraphQL query, a search).
   */
  public ApiRequest retryable() {
    return new ApiRequest(method, path, query, headers, body, contentType, true, failFast);
  }

  /** A copy sent to {@code url} exactly (a server's next-page link): same method and headers, no added query. */
  ApiRequest at(String url) {
    return new ApiRequest(method, url, List.of(), headers, body, contentType, retryable, failFast);
  }

  /** A copy that fails at once, without retries, on these statuses: the caller handles them. */
  ApiRequest failFastOn(Set<Integer> statuses) {
    return new ApiRequest(method, path, query, headers, body, contentType, retryable, Set.copyOf(statuses));
  }

  public String method() {
    return method;
  }

  public String path() {
    return path;
  }

  /** The query parameters added with {@link #query}, in order. */
  public List<Map.Entry<String, String>> queryParams() {
    return query;
  }

  public Map<String, String> headers() {
    return headers;
  }

  /** True when the request may be sent again after the server may have seen it. */
  public boolean isRetryable() {
    return retryable;
  }

  byte[] bodyBytes() {
    return body;
  }

  String contentType() {
    return contentType;
  }

  Set<Integer> failFast() {
    return failFast;
  }
}
