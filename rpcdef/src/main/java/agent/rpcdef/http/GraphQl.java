package agent.rpcdef.http;

import agent.rpcdef.IntegrationException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * GraphQL over an {@link ApiClient} (GitHub's {@code /graphql}, GitLab's {@code /api/graphql}):
 * queries are POSTs marked retryable (they only read), {@code errors} are checked even under HTTP
 * 200, a {@code RATE_LIMITED} error is waited out like any rate limit, and a selected {@code
 * rateLimit} object feeds the client's pacing.
 *
 * <pre>{@code
 * GraphQl gql = new GraphQl(api, "/graphql");
 * for (JsonNode pr : gql.nodes(QUERY, Map.of("owner", "acme"), "/repository/pullRequests", new GraphQlPageSize(100, 10))) { ... }
 * }</pre>
 *
 * <p>Blocks as {@link ApiClient#send} does; thread-safe (the last rate limit is per instance, last
 * writer wins).
 */
public final class GraphQl {
  private static final Set<Integer> TIMEOUTS = Set.of(502, 504);
  private static final Duration RATE_LIMITED_DEFAULT_WAIT = Duration.ofMinutes(1);

  private final ApiClient api;
  private final String path;
  private volatile GraphQlRateLimit lastRateLimit;

  public GraphQl(ApiClient api, String path) {
    this.api = api;
    this.path = path;
  }

  /**
   * Runs {@code query} and returns its {@code data}.
   *
   * @throws GraphQlException when the answer has errors other than a rate limit
   * @throws HttpException as {@link ApiClient#send} does; {@link RateLimitException} when rate-limit
   *     waits run out
   */
  public JsonNode query(String query, Map<String, Object> variables) {
    return run(query, variables, false);
  }

  /** The budget the last query reported, or null when no query selected {@code rateLimit}. */
  public GraphQlRateLimit lastRateLimit() {
    return lastRateLimit;
  }

  /**
   * The nodes of the connection at JSON pointer {@code connection} in {@code data} (e.g. {@code
   * /repository/pullRequests}), over all pages, lazily. The query must take {@code $first: Int} and
   * {@code $after: String}, and select {@code pageInfo { hasNextPage endCursor }} and {@code nodes}
   * (or {@code edges { node }}) on the connection. {@code first} is taken from {@code size}: a 502 or
   * 504 halves it and asks again; successes grow it back.
   */
  public Iterable<JsonNode> nodes(String query, Map<String, Object> variables, String connection, GraphQlPageSize size) {
    return () -> new Iterator<>() {
      private String cursor;
      private boolean more = true;
      private Iterator<JsonNode> page = List.<JsonNode>of().iterator();

      @Override
      public boolean hasNext() {
        while (!page.hasNext() && more) {
          JsonNode conn = fetch().at(connection);
          List<JsonNode> nodes = new ArrayList<>();
          conn.path("nodes").forEach(nodes::add);
          conn.path("edges").forEach(e -> nodes.add(e.path("node")));
          JsonNode info = conn.path("pageInfo");
          String end = info.path("endCursor").asText("");
          more = info.path("hasNextPage").asBoolean(false) && !end.isEmpty();
          if (more && end.equals(cursor)) {
            // The same cursor again would give the same page for ever.
            throw new IntegrationException("GraphQL connection " + connection + " gave the cursor it was asked"
                + " for as its next one; stopping there instead of reading the same page again and again");
          }
          cursor = end;
          page = nodes.iterator();
        }
        return page.hasNext();
      }

      @Override
      public JsonNode next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return page.next();
      }

      private JsonNode fetch() {
        while (true) {
          Map<String, Object> vars = new HashMap<>(variables);
          vars.put("first", size.current());
          if (cursor != null) {
            vars.put("after", cursor);
          }
          try {
            JsonNode data = run(query, vars, size.canShrink());
            size.succeeded();
            return data;
          } catch (HttpException e) {
            if (!TIMEOUTS.contains(e.status()) || !size.shrink()) {
              throw e;
            }
            api.stats().retry(); // Same page, smaller: the server gave up on the heavy one.
          }
        }
      }
    };
  }

  private JsonNode run(String query, Map<String, Object> variables, boolean failFastOnTimeout) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("query", query);
    body.put("variables", variables == null ? Map.of() : variables);
    ApiRequest req = ApiRequest.post(path).json(body).retryable();
    if (failFastOnTimeout) {
      req = req.failFastOn(TIMEOUTS);
    }
    Duration waited = Duration.ZERO;
    for (int limited = 1; ; limited++) {
      ApiResponse r = api.send(req);
      JsonNode json = r.json();
      JsonNode data = json.path("data");
      GraphQlRateLimit rl = rateLimit(data.path("rateLimit"));
      if (rl != null) {
        lastRateLimit = rl;
        api.observeBudget(rl.remaining(), rl.limit(), rl.resetAt());
      }
      JsonNode errors = json.path("errors");
      if (!errors.isArray() || errors.isEmpty()) {
        return data;
      }
      List<String> types = new ArrayList<>();
      List<String> messages = new ArrayList<>();
      for (JsonNode e : errors) {
        types.add(e.path("type").asText(""));
        messages.add(e.path("message").asText("(no message)"));
      }
      String shown = api.redact(r.url());
      if (types.contains("RATE_LIMITED")) {
        if (limited > ApiClient.MAX_RATE_LIMIT_WAITS) {
          throw new RateLimitException("POST " + shown + " was refused by the GraphQL rate limit " + limited
              + " times in a row; giving up, run the export again later", r.status(), "POST", shown, resetAt(r, rl));
        }
        Instant until = resetAt(r, rl);
        if (until == null) {
          until = api.clock().now().plus(RATE_LIMITED_DEFAULT_WAIT);
        }
        waited = waited.plus(api.waitForRateLimit("GraphQL rate limit (" + messages.get(types.indexOf("RATE_LIMITED"))
            + ")", until, waited, "POST", shown, r.status()));
        api.stats().retry();
        continue;
      }
      throw new GraphQlException(api.redact("POST " + shown + " answered GraphQL errors: " + String.join("; ", messages)),
          types, data);
    }
  }

  /** When the GraphQL window resets: the x-ratelimit-reset header, else the selected rateLimit. */
  private static Instant resetAt(ApiResponse r, GraphQlRateLimit rl) {
    String h = r.header("x-ratelimit-reset");
    if (h != null) {
      try {
        return Instant.ofEpochSecond(Long.parseLong(h.trim()));
      } catch (NumberFormatException e) {
        // fall through to the body
      }
    }
    return rl == null ? null : rl.resetAt();
  }

  private static GraphQlRateLimit rateLimit(JsonNode n) {
    if (!n.isObject()) {
      return null;
    }
    Instant reset = null;
    if (n.hasNonNull("resetAt")) {
      try {
        reset = Instant.parse(n.get("resetAt").asText());
      } catch (DateTimeParseException e) {
        reset = null;
      }
    }
    return new GraphQlRateLimit(n.path("cost").asLong(-1), n.path("limit").asLong(-1), n.path("remaining").asLong(-1), reset);
  }
}
