package agent.testkit.fake;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake's scripted {@link Fault}s, tried in the order they were added: the first that claims a request
 * answers it. Thread-safe.
 */
public final class Faults<R extends FakeHttpRequest> {
  private final List<Fault<R>> faults = new CopyOnWriteArrayList<>();

  public Fault<R> add(Fault<R> fault) {
    faults.add(fault);
    return fault;
  }

  /** Adds a fault answering {@code status}, {@code body} and the headers given as name, value pairs. */
  public Fault<R> add(String method, String pathRegex, int status, String body, String... headers) {
    return add(new Fault<>(method, pathRegex, status, body, headers(headers)));
  }

  /** The first fault that claims {@code request} (counting it as fired), or null. */
  public Fault<R> claim(R request) {
    for (Fault<R> fault : faults) {
      if (fault.claim(request)) {
        return fault;
      }
    }
    return null;
  }

  /** Drops every fault, spent or not. */
  public void clear() {
    faults.clear();
  }

  /** Headers given as {@code name, value, name, value...}, in that order. */
  public static Map<String, String> headers(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("headers come as name, value pairs");
    }
    Map<String, String> h = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      h.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return h;
  }
}
