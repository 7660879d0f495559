package agent.integrations.gitlab.fake;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A scripted failure of a {@link FakeGitLab}: the next matching request (or the next {@link #times}
 * ones) gets this status, body and headers, or a reset connection, instead of an answer. Created by
 * {@link FakeGitLab#failNext} and its named variants; set it up before the requests it should catch.
 * Faults are tried in the order they were registered; the first that claims a request answers it.
 */
public final class Fault {
  private final String method;
  private final Pattern path;
  final int status;
  final String body;
  final String contentType;
  final Map<String, String> headers;
  final boolean resetConnection;
  private final AtomicInteger remaining = new AtomicInteger(1);
  private final AtomicInteger fired = new AtomicInteger();
  private volatile Predicate<GitLabRequest> when = r -> true;

  Fault(String method, String pathRegex, int status, String body, String contentType, Map<String, String> headers,
      boolean resetConnection) {
    this.method = method;
    this.path = Pattern.compile(pathRegex);
    this.status = status;
    this.body = body;
    this.contentType = contentType;
    this.headers = headers;
    this.resetConnection = resetConnection;
  }

  /** Fire for the next {@code n} matching requests instead of one. */
  public Fault times(int n) {
    remaining.set(n);
    return this;
  }

  /** Fire only for requests that also match {@code condition}, e.g. {@code r -> r.param("page", "1").equals("3")}. */
  public Fault when(Predicate<GitLabRequest> condition) {
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

  /**
   * Claims one firing for {@code request} when it matches and firings remain. The pattern matches the
   * whole path below the API root ({@code /projects/\d+/merge_requests}), or the whole raw path outside it.
   */
  boolean claim(GitLabRequest request) {
    String p = request.apiPath() != null ? request.apiPath() : request.path();
    if (!(method.equals("*") || method.equalsIgnoreCase(request.method())) || !path.matcher(p).matches()
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
