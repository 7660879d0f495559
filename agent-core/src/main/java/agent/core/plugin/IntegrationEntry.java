package agent.core.plugin;

import agent.rpcdef.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * One entry of the integrations JSON: {@code {"id": "optional", "name": "mock", "config": {...}}}.
 *
 * @param id unique within an export; the root of the integration's session keys and output folder
 * @param name the plugin to run
 * @param config the plugin's configuration, passed through as it is
 */
public record IntegrationEntry(String id, String name, JsonNode config) {

  public IntegrationEntry {
    config = config == null || config.isNull() ? JsonNodeFactory.instance.objectNode() : config;
  }

  public byte[] configJson() {
    return Json.bytes(config);
  }

  @Override
  public String toString() {
    // The config holds credentials: never print it.
    return "IntegrationEntry[id=" + id + ", name=" + name + "]";
  }
}
