package agent.testkit.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Every request a fake received, as {@code METHOD /path?query}, in arrival order. Thread-safe. */
public final class RequestLog {
  private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();

  /** Logs a request; {@code query} as {@code name=value&...}, empty for none. */
  public void add(String method, String path, String query) {
    lines.add(method + " " + path + (query.isEmpty() ? "" : "?" + query));
  }

  public List<String> lines() {
    return new ArrayList<>(lines);
  }

  /** Requests whose path starts with {@code pathPrefix} (the query counts as part of the path). */
  public int countUnder(String pathPrefix) {
    return (int) lines.stream().map(l -> l.substring(l.indexOf(' ') + 1)).filter(p -> p.startsWith(pathPrefix)).count();
  }

  public void clear() {
    lines.clear();
  }
}
