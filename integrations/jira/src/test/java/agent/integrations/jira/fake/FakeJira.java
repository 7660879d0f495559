package agent.integrations.jira.fake;

import agent.integrations.jira.fake.JiraShapes.EmbedCaps;
import agent.testkit.fake.FakeServer;
import agent.testkit.fake.Fault;
import agent.testkit.fake.Faults;
import agent.testkit.fake.Reply;
import agent.testkit.fake.RequestLog;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake Jira on a loopback port, Cloud (REST v3) or Server / Data Center (REST v2): the endpoints the
 * integration reads, answered from a {@link JiraData} at request time in the shapes of Atlassian's REST
 * documentation, with Jira's paging (and its silent caps on {@code maxResults}), its JQL errors, its
 * authentication failures (Server's CAPTCHA after failed logins included) and scripted faults. Every
 * call is a real HTTP round trip (WireMock serving one catch-all stub through a transformer).
 *
 * <p>{@link #url()} is the site, context path included: the integration's {@code url}. Paths in faults,
 * {@link #requestsTo} and {@link #requestLog} are below the context path ({@code /rest/api/2/search}).
 * Thread-safe: requests may arrive concurrently; the data and settings may be changed between exports,
 * not during one.
 */
public final class FakeJira implements AutoCloseable {
  /** Which Jira to be, with the REST API's path below the site. */
  public enum Flavor {
    CLOUD("/rest/api/3"),
    SERVER("/rest/api/2");

    private final String api;

    Flavor(String api) {
      this.api = api;
    }

    public String api() {
      return api;
    }
  }

  public static final String CLOUD_UNAUTHORIZED = "Client must be authenticated to access this resource.";
  public static final String NOT_AUTHENTICATED =
      "You are not authenticated. Authentication required to perform this operation.";

  private final Flavor flavor;
  private final JiraData data;
  private final FakeServer server;

  private volatile String contextPath = "";
  private volatile String basicUser;
  private volatile String basicSecret;
  private volatile String bearer;
  private volatile int captchaAfter;
  private volatile int searchCap;
  private volatile int historiesEmbedded = 100;
  private volatile int commentsEmbedded = 20;
  private volatile int worklogsEmbedded = 20;
  private volatile int pageCap = 100;
  private volatile int bulkChangelogCap = 1000;
  private volatile String deploymentType;
  private volatile String version;

  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger failedLogins = new AtomicInteger();
  private final RequestLog log = new RequestLog();
  private final Faults<FakeRequest> faults = new Faults<>();

  private FakeJira(Flavor flavor, JiraData data) {
    this.flavor = flavor;
    this.data = data;
    this.searchCap = flavor == Flavor.CLOUD ? 100 : 50;
    this.deploymentType = flavor == Flavor.CLOUD ? "Cloud" : "Server";
    this.version = flavor == Flavor.CLOUD ? "1001.0.0-SNAPSHOT" : "9.12.15";
    this.server = FakeServer.http("fake-jira", this::answer);
  }

  /** Starts a Jira Cloud (REST v3) serving {@code data} on a free loopback port. */
  public static FakeJira cloud(JiraData data) {
    return start(Flavor.CLOUD, data);
  }

  /** Starts a Jira Server / Data Center (REST v2) serving {@code data} on a free loopback port. */
  public static FakeJira server(JiraData data) {
    return start(Flavor.SERVER, data);
  }

  public static FakeJira start(Flavor flavor, JiraData data) {
    FakeJira fake = new FakeJira(flavor, data);
    fake.server.start();
    return fake;
  }

  @Override
  public void close() {
    server.close();
  }

  // -- where it is and what it serves

  /** The site, {@code http://127.0.0.1:PORT} plus the context path, without a trailing slash. */
  public String url() {
    return server.url() + contextPath;
  }

  /** {@code pathAndQuery} below the site, e.g. {@code /rest/api/2/myself}. */
  public URI uri(String pathAndQuery) {
    return URI.create(url() + pathAndQuery);
  }

  /** The REST API below the site: {@code /rest/api/3} or {@code /rest/api/2}. */
  public String api() {
    return flavor.api();
  }

  public Flavor flavor() {
    return flavor;
  }

  public JiraData data() {
    return data;
  }

  // -- configuration; set before the requests it should affect

  /** Serve below {@code path} (e.g. {@code /jira}), as a Server behind a reverse proxy; elsewhere is 404. */
  public FakeJira withContextPath(String path) {
    this.contextPath = path == null || path.equals("/") ? "" : path.replaceAll("/+$", "");
    return this;
  }

  /** Require {@code Authorization: Basic} of {@code user:secret} (Cloud: email and API token). */
  public FakeJira requireBasic(String user, String secret) {
    this.basicUser = user;
    this.basicSecret = secret;
    return this;
  }

  /** Require (or, with {@link #requireBasic}, also accept) {@code Authorization: Bearer <pat>}, Server's PAT. */
  public FakeJira requireBearer(String pat) {
    this.bearer = pat;
    return this;
  }

  /**
   * Server only: after {@code failures} failed Basic logins, every Basic request (right or wrong) gets 403
   * with {@code X-Authentication-Denied-Reason: CAPTCHA_CHALLENGE}, until {@link #reset()}. 0: never.
   */
  public FakeJira captchaAfter(int failures) {
    this.captchaAfter = failures;
    return this;
  }

  /** The most issues a search page holds, whatever is asked (default Cloud 100, Server 50). */
  public FakeJira searchCap(int cap) {
    this.searchCap = cap;
    return this;
  }

  /** How many histories, comments and worklogs a search embeds at most (default 100, 20, 20). */
  public FakeJira embedCaps(int histories, int comments, int worklogs) {
    this.historiesEmbedded = histories;
    this.commentsEmbedded = comments;
    this.worklogsEmbedded = worklogs;
    return this;
  }

  /** The most entries a page of an issue's changelog, comments or worklogs holds (default 100). */
  public FakeJira pageCap(int cap) {
    this.pageCap = cap;
    return this;
  }

  /** The most histories a page of Cloud's bulk changelog holds (default 1000). */
  public FakeJira bulkChangelogCap(int cap) {
    this.bulkChangelogCap = cap;
    return this;
  }

  /** What {@code /serverInfo} says: {@code deploymentType} ({@code Cloud}, {@code Server}, {@code DataCenter}) and version. */
  public FakeJira serverInfo(String deploymentType, String version) {
    this.deploymentType = deploymentType;
    this.version = version;
    return this;
  }

  // -- counters

  /** Every request received, faults and refusals included. */
  public int requests() {
    return requests.get();
  }

  /** Requests whose path (below the context path) starts with {@code pathPrefix}, e.g. {@code /rest/api/3/search}. */
  public int requestsTo(String pathPrefix) {
    return log.countUnder(pathPrefix);
  }

  /** Every request so far as {@code METHOD /path?query} (path below the context path), in arrival order. */
  public List<String> requestLog() {
    return log.lines();
  }

  /** Zeroes the counters and failed logins (lifting a CAPTCHA), and drops the faults not yet spent. */
  public void reset() {
    requests.set(0);
    failedLogins.set(0);
    log.clear();
    faults.clear();
  }

  // -- faults: each fires for the next matching request (or the next Fault.times(n)), first registered first

  /**
   * The next request with {@code method} ({@code "*"} for any) whose path below the context path matches
   * {@code pathRegex} (the whole path, no query) gets {@code status}, {@code body} and the headers given
   * as name, value pairs. Faults fire before authentication.
   */
  public Fault<FakeRequest> failNext(String method, String pathRegex, int status, String body, String... headers) {
    return faults.add(method, pathRegex, status, body, headers);
  }

  /**
   * {@code 429} with {@code Retry-After}. Cloud adds {@code X-RateLimit-Limit}, {@code
   * X-RateLimit-Remaining: 0}, {@code X-RateLimit-Reset} (ISO 8601, now plus the wait) and {@code
   * RateLimit-Reason: jira-burst-based}; Data Center its token-bucket headers.
   */
  public Fault<FakeRequest> tooManyRequestsNext(String method, String pathRegex, int retryAfterSeconds) {
    String wait = String.valueOf(retryAfterSeconds);
    if (flavor == Flavor.CLOUD) {
      return failNext(method, pathRegex, 429, "Rate limit exceeded.", "Content-Type", "text/plain",
          "Retry-After", wait, "X-RateLimit-Limit", "350", "X-RateLimit-Remaining", "0",
          "X-RateLimit-Reset", isoMinute(Instant.now().plusSeconds(retryAfterSeconds)),
          "RateLimit-Reason", "jira-burst-based");
    }
    return failNext(method, pathRegex, 429, JiraErrors.body("Rate limit exceeded."), "Retry-After", wait,
        "X-RateLimit-Limit", "20", "X-RateLimit-Remaining", "0", "X-RateLimit-Interval-Seconds", "1",
        "X-RateLimit-FillRate", "10");
  }

  /** Cloud's {@code 429} with {@code X-RateLimit-Reset} at {@code reset} and no {@code Retry-After}. */
  public Fault<FakeRequest> rateLimitedUntilNext(String method, String pathRegex, Instant reset) {
    return failNext(method, pathRegex, 429, "Rate limit exceeded.", "Content-Type", "text/plain",
        "X-RateLimit-Limit", "350", "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", isoMinute(reset),
        "RateLimit-Reason", "jira-quota-tenant-based");
  }

  /** {@code 503 Service Unavailable} with {@code Retry-After}, as Jira answers when a resource limit is reached. */
  public Fault<FakeRequest> unavailableNext(String method, String pathRegex, int retryAfterSeconds) {
    return failNext(method, pathRegex, 503, JiraErrors.body("Service Unavailable"), "Retry-After",
        String.valueOf(retryAfterSeconds));
  }

  /** Atlassian's {@code yyyy-MM-ddTHH:mmZ}, rounded up to the next minute so it never precedes the wait. */
  private static String isoMinute(Instant t) {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC)
        .format(t.truncatedTo(ChronoUnit.MINUTES).plus(t.getEpochSecond() % 60 == 0 ? 0 : 1, ChronoUnit.MINUTES));
  }

  // -- answering

  /** Answers every request: counts it, applies a fault or the authentication, then routes it. */
  private Reply answer(LoggedRequest received) {
    String context = contextPath;
    FakeRequest request = FakeRequest.from(received, context);
    int n = requests.incrementAndGet();
    log.add(request.method(), request.path(), request.rawQuery());
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json;charset=UTF-8");
    headers.put("X-AREQUESTID", "fake-" + n);
    if (flavor == Flavor.CLOUD) {
      headers.put("ATL-TraceId", String.format("%016x", n));
    }
    Fault<FakeRequest> fault = faults.claim(request);
    if (fault != null) {
      return fault.reply(headers);
    }
    if (!context.isEmpty() && !received.getUrl().startsWith(context + "/")) {
      headers.put("Content-Type", "text/html;charset=UTF-8");
      return new Reply(404, "<html><body>Not Found: no Jira below " + context + "</body></html>", headers);
    }
    Reply refused = authenticate(request);
    if (refused != null) {
      refused.headers().forEach(headers::put);
      return new Reply(refused.status(), refused.body(), headers);
    }
    if (flavor == Flavor.SERVER) {
      headers.put("X-AUSERNAME", basicUser != null ? basicUser : data.myself().name());
    }
    Reply reply = route(request);
    headers.putAll(reply.headers());
    return new Reply(reply.status(), reply.body(), headers);
  }

  /** Null when the request may pass; otherwise Jira's refusal. */
  private Reply authenticate(FakeRequest request) {
    if (basicUser == null && bearer == null) {
      return null;
    }
    String auth = request.header("Authorization");
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      if (bearer != null && flavor == Flavor.SERVER && auth.substring(7).trim().equals(bearer)) {
        return null;
      }
      return unauthorized(false);
    }
    if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
      if (flavor == Flavor.SERVER && captchaAfter > 0 && failedLogins.get() >= captchaAfter) {
        return captcha();
      }
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        decoded = "";
      }
      if (basicUser != null && decoded.equals(basicUser + ":" + basicSecret)) {
        return null;
      }
      failedLogins.incrementAndGet();
      return unauthorized(true);
    }
    return unauthorized(false);
  }

  private Reply unauthorized(boolean failedBasic) {
    Map<String, String> h = new LinkedHashMap<>();
    if (flavor == Flavor.CLOUD) {
      h.put("Content-Type", "text/plain;charset=UTF-8");
      h.put("WWW-Authenticate", "Basic realm=\"protected-by-api-token\"");
      return new Reply(401, CLOUD_UNAUTHORIZED, h);
    }
    h.put("WWW-Authenticate", "OAuth realm=\"" + url() + "\"");
    if (failedBasic) {
      h.put("X-Seraph-LoginReason", "AUTHENTICATED_FAILED");
    }
    return new Reply(401, JiraErrors.body(NOT_AUTHENTICATED), h);
  }

  private Reply captcha() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("X-Seraph-LoginReason", "AUTHENTICATION_DENIED");
    h.put("X-Authentication-Denied-Reason", "CAPTCHA_CHALLENGE; login-url=" + url() + "/login.jsp");
    return new Reply(403, JiraErrors.body("CAPTCHA_CHALLENGE; login-url=" + url() + "/login.jsp"), h);
  }

  private Reply route(FakeRequest request) {
    String path = request.path();
    JiraShapes shapes = new JiraShapes(flavor, data, url());
    EmbedCaps embed = new EmbedCaps(historiesEmbedded, commentsEmbedded, worklogsEmbedded);
    Reply reply = null;
    if (path.startsWith(flavor.api() + "/")) {
      String rest = path.substring(flavor.api().length());
      reply = new PlatformApi(flavor, data, shapes, url(), deploymentType, version).answer(rest, request);
      if (reply == null) {
        reply = new SearchApi(flavor, data, shapes, searchCap, embed).answer(rest, request);
      }
      if (reply == null) {
        reply = new IssueApi(flavor, data, shapes, pageCap, bulkChangelogCap, embed).answer(rest, request);
      }
    } else if (path.startsWith(AgileApi.PREFIX + "/")) {
      reply = new AgileApi(data, url()).answer(path.substring(AgileApi.PREFIX.length()), request);
    }
    if (reply == null) {
      return JiraErrors.notFound("null for uri: " + url() + path);
    }
    return reply;
  }
}
