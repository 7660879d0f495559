package agent.integrations.gitlab.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Map;

/** JSON for the fake: objects from name/value pairs, dates as GitLab writes them. */
final class Json {
  private Json() {}

  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  // GitLab.com writes UTC with milliseconds: 2025-01-06T09:00:00.000Z.
  private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
      .withZone(ZoneOffset.UTC);

  /** An object of {@code name, value, name, value...}; null values stay, as GitLab sends them. */
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

  static String iso(Instant t) {
    return t == null ? null : ISO.format(t);
  }

  static String write(JsonNode value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** GitLab's error body for {@code 404 Project Not Found} and friends: {@code {"message": "..."}}. */
  static String message(String message) {
    return write(obj("message", message));
  }

  /** The body Grape writes for routing errors and {@code error!}: {@code {"error": "..."}}. */
  static String error(String error) {
    return write(obj("error", error));
  }
}
