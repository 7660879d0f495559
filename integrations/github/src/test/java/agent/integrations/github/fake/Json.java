package agent.integrations.github.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Map;

/** JSON for the fake: objects from name/value pairs, dates as GitHub writes them. */
final class Json {
  private Json() {}

  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** An object of {@code name, value, name, value...}; null values stay, as GitHub sends them. */
  static ObjectNode obj(Object... pairs) {
    ObjectNode node = NODES.objectNode();
    for (int i = 0; i < pairs.length; i += 2) {
      node.set((String) pairs[i], value(pairs[i + 1]));
    }
    return node;
  }

  static ArrayNode array(Collection<?> values) {
    ArrayNode array = NODES.arrayNode();
    values.forEach(v -> array.add(value(v)));
    return array;
  }

  static JsonNode value(Object v) {
    if (v == null) {
      return NODES.nullNode();
    }
    if (v instanceof JsonNode n) {
      return n;
    }
    if (v instanceof String s) {
      return NODES.textNode(s);
    }
    if (v instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (v instanceof Integer i) {
      return NODES.numberNode(i);
    }
    if (v instanceof Long l) {
      return NODES.numberNode(l);
    }
    if (v instanceof Number n) {
      return NODES.numberNode(n.doubleValue());
    }
    if (v instanceof Instant t) {
      return NODES.textNode(iso(t));
    }
    if (v instanceof Collection<?> c) {
      return array(c);
    }
    if (v instanceof Map<?, ?> m) {
      ObjectNode node = NODES.objectNode();
      m.forEach((k, x) -> node.set(String.valueOf(k), value(x)));
      return node;
    }
    throw new IllegalArgumentException("no JSON for " + v.getClass());
  }

  /** ISO-8601 in UTC to the second, {@code 2025-01-06T09:00:00Z}, as both of GitHub's APIs write dates. */
  static String iso(Instant t) {
    return t == null ? null : DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
  }

  static String write(Object value) {
    try {
      // Maps and lists of plain values (the GraphQL answers) serialize as they are, without a tree in between.
      return MAPPER.writeValueAsString(value instanceof JsonNode || value instanceof Map || value instanceof Collection
          ? value : value(value));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
