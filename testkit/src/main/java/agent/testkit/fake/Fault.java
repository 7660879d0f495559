package agent.testkit.fake;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A scripted failure of a fake: the next matching request (or the next {@link #times} ones) gets this
 * status, body and headers, or a reset connection, instead of an answer. A fake creates it in its
 * {@code failNext} and named variants and keeps it in its {@link Faults}; a test configures it before the
 * requests it should catch are sent. Thread-safe.
 *
 * @param <R> the fake's request type, what {@link #when} conditions see
 */
public final class Fault<R extends FakeHttpRequest> {
  private final String method;
  private final Pattern path;
  private final int status;
  private final String body;
  private final Map<String, String> headers;
  private final boolean resetConnection;
  private final AtomicInteger remaining = new AtomicInteger(1);
  private final AtomicInteger fired = new AtomicInteger();
  private volatile Predicate<R> when = r -> true;

  /**
   * @param method the method it catches, case-insensitive; {@code "*"} for any
   * @param pathRegex what the request's {@link FakeHttpRequest#faultPath()} must match as a whole
   * @param headers what it adds to (or overrides in) the headers the fake answers every request with
   */
  public Fault(String method, String pathRegex, int status, String body, Map<String, String> headers) {
    this(method, pathRegex, status, body, headers, false);
  }

  private Fault(String method, String pathRegex, int status, String body, Map<String, String> headers,
      boolean resetConnection) {
    this.method = method;
    this.path = Pattern.compile(pathRegex);
    this.status = status;
    this.body = body;
    this.headers = headers;
    this.resetConnection = resetConnection;
  }

  /** A fault that resets the connection without an answer. */
  public static <R extends FakeHttpRequest> Fault<R> connectionReset(String method, String pathRegex) {
    return new Fault<>(method, pathRegex, 0, null, Map.of(), true);
  }

  /** Fire for the next {@code n} matching requests instead of one. */
  public Fault<R> times(int n) {
    remaining.set(n);
    return this;
  }

  /** Fire only for requests that also match {@code condition}, e.g. {@code r -> r.header("If-None-Match") != null}. */
  public Fault<R> when(Predicate<R> condition) {
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
  public boolean claim(R request) {
    if (!(method.equals("*") || method.equalsIgnoreCase(request.method()))
        || !path.matcher(request.faultPath()).matches() || !when.test(request)) {
      return false;
    }
    if (remaining.getAndUpdate(n -> Math.max(0, n - 1)) <= 0) {
      return false;
    }
    fired.incrementAndGet();
    return true;
  }

  /** The answer of a claimed request: its status and body, {@code headers} plus its own; or a reset. */
  public Reply reply(Map<String, String> headers) {
    if (resetConnection) {
      return Reply.connectionReset();
    }
    headers.putAll(this.headers);
    return new Reply(status, body, headers);
  }
}
