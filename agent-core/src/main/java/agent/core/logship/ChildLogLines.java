package agent.core.logship;

import agent.rpcdef.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the lines of a child's output (written in the text or JSON layout of {@code LogSetup}) back
 * into {@link SpoolLine}s. A line in neither layout (a stack trace, a JVM
 * warning) is kept whole as the message of an {@code INFO} line, so nothing the child printed is lost.
 */
public final class ChildLogLines {
  /** {@code 2026-11-22T10:00:00.123Z INFO  ExportRunner: message}. */
  private static final Pattern TEXT = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\dT\\S+Z) (\\w+)\\s+([^:\\s]+): (.*)$");

  private ChildLogLines() {}

  /**
   * One line of a child's output as a spool line.
   *
   * @param source the child's subcommand, e.g. {@code export}
   * @param fallbackTime the time of a line that carries none (when it was read)
   */
  public static SpoolLine parse(String l, String source, String commandId, String fallbackTime) {
    if (l.startsWith("{")) {
      try {
        JsonNode n = Json.mapper().readTree(l);
        if (n.has("msg")) {
          return new SpoolLine(n.path("ts").asText(fallbackTime), n.path("level").asText("info").toUpperCase(),
              n.path("logger").asText(""), n.get("msg").asText(), integration(n.path("logger").asText("")), source,
              commandId);
        }
      } catch (IOException notJson) {
        // kept whole below
      }
    }
    Matcher m = TEXT.matcher(l);
    if (m.matches()) {
      return new SpoolLine(m.group(1), m.group(2), m.group(3), m.group(4), integration(m.group(3)), source, commandId);
    }
    return new SpoolLine(fallbackTime, "INFO", "", l, null, source, commandId);
  }

  /** Plugin lines are logged as {@code integration.<id>}. */
  public static String integration(String logger) {
    return logger.startsWith("integration.") ? logger.substring("integration.".length()) : null;
  }
}
