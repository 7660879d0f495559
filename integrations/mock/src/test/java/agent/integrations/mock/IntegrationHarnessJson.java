package agent.integrations.mock;

import agent.rpcdef.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Parses the raw lines a recorded session received. */
final class IntegrationHarnessJson {
  private IntegrationHarnessJson() {}

  static List<JsonNode> parse(List<String> lines) {
    List<JsonNode> out = new ArrayList<>(lines.size());
    for (String line : lines) {
      try {
        out.add(Json.mapper().readTree(line));
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + line, e);
      }
    }
    return out;
  }
}
