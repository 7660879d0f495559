package agent.core.backend;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A command from {@code GET /commands}. Delivery is at least once: the same id may come again, and
 * the agent runs it once.
 *
 * @param type {@code export}, {@code validate-config}, {@code export-onboard-data} or {@code cancel}
 * @param parameters as the backend sent them; {@code integrations} may hold secrets
 */
public record Command(String id, String type, String created, JsonNode parameters) {
  @Override
  public String toString() {
    // Parameters hold integration tokens: never in a log line.
    return "Command[id=" + id + ", type=" + type + "]";
  }
}
