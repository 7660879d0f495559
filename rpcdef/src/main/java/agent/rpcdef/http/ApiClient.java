package agent.rpcdef.http;

import agent.rpcdef.ExportCancelledException;
import agent.rpcdef.ExportClock;
import agent.rpcdef.PluginLogger;
import agent.rpcdef.internal.CallClock;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * An integration's client for one vendor API: resolves paths against a base URL, authenticates,
 * retries what can be retried, waits out rate limits, and throws a classified {@link HttpException}
 * with an operator's sentence for the rest. Built on the agent's network settings (proxy, private
 * CA); certificate verification is always on.
 *
 * <pre>{@code
 * ApiClient api = ApiClient.builder().baseUrl("https://api.github.com").auth(Auth.bearer(token))
 *     .rateLimits(RateLimitPolicy.github()).clock(ctx.clock()).stats(stats).build();
 * JsonNode repos = api.get("/orgs/acme/repos?per_page=100").json();
 * }</pre>
 *
 * <p><b>Blocking:</b> {@link #send} blocks for the request, its retries (jittered exponential
 * backoff, bounded by {@link Builder#retries count and time}) and rate-limit waits (bounded by
 * {@link Builder#maxRateLimitWait}). Every wait goes through the {@link ExportClock}: a cancel ends it
 * with {@link ExportCancelledException}; a request already on the wire runs until it answers or
 * times out (60 s without data).
 *
 * <p><b>Threads:</b> thread-safe; threads sharing a client share its connection pool and its view
 * of the rate-limit budget.
 */
public final class ApiClient {
  /** Rate-limit refusals one request waits out before giving up, however short each wait. */
  static final int MAX_RATE_LIMIT_WAITS = 10;
  /** Pacing waits shorter than this are not announced to the {@link PauseListener}. */
  static final Duration ANNOUNCE_PACING_OVER = Duration.ofSeconds(30);
  private static final int SIGNAL_BODY_PREFIX = 2048;

  private final HttpUrl base;
  private final Auth auth;
  private final RateLimitPolicy policy;
  private final Throttle throttle;
  private final int maxAttempts;
  private final Duration maxRetryTime;
  private final Duration maxRateLimitWait;
  private final ExportClock clock;
  private final PauseListener listener;
  private final PluginLogger log;
  private final RequestStats stats;
  private final EtagCache etags;
  private final Map<String, String> defaultHeaders;
  private final String credentialsHint;
  private final Backoff backoff;
  private final Redactor redactor;
  private final OkHttpClient http;

  private ApiClient(Builder b) {
    this.base = b.base;
    this.auth = b.auth;
    this.policy = b.policy;
    this.throttle = new Throttle(b.policy);
    this.maxAttempts = b.maxAttempts;
    this.maxRetryTime = b.maxRetryTime;
    this.maxRateLimitWait = b.maxRateLimitWait;
    this.clock = b.clock;
    this.listener = b.listener;
    this.log = b.log;
    this.stats = b.stats;
    this.etags = b.etags;
    this.defaultHeaders = Map.copyOf(b.headers);
    this.credentialsHint = b.credentialsHint;
    this.backoff = new Backoff(Backoff.BASE, Backoff.CAP, b.jitter);
    this.redactor = new Redactor(auth::secrets);
    String host = base.host();
    this.http = Transport.create(b.env, b.dns).newBuilder()
        // Credentials go to the API's host only, not to a host a redirect or a next-page link names.
        .addNetworkInterceptor(chain -> {
          Request r = chain.request();
          String name = auth.headerName();
          if (name != null && r.url().host().equalsIgnoreCase(host) && r.header(name) == null) {
            r = r.newBuilder().header(name, auth.headerValue()).build();
          }
          return chain.proceed(r);
        })
        .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code GET path}; see {@link #send}. */
  public ApiResponse get(String path) {
    return send(ApiRequest.get(path));
  }

  /**
   * Sends {@code request} and returns a 2xx (or 304) answer, read in full.
   *
   * @throws CredentialsException on 401 (after one refresh of {@link Auth#refreshing} credentials) or 403
   * @throws NotFoundException on 404 or 410
   * @throws BadRequestException on 400 or 422
   * @throws RateLimitException when the rate limit needs a longer wait than allowed
   * @throws HttpException on other answers, and when retries ran out (status 0 when none came)
   * @throws ExportCancelledException when the clock is cancelled before or while waiting
   */
  public ApiResponse send(ApiRequest request) {
    return send(request, true);
  }

  /**
   * Sends one page of a listing: never conditional, since an unchanged first page says nothing of
   * the pages after it, and a 304's empty body would end the listing there.
   */
  ApiResponse sendPage(ApiRequest request) {
    return send(request, false);
  }

  private ApiResponse send(ApiRequest request, boolean conditional) {
    HttpUrl url = Urls.resolve(base, request, redactor);
    String shown = redactor.redact(url.toString());
    String method = request.method();
    String etagKey = conditional && etags != null && method.equals("GET") ? shown : null;
    Instant start = clock.now();
    Duration rateLimited = Duration.ZERO;
    int attempt = 0;
    // Only transient failures count against the retry bounds; rate-limit waits and a token refresh do not.
    int failures = 0;
    int rateLimitWaits = 0;
    boolean refreshed = false;
    while (true) {
      rateLimited = rateLimited.plus(pace(method, shown, rateLimited));
      if (clock.isCancelled()) {
        throw new ExportCancelledException("export cancelled before " + method + " " + shown);
      }
      attempt++;
      stats.request();
      Request okRequest = build(request, url, etagKey);
      try (Response resp = http.newCall(okRequest).execute()) {
        byte[] body = resp.body().bytes();
        stats.bytes(body.length);
        int status = resp.code();
        RateLimitSignal signal = policy.read(status, resp::header, prefix(body), clock.now());
        throttle.observe(signal.remaining(), signal.limit(), signal.resetAt());
        if (status == 304) {
          stats.notModified();
          if (policy.notModifiedIsFree() && signal.remaining() < 0) {
            // The 304 said nothing of the budget: give back what beforeRequest took, as GitHub does.
            throttle.refund();
          }
          recovered(attempt, method, shown);
          return new ApiResponse(status, resp.request().url().toString(), resp.headers().toMultimap(), new byte[0]);
        }
        if (status < 400) {
          String etag = resp.header("ETag");
          if (etagKey != null && etag != null) {
            etags.put(etagKey, etag);
          }
          recovered(attempt, method, shown);
          return new ApiResponse(status, resp.request().url().toString(), resp.headers().toMultimap(), body);
        }
        if (status == 401 && !refreshed && auth.refresh()) {
          // An OAuth token may have expired since it was fetched; one fresh one, then 401 is final.
          refreshed = true;
          stats.retry();
          continue;
        }
        if (signal.limited()) {
          rateLimitWaits++;
          Instant until = signal.waitUntil() != null ? signal.waitUntil() : clock.now().plus(backoff.delay(rateLimitWaits));
          if (rateLimitWaits > MAX_RATE_LIMIT_WAITS) {
            throw new RateLimitException(redactor.redact(method + " " + shown + " was refused by " + policy.vendor()
                + "'s rate limit " + rateLimitWaits + " times in a row; giving up, run the export again later"),
                status, method, shown, signal.resetAt());
          }
          rateLimited = rateLimited.plus(waitForRateLimit(signal.reason(), until, rateLimited, method, shown, status));
          stats.retry();
          continue;
        }
        boolean transientStatus = status >= 500 || status == 408;
        if (transientStatus && request.isRetryable() && !request.failFast().contains(status)) {
          String gaveUp = retryOrGiveUp(++failures, start, rateLimited, method, shown, Failures.statusLine(status));
          if (gaveUp == null) {
            continue;
          }
          throw Failures.forStatus(redactor, method, shown, status, body, credentialsHint, gaveUp);
        }
        throw Failures.forStatus(redactor, method, shown, status, body, credentialsHint,
            transientStatus && !request.failFast().contains(status) ? "not retried: " + method
                + " is not idempotent and was not marked retryable" : null);
      } catch (IOException e) {
        String what = redactor.redact(Failures.describe(e));
        if (Failures.isCertificateFailure(e)) {
          throw new HttpException(method + " " + shown + " failed TLS verification (" + what + "); if the server or a"
              + " proxy uses a private certificate authority, set AGENT_CA_FILE to its PEM file", 0, method, shown, e);
        }
        // A connection that never opened carried nothing: safe to retry whatever the method.
        boolean neverSent = e instanceof ConnectException || e instanceof NoRouteToHostException
            || e instanceof UnknownHostException;
        if (!request.isRetryable() && !neverSent) {
          throw new HttpException(method + " " + shown + " failed: " + what + "; not retried: " + method
              + " is not idempotent and was not marked retryable", 0, method, shown, e);
        }
        String gaveUp = retryOrGiveUp(++failures, start, rateLimited, method, shown, what);
        if (gaveUp != null) {
          throw new HttpException(method + " " + shown + " failed: " + what + "; " + gaveUp, 0, method, shown, e);
        }
      }
    }
  }

  /** Where {@code request} goes. */
  HttpUrl urlOf(ApiRequest request) {
    return Urls.resolve(base, request, redactor);
  }

  /** The accounting this client adds to. */
  public RequestStats stats() {
    return stats;
  }

  /** The clock every wait of this client goes through. */
  public ExportClock clock() {
    return clock;
  }

  /** {@code text} with this client's secrets and secret query parameters masked, for logging. */
  public String redact(String text) {
    return redactor.redact(text);
  }

  /** The rate-limit budget left as last reported (-1 when unknown). */
  public long rateLimitRemaining() {
    return throttle.remaining();
  }

  /** Feeds a budget learned elsewhere (a GraphQL {@code rateLimit} object) to the pacing. */
  void observeBudget(long remaining, long limit, Instant resetAt) {
    throttle.observe(remaining, limit, resetAt);
  }

  RateLimitPolicy policy() {
    return policy;
  }

  /**
   * Waits until {@code until} for a rate limit, announced to the listener and counted; throws {@link
   * RateLimitException} when that would take the request's waits past the allowed maximum.
   */
  Duration waitForRateLimit(String serverReason, Instant until, Duration waitedSoFar, String method, String shown,
      int status) {
    // The reason may quote the server, which may quote the request: it goes to logs and to the host.
    String reason = redactor.redact(serverReason);
    Duration wait = Duration.between(clock.now(), until);
    if (wait.isNegative() || wait.isZero()) {
      wait = Duration.ofSeconds(1); // The server refused us; its clock may run behind ours.
    }
    if (waitedSoFar.plus(wait).compareTo(maxRateLimitWait) > 0) {
      throw new RateLimitException(redactor.redact(method + " " + shown + ": " + reason + "; resuming would need a wait"
          + " until " + until + " (" + Failures.human(wait) + "), past the allowed " + Failures.human(maxRateLimitWait)
          + "; run the export again later"), status, method, shown, until);
    }
    if (log != null) {
      log.info("rate limited, pausing", "reason", reason, "resume_at", until.toString(), "url", shown);
    }
    listener.pause(reason, until);
    try {
      clock.sleep(wait);
    } finally {
      listener.resume();
    }
    stats.rateLimitWait(wait.toMillis());
    return wait;
  }

  private Duration pace(String method, String shown, Duration waitedSoFar) {
    Duration wait = throttle.beforeRequest(clock.now());
    if (wait.isZero()) {
      return wait;
    }
    if (wait.compareTo(ANNOUNCE_PACING_OVER) > 0) {
      return waitForRateLimit(policy.vendor() + " rate limit nearly used up; waiting for its reset",
          clock.now().plus(wait), waitedSoFar, method, shown, 0);
    }
    clock.sleep(wait);
    stats.rateLimitWait(wait.toMillis());
    return wait;
  }

  /** Sleeps the backoff and returns null, or returns why not to retry ("gave up after ..."). */
  private String retryOrGiveUp(int failures, Instant start, Duration rateLimited, String method, String shown,
      String failure) {
    Duration elapsed = Duration.between(start, clock.now()).minus(rateLimited);
    Duration delay = backoff.delay(failures);
    if (failures >= maxAttempts || elapsed.plus(delay).compareTo(maxRetryTime) > 0) {
      return Failures.gaveUp(failures, Duration.between(start, clock.now()));
    }
    if (failures == 1 && log != null) {
      log.warn("request failed, retrying", "method", method, "url", shown, "error", failure, "retry_in_ms",
          delay.toMillis());
    }
    stats.retry();
    clock.sleep(delay);
    return null;
  }

  private void recovered(int attempt, String method, String shown) {
    if (attempt > 1 && log != null) {
      log.info("request recovered", "method", method, "url", shown, "attempts", attempt);
    }
  }

  private Request build(ApiRequest request, HttpUrl url, String etagKey) {
    Request.Builder rb = new Request.Builder().url(url);
    defaultHeaders.forEach(rb::header);
    request.headers().forEach(rb::header);
    if (etagKey != null && request.headers().keySet().stream().noneMatch("If-None-Match"::equalsIgnoreCase)) {
      String etag = etags.get(etagKey);
      if (etag != null) {
        rb.header("If-None-Match", etag);
      }
    }
    RequestBody body = null;
    if (request.bodyBytes() != null) {
      body = RequestBody.create(request.bodyBytes(), MediaType.parse(request.contentType()));
    } else if (List.of("POST", "PUT", "PATCH").contains(request.method())) {
      body = RequestBody.create(new byte[0], null);
    }
    return rb.method(request.method(), body).build();
  }

  private static String prefix(byte[] body) {
    return new String(body, 0, Math.min(body.length, SIGNAL_BODY_PREFIX), StandardCharsets.UTF_8);
  }

  /** Settings of an {@link ApiClient}. Not thread-safe; build once. */
  public static final class Builder {
    private HttpUrl base;
    private Auth auth = Auth.none();
    private RateLimitPolicy policy = RateLimitPolicy.standard();
    private int maxAttempts = 5;
    private Duration maxRetryTime = Duration.ofMinutes(2);
    private Duration maxRateLimitWait = Duration.ofHours(1);
    // The clock of the call this thread serves (validate, onboard, export), so a cancel ends our waits.
    private ExportClock clock = CallClock.current();
    private PauseListener listener = PauseListener.NONE;
    private PluginLogger log;
    private RequestStats stats = new RequestStats();
    private EtagCache etags;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Map<String, String> env = System.getenv();
    private String credentialsHint = "the token";
    private DoubleSupplier jitter = () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble();
    private Dns dns;

    private Builder() {}

    /** The API root, e.g. {@code https://api.github.com} or {@code https://jira.corp/jira} (context path kept). Required. */
    public Builder baseUrl(String url) {
      HttpUrl u = HttpUrl.parse(url);
      if (u == null) {
        throw new IllegalArgumentException("not an http(s) URL: " + Redactor.none().redact(url));
      }
      this.base = u;
      return this;
    }

    public Builder auth(Auth auth) {
      this.auth = Objects.requireNonNull(auth, "auth");
      return this;
    }

    /** How the vendor reports rate limits. Default {@link RateLimitPolicy#standard()}. */
    public Builder rateLimits(RateLimitPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Attempts per request (1 = no retry) and the time they may take, rate-limit waits not counted.
     * Default 5 attempts within 2 minutes.
     */
    public Builder retries(int maxAttempts, Duration maxTime) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      this.maxRetryTime = Objects.requireNonNull(maxTime, "maxTime");
      return this;
    }

    /** The longest a request waits for rate limits in total before {@link RateLimitException}. Default 1 hour. */
    public Builder maxRateLimitWait(Duration max) {
      this.maxRateLimitWait = Objects.requireNonNull(max, "max");
      return this;
    }

    /**
     * The clock every wait runs on. Default: the clock of the call the plugin serves on this thread
     * (Export, ValidateConfig, OnboardExport), which the host's cancel or deadline ends; outside a
     * call, the wall clock, never cancelled. {@code ctx.http()} sets the export's.
     */
    public Builder clock(ExportClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder listener(PauseListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Where the first failure of a request, its recovery and rate-limit pauses are logged. Default: nowhere. */
    public Builder log(PluginLogger log) {
      this.log = log;
      return this;
    }

    /** The integration's shared accounting. Default: a fresh one, see {@link ApiClient#stats()}. */
    public Builder stats(RequestStats stats) {
      this.stats = Objects.requireNonNull(stats, "stats");
      return this;
    }

    /** Sends {@code If-None-Match} for GETs whose ETag is in {@code cache}. Default: no conditional requests. */
    public Builder etagCache(EtagCache cache) {
      this.etags = cache;
      return this;
    }

    /** A header for every request ({@code Accept: application/vnd.github+json}, say). */
    public Builder header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    public Builder userAgent(String userAgent) {
      return header("User-Agent", userAgent);
    }

    /** Proxy and CA settings ({@code HTTPS_PROXY}, {@code NO_PROXY}, {@code AGENT_CA_FILE}). Default {@code System.getenv()}. */
    public Builder network(Map<String, String> env) {
      this.env = Map.copyOf(env);
      return this;
    }

    /** The config key an operator fixes after a 401 or 403 ("access_token"). Default "the token". */
    public Builder credentialsHint(String hint) {
      this.credentialsHint = Objects.requireNonNull(hint, "hint");
      return this;
    }

    /** Test hook: the jitter source of the backoff, values in [0, 1). */
    Builder jitter(DoubleSupplier jitter) {
      this.jitter = jitter;
      return this;
    }

    /** Test hook: name resolution, to reach loopback servers under made-up host names. */
    Builder dns(Dns dns) {
      this.dns = dns;
      return this;
    }

    /**
     * @throws agent.rpcdef.ConfigException when the proxy or the CA file of the network settings is unusable
     */
    public ApiClient build() {
      if (base == null) {
        throw new IllegalStateException("baseUrl is required");
      }
      return new ApiClient(this);
    }
  }
}
