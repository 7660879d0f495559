package agent.rpcdef;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * An integration's "config" object, with accessors that fail with a {@link ConfigException} naming
 * the key and what was expected, so that a user can fix the JSON.
 */
public final class Config {
  private final ObjectNode node;

  private Config(ObjectNode node) {
    this.node = node;
  }

  /** Wraps a JSON object; null or a missing object is an empty config. */
  public static Config of(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return new Config(JsonNodeFactory.instance.objectNode());
    }
    if (!node.isObject()) {
      throw new ConfigException("config must be a JSON object, got " + node.getNodeType().name().toLowerCase());
    }
    return new Config((ObjectNode) node);
  }

  /** Parses UTF-8 JSON bytes. */
  public static Config parse(byte[] json) {
    if (json == null || json.length == 0) {
      return of(null);
    }
    try {
      return of(Json.mapper().readTree(json));
    } catch (java.io.IOException e) {
      throw new ConfigException("config is not valid JSON: " + e.getMessage());
    }
  }

  public JsonNode node() {
    return node;
  }

  public boolean has(String key) {
    JsonNode v = node.get(key);
    return v != null && !v.isNull();
  }

  public String requireString(String key) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      throw new ConfigException("config key \"" + key + "\" is required (a string)");
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      throw new ConfigException("config key \"" + key + "\" must be a non-empty string");
    }
    return v.asText();
  }

  public String string(String key, String fallback) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isTextual()) {
      throw new ConfigException("config key \"" + key + "\" must be a string");
    }
    return v.asText();
  }

  public long integer(String key, long fallback, long min, long max) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new ConfigException("config key \"" + key + "\" must be a whole number, got " + v);
    }
    long n = v.asLong();
    if (n < min || n > max) {
      throw new ConfigException("config key \"" + key + "\" must be between " + min + " and " + max + ", got " + n);
    }
    return n;
  }

  public boolean bool(String key, boolean fallback) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isBoolean()) {
      throw new ConfigException("config key \"" + key + "\" must be true or false");
    }
    return v.asBoolean();
  }

  public List<String> strings(String key) {
    JsonNode v = node.get(key);
    List<String> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      throw new ConfigException("config key \"" + key + "\" must be an array of strings");
    }
    for (JsonNode e : v) {
      if (!e.isTextual()) {
        throw new ConfigException("config key \"" + key + "\" must be an array of strings, found " + e);
      }
      out.add(e.asText());
    }
    return out;
  }

  /** A nested object; an empty config when absent. */
  public Config object(String key) {
    JsonNode v = node.get(key);
    if (v != null && !v.isNull() && !v.isObject()) {
      throw new ConfigException("config key \"" + key + "\" must be an object");
    }
    return of(v);
  }

  @Override
  public String toString() {
    return "Config(" + node.size() + " keys)";
  }
}
