package agent.core.ops;

import agent.core.backend.BackendHttp;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * One bounded request to the backend, the way {@code service-run} would make it (the same HTTP client:
 * the JVM's proxy selector, the {@code ca_file}), classified for an operator. It reads nothing and
 * changes nothing on the backend: {@code GET /api/v1/exports/<a probe id>} answers 404 to a valid key
 * and 401 to a refused one, and any answer at all proves the route.
 */
public final class BackendProbe {
  /** Never an export's id (those start with a timestamp): the backend can only answer 404. */
  static final String PROBE_EXPORT = "agent-probe";

  /** How the request ended. */
  public enum Outcome {
    /** The backend answered with a status the agent can work with. */
    ANSWERED,
    /** The backend answered 401 or 403: the API key is refused. */
    KEY_REFUSED,
    /** The backend answered 5xx: reachable but unwell. */
    SERVER_ERROR,
    /** The proxy answered 407: it wants credentials it did not get or refused them. */
    PROXY_AUTH,
    /** The host name does not resolve. */
    DNS,
    /** No connection (refused, no route). */
    CONNECT,
    /** The TLS handshake failed, usually an untrusted certificate. */
    TLS,
    /** No answer within the bound. */
    TIMEOUT,
    /** Anything else; see the detail. */
    OTHER
  }

  /**
   * @param status the HTTP status, 0 without an answer
   * @param skew the backend's {@code Date} minus this machine's clock at the middle of the request; null without one
   */
  public record Result(Outcome outcome, int status, Duration skew, Duration took, String detail) {
    public boolean reachable() {
      return outcome == Outcome.ANSWERED || outcome == Outcome.KEY_REFUSED || outcome == Outcome.SERVER_ERROR;
    }
  }

  private BackendProbe() {}

  /**
   * @param apiKey sent as the service sends it, or null before enrollment (then a 401 is expected and fine)
   * @param timeout the whole request's bound
   */
  public static Result probe(URI backendUrl, String apiKey, Path caFile, Duration timeout) {
    return probe(backendUrl, apiKey, caFile, timeout, null);
  }

  /** @param proxies the proxies to use, or null for the JVM's default selector (as service-run) */
  public static Result probe(URI backendUrl, String apiKey, Path caFile, Duration timeout, ProxySelector proxies) {
    long t0 = System.nanoTime();
    Instant sent = Instant.now();
    OkHttpClient http;
    try {
      http = BackendHttp.client(caFile, timeout, timeout);
      if (proxies != null) {
        http = http.newBuilder().proxySelector(proxies).build();
      }
    } catch (RuntimeException e) {
      return new Result(Outcome.TLS, 0, null, Duration.ZERO, "the CA file cannot be used: " + e.getMessage());
    }
    okhttp3.HttpUrl url = okhttp3.HttpUrl.get(backendUrl.toString()).newBuilder()
        .addPathSegment("api").addPathSegment("v1").addPathSegment("exports").addPathSegment(PROBE_EXPORT).build();
    Request.Builder rb = new Request.Builder().url(url).header("User-Agent", "agent-probe");
    if (apiKey != null) {
      rb.header("Authorization", "Bearer " + apiKey);
    }
    try (Response r = http.newCall(rb.build()).execute()) {
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      Date date = r.headers().getDate("Date");
      Duration skew = date == null ? null : Duration.between(sent.plus(took.dividedBy(2)), date.toInstant());
      int s = r.code();
      Outcome o = s == 407 ? Outcome.PROXY_AUTH
          : (s == 401 || s == 403) && apiKey != null ? Outcome.KEY_REFUSED
          : s >= 500 ? Outcome.SERVER_ERROR : Outcome.ANSWERED;
      return new Result(o, s, skew, took, "HTTP " + s);
    } catch (IOException e) {
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      return new Result(classify(e), 0, null, took, describe(e));
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  /** The proxy the JVM's selector picks for {@code uri}; null for a direct connection. */
  public static Proxy proxyFor(URI uri) {
    ProxySelector s = ProxySelector.getDefault();
    if (s == null) {
      return null;
    }
    List<Proxy> ps = s.select(uri);
    return ps.isEmpty() || ps.get(0).type() == Proxy.Type.DIRECT ? null : ps.get(0);
  }

  static Outcome classify(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage());
      if (m.contains("407") || m.toLowerCase(java.util.Locale.ROOT).contains("proxy authentication")) {
        return Outcome.PROXY_AUTH;
      }
      if (t instanceof UnknownHostException) {
        return Outcome.DNS;
      }
      if (t instanceof SSLException) {
        return Outcome.TLS;
      }
      if (t instanceof ConnectException || t instanceof java.net.NoRouteToHostException) {
        return Outcome.CONNECT;
      }
      if (t instanceof InterruptedIOException) {
        return Outcome.TIMEOUT;
      }
    }
    return Outcome.OTHER;
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
