package agent.core.config;

import agent.core.plugin.IntegrationEntry;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses the integrations JSON: {@code [{"id": "optional", "name": "mock", "config": {...}}, ...]}.
 * Everything is checked before anything runs; the messages name the entry and the key.
 */
public final class IntegrationsInput {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Set<String> KEYS = Set.of("id", "name", "config");

  private IntegrationsInput() {}

  public static List<IntegrationEntry> parseFile(Path file, List<String> knownNames) {
    return parse(JsonInput.read(file, "--integrations-file"), "--integrations-file " + file, knownNames);
  }

  /**
   * @param knownNames the integrations that can run; an entry naming another one is an error
   */
  public static List<IntegrationEntry> parse(String json, String source, List<String> knownNames) {
    List<IntegrationEntry> entries = parse(json, source);
    for (IntegrationEntry e : entries) {
      if (!knownNames.contains(e.name())) {
        throw new InputException("unknown integration \"" + e.name() + "\" in " + source + "; known integrations: "
            + (knownNames.isEmpty() ? "(none installed)" : String.join(", ", knownNames)));
      }
    }
    return entries;
  }

  public static List<IntegrationEntry> parse(String json, String source) {
    JsonNode root = JsonInput.parse(json, source);
    if (!root.isArray()) {
      throw new InputException(source + " must be a JSON array of integrations, like [{\"name\": \"mock\", \"config\": {}}]");
    }
    if (root.isEmpty()) {
      throw new InputException(source + " lists no integration");
    }
    List<IntegrationEntry> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    int i = 0;
    for (JsonNode n : root) {
      String where = source + " entry " + i++;
      if (!n.isObject()) {
        throw new InputException(where + " must be an object like {\"name\": \"mock\", \"config\": {}}");
      }
      for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!KEYS.contains(k)) {
          throw new InputException(where + ": unknown key \"" + k + "\"; an entry has \"name\", \"config\" and an optional \"id\"");
        }
      }
      JsonNode name = n.get("name");
      if (name == null || !name.isTextual() || name.asText().isBlank()) {
        throw new InputException(where + ": \"name\" is required: the integration to run, like \"mock\"");
      }
      String id = name.asText();
      JsonNode idNode = n.get("id");
      if (idNode != null && !idNode.isNull()) {
        if (!idNode.isTextual() || !ID.matcher(idNode.asText()).matches()) {
          throw new InputException(where + ": \"id\" must be 1-64 letters, digits, '.', '_' or '-', got " + idNode);
        }
        id = idNode.asText();
      }
      if (!ids.add(id)) {
        throw new InputException(where + ": id \"" + id + "\" is used twice; give each entry of the same integration its own \"id\"");
      }
      JsonNode config = n.get("config");
      if (config != null && !config.isNull() && !config.isObject()) {
        throw new InputException(where + ": \"config\" must be an object");
      }
      out.add(new IntegrationEntry(id, name.asText(), config));
    }
    return out;
  }
}
