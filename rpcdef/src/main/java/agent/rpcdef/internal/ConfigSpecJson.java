package agent.rpcdef.internal;

import agent.rpcdef.ConfigSpec;
import agent.rpcdef.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ConfigSpec} as the JSON of {@code InitResponse.config_spec_json}, documented in
 * _docs/plugin-protocol.md:
 *
 * <pre>{@code
 * {"keys": [{"name": "token", "type": "string", "secret": true, "required": false,
 *            "description": "...", "default": <JSON value, absent when none>,
 *            "min": <integer keys, absent when unbounded>, "max": ..., "keys": [<object keys: nested>]}]}
 * }</pre>
 */
public final class ConfigSpecJson {
  private ConfigSpecJson() {}

  public static byte[] write(ConfigSpec spec) {
    return Json.bytes(node(spec));
  }

  private static ObjectNode node(ConfigSpec spec) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ArrayNode keys = root.putArray("keys");
    for (ConfigSpec.Key k : spec.keys()) {
      ObjectNode n = keys.addObject();
      n.put("name", k.name());
      n.put("type", k.type().label());
      n.put("secret", k.secret());
      n.put("required", k.required());
      n.put("description", k.description());
      if (k.hasDefault()) {
        n.set("default", k.defaultValue());
      }
      if (k.min() != Long.MIN_VALUE) {
        n.put("min", k.min());
      }
      if (k.max() != Long.MAX_VALUE) {
        n.put("max", k.max());
      }
      if (k.nested() != null) {
        n.set("keys", node(k.nested()).get("keys"));
      }
    }
    return root;
  }

  /**
   * Reads what {@link #write} wrote; empty bytes (a plugin that declares nothing) give {@code null}.
   *
   * @throws IllegalArgumentException when the JSON is not a spec
   */
  public static ConfigSpec read(byte[] json) {
    if (json == null || json.length == 0) {
      return null;
    }
    try {
      return spec(Json.mapper().readTree(json).path("keys"));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("config_spec_json is not a config spec: " + e.getMessage(), e);
    }
  }

  private static ConfigSpec spec(JsonNode keys) {
    ConfigSpec.Builder b = ConfigSpec.builder();
    List<String> required = new ArrayList<>();
    for (JsonNode n : keys) {
      String name = n.path("name").asText();
      String type = n.path("type").asText();
      boolean secret = n.path("secret").asBoolean(false);
      switch (ConfigSpec.Type.ofLabel(type).orElseThrow(() -> new IllegalArgumentException("unknown type " + type))) {
        case STRING -> {
          if (secret) {
            b.secret(name);
          } else {
            b.string(name);
          }
        }
        case BOOLEAN -> b.bool(name);
        case INTEGER -> b.integer(name);
        case STRINGS -> b.strings(name);
        case OBJECT -> b.object(name, spec(n.path("keys")));
      }
      if (n.has("min") || n.has("max")) {
        b.range(n.path("min").asLong(Long.MIN_VALUE), n.path("max").asLong(Long.MAX_VALUE));
      }
      JsonNode d = n.get("default");
      if (d != null && !d.isNull()) {
        if (d.isTextual()) {
          b.defaultValue(d.asText());
        } else if (d.isBoolean()) {
          b.defaultValue(d.asBoolean());
        } else if (d.isIntegralNumber()) {
          b.defaultValue(d.asLong());
        } else if (d.isArray()) {
          List<String> values = new ArrayList<>();
          d.forEach(e -> values.add(e.asText()));
          b.defaultValue(values);
        }
      }
      if (n.path("required").asBoolean(false)) {
        required.add(name);
      }
      b.describe(n.path("description").asText(""));
    }
    return b.required(required.toArray(String[]::new)).build();
  }
}
