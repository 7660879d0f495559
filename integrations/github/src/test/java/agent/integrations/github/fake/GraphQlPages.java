package agent.integrations.github.fake;

import agent.integrations.github.fake.GraphQlApi.GraphQlError;
import graphql.language.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * GitHub's GraphQL connections for the fake: a page by {@code first/last/after/before}, GitHub's limits
 * on them, and opaque cursors (base64 of a position, as GitHub's are base64 of its own).
 */
final class GraphQlPages {
  private GraphQlPages() {}

  private static final String CURSOR = "cursor:v2:";

  record Connection(String type, List<?> nodes, List<String> cursors, int totalCount, boolean hasNext,
      boolean hasPrevious) {}

  record PageInfo(Connection of) {}

  record Edge(String type, String cursor, Object node) {}

  /** A page of {@code all} by GitHub's connection arguments; {@code total} -1 means {@code all.size()}. */
  static Connection connection(String type, Field field, List<?> all, int total, Map<String, Object> args,
      List<Object> path) {
    Integer first = (Integer) args.get("first");
    Integer last = (Integer) args.get("last");
    String connection = field.getName();
    if (first == null && last == null) {
      throw new GraphQlError(true, "MISSING_PAGINATION_BOUNDARIES", "You must provide a `first` or `last` value to "
          + "properly paginate the `" + connection + "` connection.", path, field.getSourceLocation());
    }
    for (String bound : new String[] {"first", "last"}) {
      Integer n = (Integer) args.get(bound);
      if (n != null && (n < 0 || n > 100)) {
        throw new GraphQlError(true, "EXCESSIVE_PAGINATION", "Requesting " + n + " records on the `" + connection
            + "` connection exceeds the `" + bound + "` limit of 100 records.", path, field.getSourceLocation());
      }
    }
    int from = args.get("after") == null ? 0 : offset((String) args.get("after"), field, path);
    int to = args.get("before") == null ? all.size() : offset((String) args.get("before"), field, path) - 1;
    from = Math.min(from, all.size());
    to = Math.max(from, Math.min(to, all.size()));
    if (first != null) {
      to = Math.min(to, from + first);
    }
    if (last != null) {
      from = Math.max(from, to - last);
    }
    List<String> cursors = new ArrayList<>();
    for (int i = from; i < to; i++) {
      cursors.add(cursor(i + 1));
    }
    return new Connection(type, all.subList(from, to), cursors, total < 0 ? all.size() : total, to < all.size(), from > 0);
  }

  private static int offset(String cursor, Field field, List<Object> path) {
    try {
      String text = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (text.startsWith(CURSOR)) {
        return Integer.parseInt(text.substring(CURSOR.length()));
      }
    } catch (IllegalArgumentException e) {
      // not a cursor of ours: reported below
    }
    throw new GraphQlError(true, null, "`" + cursor + "` does not appear to be a valid cursor.", path,
        field.getSourceLocation());
  }

  /** An opaque cursor naming the {@code position}th item (1-based), as {@code after} reads it. */
  static String cursor(int position) {
    return Base64.getEncoder().encodeToString((CURSOR + position).getBytes(StandardCharsets.UTF_8));
  }
}
