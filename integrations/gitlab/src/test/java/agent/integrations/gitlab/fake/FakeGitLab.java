package agent.integrations.gitlab.fake;

import agent.integrations.gitlab.fake.GitLabWorld.Project;
import agent.rpcdef.testing.SelfSignedCertificate;
import agent.testkit.fake.FakeServer;
import agent.testkit.fake.Fault;
import agent.testkit.fake.Faults;
import agent.testkit.fake.ReceivedRequest;
import agent.testkit.fake.Reply;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A fake GitLab on a loopback port: the REST v4 endpoints the integration reads, answered from a
 * {@link GitLabWorld} at request time in GitLab's documented shapes, with its offset and keyset
 * pagination, its {@code RateLimit-*} headers, a request log, and scripted faults. Every call is a
 * real HTTP round trip (WireMock serving one catch-all stub through a transformer).
 *
 * <p>{@link #url()} is the instance's base URL, the integration's {@code url}; the API is at
 * {@code url() + "/api/v4"}. Requests need {@link #token()} as {@code Authorization: Bearer} or
 * {@code PRIVATE-TOKEN}. Thread-safe: requests may arrive concurrently and are answered one at a time;
 * change the world between exports, not during one.
 */
public final class FakeGitLab implements AutoCloseable {
  public static final String DEFAULT_TOKEN = "glpat-fake-token-0123456789";
  /** GitLab.com's authenticated API limit per minute. */
  public static final int DEFAULT_RATE_LIMIT = 2000;
  private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  /**
   * One request as the fake saw and answered it.
   *
   * @param path the raw path as sent, e.g. {@code /api/v4/projects/acme%2Fapi}
   * @param apiPath the raw path below the API root, e.g. {@code /projects/acme%2Fapi}; null outside it
   * @param query the decoded query parameters
   * @param status the status answered; 0 for a reset connection
   * @param unknown whether GitLab has no such route: answered 404 {@code {"error":"404 Not Found"}}
   */
  public record Call(String method, String path, String apiPath, Map<String, String> query, int status,
      boolean unknown) {
    /** Whether {@link #apiPath()} matches {@code regex} as a whole, e.g. {@code /projects/\d+/merge_requests}. */
    public boolean is(String regex) {
      return apiPath != null && apiPath.matches(regex);
    }

    @Override
    public String toString() {
      return method + " " + path + (query.isEmpty() ? "" : "?" + query) + " -> " + status;
    }
  }

  private final GitLabWorld world;
  private final String relativePath;
  private final FakeServer server;

  private volatile String token = DEFAULT_TOKEN;
  private volatile boolean revoked;
  private volatile int revokeAfter = -1;
  private volatile int rateLimit = DEFAULT_RATE_LIMIT;
  private volatile long windowEnd;
  private int observed;

  private final ConcurrentLinkedQueue<Call> log = new ConcurrentLinkedQueue<>();
  private final Faults<GitLabRequest> faults = new Faults<>();
  private final List<Deletion> deletions = new CopyOnWriteArrayList<>();

  /** Starts a fake serving {@code world} at the root of a free loopback port. */
  public FakeGitLab(GitLabWorld world) {
    this(world, "");
  }

  /**
   * Starts a fake serving {@code world} under {@code relativePath} ({@code "/gitlab"}, or {@code ""}),
   * as a self-managed instance installed under a relative URL.
   */
  public FakeGitLab(GitLabWorld world, String relativePath) {
    this(world, relativePath, null);
  }

  /**
   * Starts a fake serving {@code world} under {@code relativePath} over HTTPS only, with the server
   * certificate of a private CA (as self-managed instances often have): clients must trust {@code
   * certificate.pem()}. {@code certificate} null: plain HTTP.
   */
  public FakeGitLab(GitLabWorld world, String relativePath, SelfSignedCertificate certificate) {
    this.world = world;
    this.relativePath = relativePath.replaceAll("/+$", "");
    this.server = certificate == null ? FakeServer.http("fake-gitlab", this::serve)
        : FakeServer.https("fake-gitlab", certificate.keystore(), SelfSignedCertificate.PASSWORD, this::serve);
    server.start();
    resetRateLimit();
  }

  @Override
  public void close() {
    server.close();
  }

  // -- where it is and what it serves

  /** The instance's base URL, {@code http://127.0.0.1:PORT} (plus the relative path), without a trailing slash. */
  public String url() {
    return server.url() + relativePath;
  }

  /** {@code url() + "/api/v4"}. */
  public String apiUrl() {
    return url() + "/api/v4";
  }

  /** The API URL of {@code pathAndQuery}, e.g. {@code api("/projects?membership=true")}. */
  public URI api(String pathAndQuery) {
    return URI.create(apiUrl() + pathAndQuery);
  }

  public GitLabWorld world() {
    return world;
  }

  /** {@code full/path} URL-encoded as GitLab takes it in place of an id: {@code acme%2Fplatform}. */
  public static String encode(String fullPath) {
    return URLEncoder.encode(fullPath, StandardCharsets.UTF_8);
  }

  // -- configuration; set before the requests it should affect

  public String token() {
    return token;
  }

  /** The one token the fake accepts; any other, or none, gets {@code 401 {"message":"401 Unauthorized"}}. */
  public FakeGitLab token(String token) {
    this.token = token;
    return this;
  }

  /** Revokes the token now: every request gets 401 until {@link #restoreToken()}. */
  public FakeGitLab revokeToken() {
    this.revoked = true;
    return this;
  }

  /** The token is revoked after the next {@code k} requests: the (k+1)th and all later ones get 401. */
  public FakeGitLab revokeTokenAfter(int k) {
    synchronized (this) {
      if (k <= 0) {
        revoked = true;
      } else {
        revokeAfter = k;
      }
    }
    return this;
  }

  public FakeGitLab restoreToken() {
    synchronized (this) {
      revoked = false;
      revokeAfter = -1;
    }
    return this;
  }

  /**
   * Requests allowed per one-minute window ({@code RateLimit-Limit}); past it, 429 {@code Retry later} with
   * {@code Retry-After} until the window ends, as GitLab's throttle answers.
   */
  public FakeGitLab rateLimit(int perMinute) {
    this.rateLimit = perMinute;
    return this;
  }

  /** Starts a fresh window: nothing observed, the reset a minute from now. */
  public synchronized void resetRateLimit() {
    observed = 0;
    windowEnd = Instant.now().getEpochSecond() + 60;
  }

  /** The epoch second the current rate-limit window ends ({@code RateLimit-Reset}). */
  public long rateLimitReset() {
    return windowEnd;
  }

  /**
   * {@code project} is deleted once the next {@code k} requests to its paths ({@code /projects/:id} or
   * its encoded path, and everything below) have been answered: from the (k+1)th on, those paths answer
   * {@code 404 Project Not Found} and it leaves every list.
   */
  public FakeGitLab deleteProjectAfter(Project project, int k) {
    deletions.add(new Deletion(project, k));
    return this;
  }

  // -- the request log

  /** Every request so far, faults and unknown paths included, in arrival order. */
  public List<Call> requests() {
    return new ArrayList<>(log);
  }

  public int count(Predicate<Call> which) {
    return (int) log.stream().filter(which).count();
  }

  /** Requests whose path below the API root matches {@code regex}, e.g. {@code count("/projects/\\d+/merge_requests")}. */
  public int count(String apiPathRegex) {
    return count(c -> c.is(apiPathRegex));
  }

  /** Requests GitLab would not have known: unknown paths and methods, answered 404 {@code {"error":...}}. */
  public List<Call> unknownRequests() {
    return log.stream().filter(Call::unknown).toList();
  }

  /** Empties the log, leaving faults and settings as they are. */
  public void resetLog() {
    log.clear();
  }

  // -- faults: each fires for the next matching request (or the next Fault.times(n)), first registered first

  /**
   * The next request with {@code method} ({@code "*"} for any) whose path below the API root matches
   * {@code pathRegex} as a whole gets {@code status}, the JSON {@code body} and the headers given as
   * name, value pairs, plus the rate-limit headers.
   */
  public Fault<GitLabRequest> failNext(String method, String pathRegex, int status, String body, String... headers) {
    return faults.add(new Fault<>(method, pathRegex, status, body, typed("application/json", headers)));
  }

  /** GitLab's throttle: 429, {@code Retry-After: seconds}, the plain-text body {@code Retry later}. */
  public Fault<GitLabRequest> tooManyRequests(String pathRegex, int retryAfterSeconds) {
    return faults.add(new Fault<>("*", pathRegex, 429, "Retry later\n",
        typed("text/plain", "Retry-After", String.valueOf(retryAfterSeconds))));
  }

  /**
   * A server error: 500 with GitLab's JSON {@code {"message":"500 Internal Server Error"}}, or 502/503/504
   * with the HTML page the proxy in front of GitLab gives.
   */
  public Fault<GitLabRequest> serverError(String pathRegex, int status) {
    if (status == 500) {
      return faults.add(new Fault<>("*", pathRegex, 500, GitLabErrors.message("500 Internal Server Error"),
          typed("application/json")));
    }
    String reason = switch (status) {
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "Error";
    };
    return faults.add(new Fault<>("*", pathRegex, status, "<html>\r\n<head><title>" + status + " " + reason
        + "</title></head>\r\n<body>\r\n<center><h1>" + status + " " + reason + "</h1></center>\r\n<hr><center>nginx</center>\r\n"
        + "</body>\r\n</html>\r\n", typed("text/html")));
  }

  /** The connection is reset without an answer. */
  public Fault<GitLabRequest> connectionReset(String pathRegex) {
    return faults.add(Fault.connectionReset("*", pathRegex));
  }

  /** Drops the faults and deletions not yet spent. */
  public void clearFaults() {
    faults.clear();
    deletions.clear();
  }

  /** {@code Content-Type: contentType}, then the headers given as name, value pairs. */
  private static Map<String, String> typed(String contentType, String... headers) {
    Map<String, String> h = Faults.headers("Content-Type", contentType);
    h.putAll(Faults.headers(headers));
    return h;
  }

  // -- answering

  /** Answers a request and logs it; a {@code HEAD} gets the headers alone. */
  private Reply serve(LoggedRequest received) {
    GitLabRequest request = GitLabRequest.from(received, relativePath + "/api/v4");
    Reply reply = answer(request);
    log.add(new Call(request.method(), request.path(), request.apiPath(), request.query(),
        reply.resetConnection() ? 0 : reply.status(), !reply.resetConnection() && GitLabErrors.isNoRoute(reply)));
    return request.method().equals("HEAD") ? new Reply(reply.status(), null, reply.headers(), reply.resetConnection())
        : reply;
  }

  private synchronized Reply answer(GitLabRequest request) {
    long now = Instant.now().getEpochSecond();
    if (now >= windowEnd) {
      observed = 0;
      windowEnd = now + 60;
    }
    observed++;
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("X-Request-Id", "fake-" + log.size());
    headers.putAll(rateHeaders());
    Fault<GitLabRequest> fault = faults.claim(request);
    if (fault != null) {
      return fault.reply(headers);
    }
    if (observed > rateLimit) {
      headers.put("Content-Type", "text/plain");
      headers.put("Retry-After", String.valueOf(Math.max(1, windowEnd - now)));
      return new Reply(429, "Retry later\n", headers);
    }
    if (request.apiPath() != null && !authorized(request)) {
      return new Reply(401, GitLabErrors.message("401 Unauthorized"), headers);
    }
    for (Deletion d : deletions) {
      d.count(request, world);
    }
    String web = url();
    Reply reply = new GitLabApi(world, new GitLabShapes(world, web), new Pages(apiUrl(), world.omitTotals))
        .answer(request);
    headers.putAll(reply.headers());
    return new Reply(reply.status(), reply.body(), headers);
  }

  /** Counts the request against a pending revocation, then checks the token. */
  private boolean authorized(GitLabRequest request) {
    if (revokeAfter > 0) {
      revokeAfter--;
    } else if (revokeAfter == 0) {
      revoked = true;
      revokeAfter = -1;
    }
    if (revoked) {
      return false;
    }
    String bearer = request.header("Authorization");
    String privateToken = request.header("PRIVATE-TOKEN");
    return ("Bearer " + token).equals(bearer) || token.equals(privateToken);
  }

  private Map<String, String> rateHeaders() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("RateLimit-Name", "throttle_authenticated_api");
    h.put("RateLimit-Limit", String.valueOf(rateLimit));
    h.put("RateLimit-Observed", String.valueOf(observed));
    h.put("RateLimit-Remaining", String.valueOf(Math.max(0, rateLimit - observed)));
    h.put("RateLimit-Reset", String.valueOf(windowEnd));
    h.put("RateLimit-ResetTime", HTTP_DATE.format(Instant.ofEpochSecond(windowEnd)));
    return h;
  }

  /** A pending {@link #deleteProjectAfter}: counts the requests to the project's paths and deletes it after k. */
  private static final class Deletion {
    private final Project project;
    private int remaining;

    Deletion(Project project, int k) {
      this.project = project;
      this.remaining = k;
    }

    void count(GitLabRequest request, GitLabWorld world) {
      String p = request.apiPath();
      if (p == null || !p.startsWith("/projects/")) {
        return;
      }
      String key = ReceivedRequest.decode(p.substring("/projects/".length()).split("/", 2)[0]);
      if (!key.equals(String.valueOf(project.id)) && !key.equalsIgnoreCase(project.pathWithNamespace())) {
        return;
      }
      if (remaining == 0) {
        world.deleteProject(project);
      } else {
        remaining--;
      }
    }
  }
}
