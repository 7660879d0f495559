package agent.integrations.github.fake;

import static agent.integrations.github.fake.Json.JSON;

import static agent.integrations.github.fake.Json.JSON;

import agent.integrations.github.fake.FakeData.World;
import agent.testkit.fake.FakeJson;
import agent.testkit.fake.FakeServer;
import agent.testkit.fake.Fault;
import agent.testkit.fake.Faults;
import agent.testkit.fake.Reply;
import agent.testkit.fake.RequestLog;
import graphql.language.Document;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake GitHub on a loopback port: the REST v3 endpoints and the GraphQL queries the integration
 * sends, answered from a {@link World} at request time in GitHub's documented shapes, with GitHub's
 * rate-limit headers, ETags and conditional requests, pagination, and scripted faults. Every call is a
 * real HTTP round trip (WireMock serving one catch-all stub through a transformer).
 *
 * <p>The server root is the integration's {@code url}: REST at {@code /user}, {@code /repos/...},
 * GraphQL at {@code POST /graphql}. Thread-safe: requests may arrive concurrently; the data may be
 * changed between exports, not during one.
 */
public final class FakeGitHub implements AutoCloseable {
  /** What an authenticated user gets per hour, in REST requests and in GraphQL points. */
  public static final int DEFAULT_LIMIT = 5000;
  public static final String SAML_MESSAGE = "Resource protected by organization SAML enforcement. You must grant your "
      + "Personal Access token access to this organization.";
  public static final String SAML_DOCS =
      "https://docs.github.com/articles/authenticating-to-a-github-organization-with-saml-single-sign-on/";
  public static final String SECONDARY_MESSAGE = "You have exceeded a secondary rate limit. Please wait a few minutes "
      + "before you try again.";
  static final String RATE_LIMIT_DOCS =
      "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api";

  private final World world;
  private final FakeServer server;
  private final String web = "https://github.com";

  private volatile boolean ghostAsUser;
  private volatile String oauthScopes = "repo, read:org";
  private volatile String enterpriseVersion;
  private volatile String token;
  private volatile int restLimit = DEFAULT_LIMIT;
  private volatile int graphQlLimit = DEFAULT_LIMIT;
  private volatile long resetEpoch;

  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger restRequests = new AtomicInteger();
  private final AtomicInteger graphqlRequests = new AtomicInteger();
  private final AtomicInteger notModified = new AtomicInteger();
  private final AtomicInteger restUsed = new AtomicInteger();
  private final AtomicLong pointsSpent = new AtomicLong();
  private final RequestLog log = new RequestLog();
  private final Faults<FakeRequest> faults = new Faults<>();

  private FakeGitHub(World world) {
    this.world = world;
    this.server = FakeServer.http("fake-github", r -> answer(FakeRequest.from(r)));
    resetCounters();
  }

  /** Starts a fake serving {@code world} on a free loopback port. */
  public static FakeGitHub start(World world) {
    FakeGitHub fake = new FakeGitHub(world);
    fake.server.start();
    return fake;
  }

  /** Starts a fake for {@code viewer}, who owns {@code viewerRepos} and belongs to {@code orgs}. */
  public static FakeGitHub start(FakeData.User viewer, List<FakeData.Repo> viewerRepos, List<FakeData.Org> orgs) {
    return start(new World(viewer, viewerRepos, orgs));
  }

  @Override
  public void close() {
    server.close();
  }

  // -- where it is and what it serves

  /** The server root, {@code http://127.0.0.1:PORT}, without a trailing slash: the integration's {@code url}. */
  public String url() {
    return server.url();
  }

  public URI uri(String pathAndQuery) {
    return URI.create(url() + pathAndQuery);
  }

  public World world() {
    return world;
  }

  // -- configuration; set before the requests it should affect

  /**
   * Whether a deleted account shows as GitHub's {@code ghost} user (login {@code ghost}, id 10137), as
   * github.com does for pull request authors, rather than null (the default, the harder case).
   */
  public FakeGitHub ghostAsUser(boolean ghost) {
    this.ghostAsUser = ghost;
    return this;
  }

  /** The {@code X-OAuth-Scopes} header of every response; null for none (a fine-grained token). */
  public FakeGitHub oauthScopes(String scopes) {
    this.oauthScopes = scopes;
    return this;
  }

  /** Answer as GitHub Enterprise Server {@code version} ({@code X-GitHub-Enterprise-Version}); null for github.com. */
  public FakeGitHub enterpriseVersion(String version) {
    this.enterpriseVersion = version;
    return this;
  }

  /** Require {@code Authorization: Bearer <token>} (or {@code token <token>}); others get 401. Null: any. */
  public FakeGitHub requireToken(String token) {
    this.token = token;
    return this;
  }

  /** The hourly REST request limit; past it requests get GitHub's primary rate-limit 403. */
  public FakeGitHub restLimit(int limit) {
    this.restLimit = limit;
    return this;
  }

  /** The hourly GraphQL point limit; a query that would pass it gets {@code RATE_LIMITED}. */
  public FakeGitHub graphQlLimit(int limit) {
    this.graphQlLimit = limit;
    return this;
  }

  // -- counters

  /** Every request received, faults included. */
  public int requests() {
    return requests.get();
  }

  public int restRequests() {
    return restRequests.get();
  }

  public int graphqlRequests() {
    return graphqlRequests.get();
  }

  /** REST requests answered {@code 304 Not Modified}. */
  public int notModified() {
    return notModified.get();
  }

  /** Requests whose path starts with {@code pathPrefix}, e.g. {@code /repos/acme/api/pulls}. */
  public int requestsTo(String pathPrefix) {
    return log.countUnder(pathPrefix);
  }

  /** GraphQL points charged so far, by {@link GraphQlCost}. */
  public long pointsSpent() {
    return pointsSpent.get();
  }

  /** REST requests charged so far (all but 304s and faults). */
  public int restUsed() {
    return restUsed.get();
  }

  /** Every request so far as {@code METHOD /path?query}, in arrival order. */
  public List<String> requestLog() {
    return log.lines();
  }

  /** The epoch second the fake's rate-limit window resets at: an hour after start or {@link #reset()}. */
  public long resetEpoch() {
    return resetEpoch;
  }

  /** Zeroes the counters and the rate limits, and drops the faults not yet spent. */
  public void reset() {
    resetCounters();
    faults.clear();
  }

  private void resetCounters() {
    requests.set(0);
    restRequests.set(0);
    graphqlRequests.set(0);
    notModified.set(0);
    restUsed.set(0);
    pointsSpent.set(0);
    log.clear();
    resetEpoch = Instant.now().getEpochSecond() + 3600;
  }

  // -- faults: each fires for the next matching request (or the next Fault.times(n)), first registered first

  /**
   * The next request with {@code method} ({@code "*"} for any) whose path matches {@code pathRegex}
   * (the whole path, no query) gets {@code status}, {@code body} and the headers given as name, value
   * pairs, on top of the rate-limit headers.
   */
  public Fault<FakeRequest> failNext(String method, String pathRegex, int status, String body, String... headers) {
    return faults.add(method, pathRegex, status, body, headers);
  }

  /** {@code 401 Bad credentials}, as for a revoked or mistyped token. */
  public Fault<FakeRequest> badCredentialsNext(String method, String pathRegex) {
    return failNext(method, pathRegex, 401, JSON.write(RestShapes.error("Bad credentials", RestApi.DOCS, 401)));
  }

  /**
   * {@code 403} for an organization enforcing SAML single sign-on the token is not authorized for, with
   * {@code X-GitHub-SSO: required; url=...}.
   */
  public Fault<FakeRequest> samlNext(String method, String pathRegex, String org) {
    return failNext(method, pathRegex, 403, JSON.write(JSON.obj("message", SAML_MESSAGE, "documentation_url", SAML_DOCS)),
        "X-GitHub-SSO", "required; url=" + web + "/orgs/" + org + "/sso?authorization_request=x");
  }

  /** The primary rate limit spent: {@code 403}, {@code X-RateLimit-Remaining: 0}, the reset at {@code resetEpoch}. */
  public Fault<FakeRequest> primaryRateLimitNext(String method, String pathRegex, long resetEpoch) {
    return failNext(method, pathRegex, 403, JSON.write(JSON.obj("message", "API rate limit exceeded for user ID "
            + world.viewer().id() + ".", "documentation_url", RATE_LIMIT_DOCS + "#about-the-primary-rate-limit")),
        "X-RateLimit-Remaining", "0", "X-RateLimit-Used", String.valueOf(restLimit),
        "X-RateLimit-Reset", String.valueOf(resetEpoch));
  }

  /** A secondary rate limit: {@code 403}, GitHub's message, {@code Retry-After}. */
  public Fault<FakeRequest> secondaryRateLimitNext(String method, String pathRegex, int retryAfterSeconds) {
    return failNext(method, pathRegex, 403, JSON.write(JSON.obj("message", SECONDARY_MESSAGE,
        "documentation_url", RATE_LIMIT_DOCS + "#about-secondary-rate-limits")),
        "Retry-After", String.valueOf(retryAfterSeconds));
  }

  /** {@code 429 Too Many Requests} with {@code Retry-After}, as GitHub may answer a secondary limit. */
  public Fault<FakeRequest> tooManyRequestsNext(String method, String pathRegex, int retryAfterSeconds) {
    return failNext(method, pathRegex, 429, JSON.write(JSON.obj("message", SECONDARY_MESSAGE,
        "documentation_url", RATE_LIMIT_DOCS + "#about-secondary-rate-limits")),
        "Retry-After", String.valueOf(retryAfterSeconds));
  }

  /**
   * GraphQL's primary rate limit spent: as GitHub documents, HTTP 200 with a {@code RATE_LIMITED}
   * error, {@code X-RateLimit-Remaining: 0} and the reset at {@code resetEpoch}.
   */
  public Fault<FakeRequest> graphQlRateLimitedNext(long resetEpoch) {
    return failNext("POST", "/graphql", 200, rateLimitedBody(), "X-RateLimit-Remaining", "0",
        "X-RateLimit-Used", String.valueOf(graphQlLimit), "X-RateLimit-Reset", String.valueOf(resetEpoch),
        "X-RateLimit-Resource", "graphql");
  }

  /** A gateway timeout-like {@code status} (502, 504) for the next GraphQL query, empty body as GitHub's proxies give. */
  public Fault<FakeRequest> graphQlServerErrorNext(int status) {
    return failNext("POST", "/graphql", status, "");
  }

  private String rateLimitedBody() {
    return JSON.write(JSON.obj("errors", List.of(JSON.obj("type", "RATE_LIMITED",
        "message", "API rate limit exceeded for user ID " + world.viewer().id() + "."))));
  }

  // -- answering

  /** Answers every request: counts it, applies a fault or the token check, then the REST or GraphQL API. */
  private Reply answer(FakeRequest request) {
    requests.incrementAndGet();
    log.add(request.method(), request.path(), request.rawQuery());
    boolean graphQl = request.graphQl();
    (graphQl ? graphqlRequests : restRequests).incrementAndGet();
    Map<String, String> headers = commonHeaders();
    Fault<FakeRequest> fault = faults.claim(request);
    if (fault != null) {
      headers.putAll(graphQl ? graphQlRateHeaders() : restRateHeaders());
      return fault.reply(headers);
    }
    if (token != null && !authorized(request.header("Authorization"))) {
      return new Reply(401, JSON.write(RestShapes.error("Bad credentials", RestApi.DOCS, 401)), headers);
    }
    Reply reply = graphQl ? graphQl(request) : rest(request);
    headers.putAll(reply.headers());
    return new Reply(reply.status(), reply.body(), headers);
  }

  private boolean authorized(String header) {
    return header != null && (header.equals("Bearer " + token) || header.equals("token " + token));
  }

  private Reply rest(FakeRequest request) {
    if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
      return RestApi.notFound();
    }
    if (restUsed.get() >= restLimit) {
      Map<String, String> h = restRateHeaders();
      return new Reply(403, JSON.write(JSON.obj("message", "API rate limit exceeded for user ID " + world.viewer().id() + ".",
          "documentation_url", RATE_LIMIT_DOCS + "#about-the-primary-rate-limit")), h);
    }
    Reply reply = new RestApi(world, url(), new RestShapes(url(), web, ghostAsUser)).answer(request);
    Map<String, String> headers = new LinkedHashMap<>(reply.headers());
    if (reply.status() == 200) {
      String etag = "W/\"" + sha256(reply.body()) + "\"";
      headers.put("ETag", etag);
      if (matches(request.header("If-None-Match"), etag)) {
        // A conditional request that finds nothing new costs nothing, as on GitHub.
        notModified.incrementAndGet();
        headers.remove("Link");
        headers.putAll(restRateHeaders());
        return new Reply(304, null, headers);
      }
    }
    restUsed.incrementAndGet();
    headers.putAll(restRateHeaders());
    return new Reply(reply.status(), reply.body(), headers);
  }

  private static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    String bare = etag.substring(2);
    for (String candidate : ifNoneMatch.split(",")) {
      String c = candidate.trim();
      if (c.equals("*") || c.equals(etag) || c.equals(bare) || c.equals("W/" + bare)) {
        return true;
      }
    }
    return false;
  }

  private Reply graphQl(FakeRequest request) {
    Document document;
    try {
      document = Parser.parse((String) FakeJson.MAPPER.readValue(request.body(), Map.class).get("query"));
    } catch (InvalidSyntaxException | NullPointerException | IllegalArgumentException e) {
      return new Reply(200, JSON.write(JSON.obj("errors", List.of(JSON.obj("message", "Parse error: " + e.getMessage())))),
          graphQlRateHeaders());
    } catch (Exception e) {
      return new Reply(400, JSON.write(JSON.obj("message", "Problems parsing JSON", "documentation_url",
          "https://docs.github.com/graphql")), new LinkedHashMap<>());
    }
    GraphQlCost cost;
    try {
      cost = GraphQlCost.of(document, request.variables());
    } catch (IllegalArgumentException e) {
      cost = new GraphQlCost(0, 0); // a connection without a page size: the executor reports it
    }
    int points = cost.points();
    long spent = pointsSpent.get();
    if (spent + points > graphQlLimit) {
      Map<String, String> h = graphQlRateHeaders();
      h.put("X-RateLimit-Remaining", "0");
      return new Reply(200, rateLimitedBody(), h);
    }
    spent = pointsSpent.addAndGet(points);
    int remaining = (int) Math.max(0, graphQlLimit - spent);
    GraphQlApi.RateLimit rateLimit = new GraphQlApi.RateLimit(points, graphQlLimit, remaining, (int) spent,
        Instant.ofEpochSecond(resetEpoch), cost.nodes());
    Map<String, Object> body = new GraphQlApi(world, web, ghostAsUser).execute(document, request.variables(), rateLimit);
    return new Reply(200, JSON.write(body), graphQlRateHeaders());
  }

  private Map<String, String> commonHeaders() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", "application/json; charset=utf-8");
    h.put("X-GitHub-Media-Type", "github.v3; format=json");
    h.put("X-GitHub-Request-Id", "FAKE:" + requests.get());
    if (oauthScopes != null) {
      h.put("X-OAuth-Scopes", oauthScopes);
      h.put("X-Accepted-OAuth-Scopes", "");
    }
    if (enterpriseVersion != null) {
      h.put("X-GitHub-Enterprise-Version", enterpriseVersion);
    }
    return h;
  }

  private Map<String, String> restRateHeaders() {
    return rateHeaders(restLimit, restUsed.get(), "core");
  }

  private Map<String, String> graphQlRateHeaders() {
    return rateHeaders(graphQlLimit, (int) pointsSpent.get(), "graphql");
  }

  private Map<String, String> rateHeaders(int limit, int used, String resource) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("X-RateLimit-Limit", String.valueOf(limit));
    h.put("X-RateLimit-Remaining", String.valueOf(Math.max(0, limit - used)));
    h.put("X-RateLimit-Reset", String.valueOf(resetEpoch));
    h.put("X-RateLimit-Used", String.valueOf(used));
    h.put("X-RateLimit-Resource", resource);
    return h;
  }

  private static String sha256(String body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
