package agent.integrations.jira.fake;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A scripted failure of a {@link FakeJira}: the next matching request (or the next {@link #times} ones)
 * gets this status, body and headers instead of an answer. Created by {@link FakeJira#failNext} and its
 * named variants; configure it before the requests it should catch are sent.
 */
public final class Fault {
  private final String method;
  private final Pattern path;
  final int status;
  final String body;
  final Map<String, String> headers;
  private final AtomicInteger remaining = new AtomicInteger(1);
  private final AtomicInteger fired = new AtomicInteger();
  private volatile Predicate<FakeRequest> when = r -> true;

  Fault(String method, String pathRegex, int status, String body, Map<String, String> headers) {
    this.method = method;
    this.path = Pattern.compile(pathRegex);
    this.status = status;
    this.body = body;
    this.headers = headers;
  }

  /** Fire for the next {@code n} matching requests instead of one. */
  public Fault times(int n) {
    remaining.set(n);
    return this;
  }

  /** Fire only for requests that also match {@code condition}, e.g. {@code r -> r.param("nextPageToken") != null}. */
  public Fault when(Predicate<FakeRequest> condition) {
    this.when = condition;
    return this;
  }

  /** How many requests it has failed so far. */
  public int fired() {
    return fired.get();
  }

  /** Whether it has fired as many times as it was set to. */
  public boolean spent() {
    return remaining.get() <= 0;
  }

  /** Claims one firing for {@code request} when it matches and any firings remain. */
  boolean claim(FakeRequest request) {
    if (!(method.equals("*") || method.equalsIgnoreCase(request.method())) || !path.matcher(request.path()).matches()
        || !when.test(request)) {
      return false;
    }
    if (remaining.getAndUpdate(n -> Math.max(0, n - 1)) <= 0) {
      return false;
    }
    fired.incrementAndGet();
    return true;
  }
}
