package agent.integrations.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;

/**
 * A list ordered newest-updated first, read down to a time: each item updated at or after {@code
 * stopBefore} is mapped as it is reached, and the first older one ends the walk, so the pages after it
 * are never fetched. Lazy, like the pages under it.
 */
final class NewestFirst {
  private NewestFirst() {}

  static <T> Iterable<T> until(Iterable<JsonNode> items, String updatedField, Instant stopBefore,
      BiFunction<JsonNode, Instant, T> map) {
    return () -> new Iterator<>() {
      private final Iterator<JsonNode> it = items.iterator();
      private T next;
      private boolean stopped;

      @Override
      public boolean hasNext() {
        if (next == null && !stopped && it.hasNext()) {
          JsonNode n = it.next();
          Instant updated = Dates.instant(n, updatedField);
          if (stopBefore != null && updated.isBefore(stopBefore)) {
            stopped = true; // Newest first: everything after this is older still.
          } else {
            next = map.apply(n, updated);
          }
        }
        return next != null;
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        T d = next;
        next = null;
        return d;
      }
    };
  }
}
