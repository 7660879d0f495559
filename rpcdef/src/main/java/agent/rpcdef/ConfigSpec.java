package agent.rpcdef;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The config keys an integration accepts, declared once in {@link Integration#configSpec()}: each
 * key's name, type, whether it is required or has a default, whether its value is a secret, and a
 * one-line description.
 *
 * <p>The SDK checks every config against the spec before it calls {@link Integration#export}, {@link
 * Integration#validate} or {@link Integration#onboard}: an unknown key (with the closest known key as a
 * suggestion), a value of the wrong type or out of range, and a missing required key are errors
 * naming the key. The host learns which keys are secrets from the spec and masks their values in
 * every log line. {@code agent.rpcdef.testing.ConfigDocs} checks that the docs list the same keys.
 *
 * <pre>{@code
 * ConfigSpec.builder()
 *     .string("url").defaultValue("https://api.github.com").describe("the API root")
 *     .secret("access_token").required().describe("a personal access token")
 *     .strings("repos").describe("owner/name globs; default all")
 *     .bool("include_forks").defaultValue(false).describe("also export forks")
 *     .integer("max_file_size").defaultValue(1 << 20).range(0, Long.MAX_VALUE).describe("bytes")
 *     .object("fail", failSpec).describe("failure switches")
 *     .build();
 * }</pre>
 *
 * <p>{@code defaultValue}, {@code required()}, {@code range} and {@code describe} apply to the key
 * declared last ({@code string(name)}, {@code secret(name)}, ...). A key is optional unless required;
 * it may have a default or none. JSON {@code null} counts as absent. Immutable and thread-safe once
 * built.
 */
public final class ConfigSpec {

  /** The JSON type of a key's value. {@link #name()} in lowercase is what the docs table shows. */
  public enum Type {
    /** A JSON string; a secret is a string with {@link Key#secret()} set. */
    STRING("string"),
    BOOLEAN("boolean"),
    /** A whole JSON number within the key's range. */
    INTEGER("integer"),
    /** A JSON array of strings. */
    STRINGS("string[]"),
    /** A JSON object checked against the key's own {@link Key#nested()} spec. */
    OBJECT("object");

    private final String label;

    Type(String label) {
      this.label = label;
    }

    /** The name in docs and messages: {@code string}, {@code boolean}, {@code integer}, {@code string[]}, {@code object}. */
    public String label() {
      return label;
    }

    /** The type named by {@link #label()}, if any. */
    public static Optional<Type> ofLabel(String label) {
      for (Type t : values()) {
        if (t.label.equals(label)) {
          return Optional.of(t);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * One declared key.
   *
   * @param defaultValue the value used when the key is absent, as JSON; null when it has none
   * @param min the smallest allowed value of an {@link Type#INTEGER} key
   * @param max the largest allowed value of an {@link Type#INTEGER} key
   * @param nested the spec of an {@link Type#OBJECT} key's value; null for other types
   */
  public record Key(String name, Type type, boolean required, JsonNode defaultValue, boolean secret, String description,
      long min, long max, ConfigSpec nested) {

    public boolean hasDefault() {
      return defaultValue != null;
    }
  }

  private static final ConfigSpec EMPTY = new ConfigSpec(List.of());

  private final Map<String, Key> keys;

  private ConfigSpec(List<Key> keys) {
    Map<String, Key> m = new LinkedHashMap<>();
    for (Key k : keys) {
      m.put(k.name(), k);
    }
    this.keys = Collections.unmodifiableMap(m);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A spec without keys: only an empty config (or none) passes. */
  public static ConfigSpec empty() {
    return EMPTY;
  }

  /** The keys in declaration order. */
  public List<Key> keys() {
    return List.copyOf(keys.values());
  }

  public Optional<Key> key(String name) {
    return Optional.ofNullable(keys.get(name));
  }

  /**
   * Checks {@code config} against this spec and returns it bound to the spec, so that its
   * default-aware accessors ({@link Config#string(String)}, ...) answer declared defaults.
   *
   * @throws ConfigException naming every key at fault: the {@link #problems} joined by "; "
   */
  public Config check(Config config) {
    List<String> problems = problems(config);
    if (!problems.isEmpty()) {
      throw new ConfigException(String.join("; ", problems));
    }
    return config.bind(this);
  }

  /**
   * What is wrong with {@code config}, one sentence per problem, in key order: unknown keys (with a
   * suggestion), values of the wrong type or out of range, missing required keys. Empty when it fits.
   */
  public List<String> problems(Config config) {
    List<String> out = new ArrayList<>();
    ConfigCheck.check(this, config.node(), "", out);
    return out;
  }

  @Override
  public String toString() {
    return "ConfigSpec" + keys.keySet();
  }

  /** Declares keys one after the other; see {@link ConfigSpec} for an example. Not thread-safe. */
  public static final class Builder {
    private final List<Key> done = new ArrayList<>();
    private final List<String> requiredLater = new ArrayList<>();
    private Key current;

    private Builder() {}

    /** A string key. */
    public Builder string(String name) {
      return open(name, Type.STRING, false, null);
    }

    /** A string key whose value is a secret: the host never logs it. */
    public Builder secret(String name) {
      return open(name, Type.STRING, true, null);
    }

    /** A true/false key. */
    public Builder bool(String name) {
      return open(name, Type.BOOLEAN, false, null);
    }

    /** A whole-number key, any {@code long} unless {@link #range} narrows it. */
    public Builder integer(String name) {
      return open(name, Type.INTEGER, false, null);
    }

    /** A list-of-strings key. */
    public Builder strings(String name) {
      return open(name, Type.STRINGS, false, null);
    }

    /** An object key whose value is checked against {@code nested}; errors name it as {@code name.key}. */
    public Builder object(String name, ConfigSpec nested) {
      if (nested == null) {
        throw new IllegalArgumentException("object key \"" + name + "\" needs a nested spec");
      }
      return open(name, Type.OBJECT, false, nested);
    }

    /** The current key must be present (and not null). A required key has no default. */
    public Builder required() {
      Key k = current("required()");
      if (k.hasDefault()) {
        throw new IllegalStateException("key \"" + k.name() + "\" has a default and cannot be required");
      }
      return replace(new Key(k.name(), k.type(), true, null, k.secret(), k.description(), k.min(), k.max(), k.nested()));
    }

    /** Marks already declared or later declared keys as required, by name. */
    public Builder required(String... names) {
      requiredLater.addAll(List.of(names));
      return this;
    }

    public Builder defaultValue(String value) {
      return defaultOf(Type.STRING, JsonNodeFactory.instance.textNode(value));
    }

    public Builder defaultValue(boolean value) {
      return defaultOf(Type.BOOLEAN, JsonNodeFactory.instance.booleanNode(value));
    }

    public Builder defaultValue(long value) {
      Key k = current("defaultValue");
      if (k.type() == Type.INTEGER && (value < k.min() || value > k.max())) {
        throw new IllegalStateException("default " + value + " of key \"" + k.name() + "\" is out of its range");
      }
      return defaultOf(Type.INTEGER, JsonNodeFactory.instance.numberNode(value));
    }

    public Builder defaultValue(List<String> value) {
      var array = JsonNodeFactory.instance.arrayNode();
      value.forEach(array::add);
      return defaultOf(Type.STRINGS, array);
    }

    /** The inclusive range of the current integer key. */
    public Builder range(long min, long max) {
      Key k = current("range");
      if (k.type() != Type.INTEGER || min > max) {
        throw new IllegalStateException("range(" + min + ", " + max + ") does not fit key \"" + k.name() + "\"");
      }
      if (k.hasDefault() && (k.defaultValue().asLong() < min || k.defaultValue().asLong() > max)) {
        throw new IllegalStateException("default of key \"" + k.name() + "\" is out of range(" + min + ", " + max + ")");
      }
      return replace(new Key(k.name(), k.type(), k.required(), k.defaultValue(), k.secret(), k.description(), min, max,
          k.nested()));
    }

    /** One line for humans: what the key does, in the docs' words. */
    public Builder describe(String description) {
      Key k = current("describe");
      return replace(new Key(k.name(), k.type(), k.required(), k.defaultValue(), k.secret(), description, k.min(), k.max(),
          k.nested()));
    }

    /** @throws IllegalStateException for a mistake of the author: a key twice, {@code required} of an undeclared key */
    public ConfigSpec build() {
      close();
      List<Key> keys = new ArrayList<>(done);
      for (String name : requiredLater) {
        int i = indexOf(keys, name);
        if (i < 0) {
          throw new IllegalStateException("required(\"" + name + "\") names a key that is not declared");
        }
        Key k = keys.get(i);
        if (k.hasDefault()) {
          throw new IllegalStateException("key \"" + name + "\" has a default and cannot be required");
        }
        keys.set(i, new Key(k.name(), k.type(), true, null, k.secret(), k.description(), k.min(), k.max(), k.nested()));
      }
      return new ConfigSpec(keys);
    }

    private Builder open(String name, Type type, boolean secret, ConfigSpec nested) {
      close();
      if (name == null || name.isEmpty() || name.contains(".")) {
        throw new IllegalArgumentException("a config key needs a name without dots, got \"" + name + "\"");
      }
      if (indexOf(done, name) >= 0) {
        throw new IllegalStateException("config key \"" + name + "\" is declared twice");
      }
      current = new Key(name, type, false, null, secret, "", Long.MIN_VALUE, Long.MAX_VALUE, nested);
      return this;
    }

    private Builder defaultOf(Type type, JsonNode value) {
      Key k = current("defaultValue");
      if (k.type() != type) {
        throw new IllegalStateException("key \"" + k.name() + "\" is " + k.type().label() + ", its default cannot be "
            + type.label());
      }
      if (k.required()) {
        throw new IllegalStateException("key \"" + k.name() + "\" is required and cannot have a default");
      }
      return replace(new Key(k.name(), k.type(), false, value, k.secret(), k.description(), k.min(), k.max(), k.nested()));
    }

    private Key current(String what) {
      if (current == null) {
        throw new IllegalStateException(what + " must follow a key, e.g. .string(\"url\")." + what);
      }
      return current;
    }

    private Builder replace(Key k) {
      current = k;
      return this;
    }

    private void close() {
      if (current != null) {
        done.add(current);
        current = null;
      }
    }

    private static int indexOf(List<Key> keys, String name) {
      for (int i = 0; i < keys.size(); i++) {
        if (keys.get(i).name().equals(name)) {
          return i;
        }
      }
      return -1;
    }
  }
}
