package agent.devbackend.fault;

import agent.devbackend.http.ApiException;
import agent.devbackend.http.Exchange;
import agent.devbackend.http.Router;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the API misbehave on request, for tests of the agent's retries: a {@link Router.Filter} in
 * front of every {@code /api/v1} route (never the admin routes). Rules are consumed in the order
 * they were added: a request uses up one count of the first rule it matches.
 *
 * <p>Thread-safe. A delay sleeps on the request's own thread, so other requests go on.
 */
public final class FailureInjector implements Router.Filter {
  private static final Logger log = LoggerFactory.getLogger(FailureInjector.class);

  private final List<Remaining> rules = new ArrayList<>();

  private static final class Remaining {
    final FailureRule rule;
    final Pattern pathPattern;
    int left;

    Remaining(FailureRule rule) {
      this.rule = rule;
      this.pathPattern = Pattern.compile(rule.pathRegex()); // once, not per request
      this.left = rule.count();
    }

    boolean matches(String method, String path) {
      return (rule.method() == null || rule.method().equalsIgnoreCase(method)) && pathPattern.matcher(path).find();
    }
  }

  /** Adds a rule after the existing ones. */
  public synchronized void add(FailureRule rule) {
    rules.add(new Remaining(rule));
  }

  /** Forgets every rule. */
  public synchronized void clear() {
    rules.clear();
  }

  /** The rules with counts left, and how many are left of each (for the admin listing). */
  public synchronized List<FailureRule> pending() {
    return rules.stream()
        .map(r -> new FailureRule(r.rule.pathRegex(), r.rule.method(), r.left, r.rule.status(),
            r.rule.retryAfterSeconds(), r.rule.delayMs(), r.rule.code()))
        .toList();
  }

  /** Takes one count of the first rule matching the request, if any. */
  synchronized Optional<FailureRule> take(String method, String path) {
    for (int i = 0; i < rules.size(); i++) {
      Remaining r = rules.get(i);
      if (r.matches(method, path)) {
        if (--r.left == 0) {
          rules.remove(i);
        }
        return Optional.of(r.rule);
      }
    }
    return Optional.empty();
  }

  @Override
  public boolean before(String method, String path, Exchange exchange) throws IOException {
    Optional<FailureRule> hit = take(method, path);
    if (hit.isEmpty()) {
      return false;
    }
    FailureRule rule = hit.get();
    if (rule.delayMs() > 0) {
      try {
        Thread.sleep(rule.delayMs());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    if (rule.status() == 0) {
      return false;
    }
    log.info("injected {} for {} {}", rule.status(), method, path);
    // Read what the client sends first: answering mid-upload would reset the connection, and the
    // client would see a network error instead of the status this rule is about.
    exchange.body().transferTo(OutputStream.nullOutputStream());
    if (rule.retryAfterSeconds() > 0) {
      exchange.responseHeader("Retry-After", Integer.toString(rule.retryAfterSeconds()));
    }
    exchange.error(new ApiException(rule.status(), rule.code(), "failure injected by the devbackend for " + path));
    return true;
  }
}
