package agent.integrations.jira.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** JSON for the fake: objects from name/value pairs (null values left out), dates as Jira writes them. */
final class Json {
  private Json() {}

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Jira's date-time: {@code 2024-03-01T10:15:30.000+0100}, milliseconds and a colon-less offset. */
  static final DateTimeFormatter JIRA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
  /** The Agile API's date-time: ISO-8601 in UTC with milliseconds. */
  static final DateTimeFormatter AGILE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX")
      .withZone(ZoneId.of("UTC"));

  /** An object of {@code name, value, name, value...}; a null value leaves its name out. */
  static ObjectNode obj(Object... pairs) {
    ObjectNode node = NODES.objectNode();
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] != null) {
        node.set((String) pairs[i], value(pairs[i + 1]));
      }
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

  /** {@code t} as Jira's REST API writes it, at the offset of {@code zone}. */
  static String time(Instant t, ZoneId zone) {
    return t == null ? null : JIRA_TIME.format(t.atZone(zone));
  }

  static String agileTime(Instant t) {
    return t == null ? null : AGILE_TIME.format(t);
  }

  /** Jira's error body: {@code {"errorMessages":[...],"errors":{}}}. */
  static String errors(String... messages) {
    return write(obj("errorMessages", List.of(messages), "errors", obj()));
  }

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value instanceof JsonNode ? value : value(value));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode read(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
  }
}
