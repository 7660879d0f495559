package agent.rpcdef.http;

/**
 * A page size that gives way under load: halved (down to a minimum) when the server times out on a
 * page, which GitHub's GraphQL answers with 502 or 504 for heavy queries, and doubled back (up to
 * the size it started with) after {@value #GROW_AFTER} pages in a row succeed. Thread-safe; share one
 * per kind of query.
 */
public final class GraphQlPageSize {
  static final int GROW_AFTER = 3;
  private final int max;
  private final int min;
  private int current;
  private int successes;

  /** Starts at {@code max}; never below {@code min}. */
  public GraphQlPageSize(int max, int min) {
    if (min < 1 || max < min) {
      throw new IllegalArgumentException("need 1 <= min <= max, got min " + min + ", max " + max);
    }
    this.max = max;
    this.min = min;
    this.current = max;
  }

  /** The size to ask for now. */
  public synchronized int current() {
    return current;
  }

  /** True when it can still shrink: a timeout at the minimum is a real failure. */
  synchronized boolean canShrink() {
    return current > min;
  }

  /** Halves after a timeout; false when already at the minimum. */
  synchronized boolean shrink() {
    successes = 0;
    if (current <= min) {
      return false;
    }
    current = Math.max(min, current / 2);
    return true;
  }

  /** Counts a page that came through; grows back after enough in a row. */
  synchronized void succeeded() {
    if (current < max && ++successes >= GROW_AFTER) {
      current = Math.min(max, current * 2);
      successes = 0;
    }
  }
}
