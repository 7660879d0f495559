package agent.rpcdef;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * An integration's "config" object, with accessors that fail with a {@link ConfigException} naming
 * the key and what was expected, so that a user can fix the JSON.
 *
 * <p>A config the SDK hands to an integration has been checked against the integration's {@link
 * ConfigSpec} and is bound to it: the accessors without a fallback ({@link #string(String)}, {@link
 * #bool(String)}, {@link #integer(String)}) and {@link #strings(String)} answer the declared default
 * for an absent key, and {@link #object(String)} gives a nested config bound to the nested spec.
 */
public final class Config {
  private final ObjectNode node;
  private final ConfigSpec spec;

  private Config(ObjectNode node, ConfigSpec spec) {
    this.node = node;
    this.spec = spec;
  }

  private Config(ObjectNode node) {
    this(node, null);
  }

  /** This config bound to {@code spec}; {@link ConfigSpec#check} does it after the check. */
  Config bind(ConfigSpec spec) {
    return new Config(node, spec);
  }

  /** The spec this config was checked against, or empty for a config that was not. */
  public java.util.Optional<ConfigSpec> spec() {
    return java.util.Optional.ofNullable(spec);
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

  /**
   * The value of the string key {@code key}, else its declared default, else null.
   *
   * @throws IllegalStateException when this config is not bound to a spec declaring {@code key}
   */
  public String string(String key) {
    JsonNode v = valueOrDefault(key);
    return v == null ? null : string(key, v.asText());
  }

  /**
   * The value of the boolean key {@code key}, else its declared default.
   *
   * @throws IllegalStateException when the key is not declared, or absent without a default
   */
  public boolean bool(String key) {
    return valueOrRequiredDefault(key).asBoolean();
  }

  /**
   * The value of the integer key {@code key}, else its declared default. The spec's range was checked.
   *
   * @throws IllegalStateException when the key is not declared, or absent without a default
   */
  public long integer(String key) {
    return valueOrRequiredDefault(key).asLong();
  }

  /** The strings under {@code key}: the value, else the declared default, else an empty list. */
  public List<String> strings(String key) {
    JsonNode v = node.get(key);
    List<String> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      JsonNode d = spec == null ? null : spec.key(key).map(ConfigSpec.Key::defaultValue).orElse(null);
      if (d != null) {
        d.forEach(e -> out.add(e.asText()));
      }
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

  /** A nested object; an empty config when absent. Bound to the nested spec when this config is bound. */
  public Config object(String key) {
    JsonNode v = node.get(key);
    if (v != null && !v.isNull() && !v.isObject()) {
      throw new ConfigException("config key \"" + key + "\" must be an object");
    }
    Config nested = of(v);
    ConfigSpec nestedSpec = spec == null ? null : spec.key(key).map(ConfigSpec.Key::nested).orElse(null);
    return nestedSpec == null ? nested : nested.bind(nestedSpec);
  }

  /** The key's value, else its default, else null; the key must be declared. */
  private JsonNode valueOrDefault(String key) {
    if (spec == null) {
      throw new IllegalStateException("config key \"" + key + "\" has no declared default: this config was not "
          + "checked against a ConfigSpec (use ConfigSpec.check, or an accessor with a fallback)");
    }
    ConfigSpec.Key k = spec.key(key).orElseThrow(() -> new IllegalStateException(
        "config key \"" + key + "\" is not declared in the integration's ConfigSpec " + spec));
    JsonNode v = node.get(key);
    return v == null || v.isNull() ? k.defaultValue() : v;
  }

  private JsonNode valueOrRequiredDefault(String key) {
    JsonNode v = valueOrDefault(key);
    if (v == null) {
      throw new IllegalStateException("config key \"" + key + "\" is absent and declares no default; "
          + "check has(key) first or declare a default");
    }
    return v;
  }

  @Override
  public String toString() {
    return "Config(" + node.size() + " keys)";
  }
}
