package agent.devbackend.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches the requests under one prefix (e.g. {@code /api/v1}) to handlers by method and path
 * regex, in the order the routes were added. Unknown paths get 404, a known path with another method
 * 405; an {@link ApiException} becomes the API's error body; any other exception is a bug: logged
 * with its stack trace and answered 500 {@code internal}.
 *
 * <p>Paths are matched as they came over the wire (still percent-encoded), so a route's groups can
 * split on {@code '/'} before {@link Exchange#param} decodes them.
 */
public final class Router implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(Router.class);

  /** Answers a request whose route matched. */
  @FunctionalInterface
  public interface Handler {
    void handle(Exchange exchange) throws IOException;
  }

  /**
   * Runs before routing, e.g. authentication or failure injection; returns true when it answered
   * the request itself.
   */
  @FunctionalInterface
  public interface Filter {
    boolean before(String method, String path, Exchange exchange) throws IOException;
  }

  private record Route(String method, Pattern pattern, Handler handler) {}

  private final String prefix;
  private final Map<String, String> responseHeaders;
  private final List<Route> routes = new ArrayList<>();
  private final List<Filter> filters = new ArrayList<>();

  /**
   * @param prefix the context path this router serves, without a trailing slash
   * @param responseHeaders set on every response, e.g. the API version
   */
  public Router(String prefix, Map<String, String> responseHeaders) {
    this.prefix = prefix;
    this.responseHeaders = Map.copyOf(responseHeaders);
  }

  /** Adds a route; {@code regex} must match the whole path after the prefix. */
  public Router route(String method, String regex, Handler handler) {
    routes.add(new Route(method, Pattern.compile(regex), handler));
    return this;
  }

  /** Adds a filter; filters run in the order added, before any route. */
  public Router filter(Filter filter) {
    filters.add(filter);
    return this;
  }

  @Override
  public void handle(HttpExchange raw) throws IOException {
    String fullPath = raw.getRequestURI().getRawPath();
    String path = fullPath.startsWith(prefix) ? fullPath.substring(prefix.length()) : fullPath;
    String method = raw.getRequestMethod();
    responseHeaders.forEach((k, v) -> raw.getResponseHeaders().set(k, v));
    Exchange exchange = new Exchange(raw, null);
    try {
      for (Filter filter : filters) {
        if (filter.before(method, path, exchange)) {
          return;
        }
      }
      boolean pathKnown = false;
      for (Route route : routes) {
        Matcher m = route.pattern().matcher(path);
        if (!m.matches()) {
          continue;
        }
        pathKnown = true;
        if (route.method().equals(method)) {
          exchange = new Exchange(raw, m);
          route.handler().handle(exchange);
          return;
        }
      }
      throw pathKnown
          ? new ApiException(405, "method_not_allowed", method + " is not allowed on " + fullPath)
          : ApiException.notFound("not_found", "no such endpoint: " + method + " " + fullPath);
    } catch (ApiException e) {
      answer(exchange, e);
    } catch (IOException e) {
      // Mostly a client that went away mid-request; else a disk error, which deserves its 500.
      log.warn("{} {}: {}", method, fullPath, e.toString());
      answerQuietly(exchange, new ApiException(500, "internal", "I/O error: " + e.getMessage()));
    } catch (RuntimeException e) {
      log.error("{} {} failed", method, fullPath, e);
      answerQuietly(exchange, new ApiException(500, "internal", "internal error: " + e));
    } finally {
      raw.close();
    }
  }

  private static void answerQuietly(Exchange exchange, ApiException e) {
    try {
      answer(exchange, e);
    } catch (IOException | RuntimeException gone) {
      log.debug("could not answer: {}", gone.toString());
    }
  }

  private static void answer(Exchange exchange, ApiException e) throws IOException {
    if (!exchange.responded()) {
      exchange.error(e);
    }
  }
}
