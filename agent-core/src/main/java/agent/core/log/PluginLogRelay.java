package agent.core.log;

import agent.rpcdef.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-logs a plugin's stderr under the integration's name: JSON lines (the protocol's log format)
 * keep their level and fields, anything else (a JVM crash report, a stack trace) is logged as plain
 * text. Every line is redacted, written to the integration's own log file, and the last lines are
 * kept to explain a crash. Thread-safe.
 */
public final class PluginLogRelay implements AutoCloseable {
  /** How many stderr lines a crash report quotes. */
  public static final int TAIL_LINES = 20;

  private final Logger log;
  private final Redactor redactor;
  private final RollingLogFile file;
  private final Deque<String> tail = new ArrayDeque<>();

  /**
   * @param logFile the integration's log file (appended to and rolled, see {@link RollingLogFile}), or null for none
   */
  public PluginLogRelay(String integrationId, Path logFile, Redactor redactor) throws IOException {
    this.log = LoggerFactory.getLogger("integration." + integrationId);
    this.redactor = redactor;
    if (logFile != null) {
      this.file = RollingLogFile.open(logFile);
    } else {
      this.file = null;
    }
  }

  /** Handles one stderr line. */
  public void line(String raw) {
    String level = "info";
    String text = raw;
    if (raw.startsWith("{")) {
      try {
        JsonNode n = Json.mapper().readTree(raw);
        if (n != null && n.isObject() && n.has("msg")) {
          level = n.path("level").asText("info").toLowerCase();
          text = format(n);
        }
      } catch (IOException notJson) {
        // Not a log record: keep the line as it is.
      }
    }
    text = redactor.redact(text);
    switch (level) {
      case "error" -> log.error(text);
      case "warn", "warning" -> log.warn(text);
      case "debug", "trace" -> log.debug(text);
      default -> log.info(text);
    }
    synchronized (this) {
      tail.addLast(text);
      if (tail.size() > TAIL_LINES) {
        tail.removeFirst();
      }
      if (file != null) {
        try {
          file.writeLine(Instant.now() + " " + level.toUpperCase() + " " + text);
        } catch (IOException e) {
          log.warn("cannot write the integration log file: {}", e.getMessage());
        }
      }
    }
  }

  /** The last lines, oldest first. */
  public synchronized List<String> tail() {
    return new ArrayList<>(tail);
  }

  private static String format(JsonNode n) {
    StringBuilder b = new StringBuilder(n.path("msg").asText());
    Iterator<Map.Entry<String, JsonNode>> it = n.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String k = e.getKey();
      if (k.equals("msg") || k.equals("level") || k.equals("ts")) {
        continue;
      }
      b.append(' ').append(k).append('=').append(e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
    }
    return b.toString();
  }

  @Override
  public synchronized void close() {
    if (file != null) {
      try {
        file.close();
      } catch (IOException ignored) {
        // Nothing left to do with a log file that cannot close.
      }
    }
  }
}
