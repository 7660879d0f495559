package agent.testkit.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Map;

/**
 * JSON as one vendor writes it: objects from name/value pairs, arrays from collections, plain values
 * (strings, booleans, numbers, instants, maps, lists, trees) turned into trees. What differs between
 * vendors is given at construction: how an {@link Instant} is written and whether a null value keeps its
 * field. Immutable and thread-safe; a fake keeps one in a constant.
 */
public final class FakeJson {
  /** What a null value given to {@link #obj} does to its field. */
  public enum Nulls {
    /** The field stays, with JSON {@code null}: GitHub and GitLab send them. */
    KEEP,
    /** The field is left out: Jira leaves them out. */
    OMIT
  }

  public static final ObjectMapper MAPPER = new ObjectMapper();
  public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final DateTimeFormatter dates;
  private final Nulls nulls;

  /**
   * @param dates how an {@link Instant} value is written, with its zone set; null when the vendor writes
   *     each date field its own way, which makes an {@code Instant} given to {@link #value} an error
   * @param nulls what a null value given to {@link #obj} does to its field
   */
  public FakeJson(DateTimeFormatter dates, Nulls nulls) {
    this.dates = dates;
    this.nulls = nulls;
  }

  /** An object of {@code name, value, name, value...}; a null value kept or left out as {@link Nulls} says. */
  public ObjectNode obj(Object... pairs) {
    ObjectNode node = NODES.objectNode();
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] != null || nulls == Nulls.KEEP) {
        node.set((String) pairs[i], value(pairs[i + 1]));
      }
    }
    return node;
  }

  public ArrayNode array(Collection<?> values) {
    ArrayNode array = NODES.arrayNode();
    values.forEach(v -> array.add(value(v)));
    return array;
  }

  /** {@code v} as a tree; null is JSON {@code null}, in a map or list too. Other types are an error. */
  public JsonNode value(Object v) {
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
    if (v instanceof Instant t && dates != null) {
      return NODES.textNode(date(t));
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

  /** {@code t} as this vendor writes dates; null for null. */
  public String date(Instant t) {
    return t == null ? null : dates.format(t);
  }

  /** The text of {@code value}: a tree, map or list as it is, anything else through {@link #value}. */
  public String write(Object value) {
    return text(value instanceof JsonNode || value instanceof Map || value instanceof Collection ? value : value(value));
  }

  /** The text of a tree, map or list of plain values, as Jackson writes it. */
  public static String text(Object tree) {
    try {
      return MAPPER.writeValueAsString(tree);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static JsonNode read(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
  }
}
