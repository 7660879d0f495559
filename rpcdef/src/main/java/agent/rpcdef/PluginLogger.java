package agent.rpcdef;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Structured logs of a plugin: one JSON object per line on stderr, which the host re-logs under the
 * integration's name. Fields come as key/value pairs: {@code log.info("fetched", "repo", name, "prs",
 * 12)}. Thread-safe.
 *
 * <p>Line format: {@code {"ts":"2026-11-22T10:00:00Z","level":"info","msg":"fetched","repo":"api"}}.
 */
public final class PluginLogger {
  private final PrintStream out;

  public PluginLogger(PrintStream out) {
    this.out = out;
  }

  /** A logger writing to the process's stderr. */
  public static PluginLogger stderr() {
    return new PluginLogger(System.err);
  }

  public void debug(String msg, Object... kv) {
    log("debug", msg, kv);
  }

  public void info(String msg, Object... kv) {
    log("info", msg, kv);
  }

  public void warn(String msg, Object... kv) {
    log("warn", msg, kv);
  }

  public void error(String msg, Object... kv) {
    log("error", msg, kv);
  }

  public void log(String level, String msg, Object... kv) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream(128);
    try (JsonGenerator g = Json.mapper().getFactory().createGenerator(buf)) {
      g.writeStartObject();
      g.writeStringField("ts", Instant.now().toString());
      g.writeStringField("level", level);
      g.writeStringField("msg", msg);
      for (int i = 0; i + 1 < kv.length; i += 2) {
        g.writeFieldName(String.valueOf(kv[i]));
        Object v = kv[i + 1];
        if (v instanceof Number n) {
          g.writeNumber(n.toString());
        } else if (v instanceof Boolean b) {
          g.writeBoolean(b);
        } else {
          g.writeString(String.valueOf(v));
        }
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException(e); // a ByteArrayOutputStream does not fail
    }
    byte[] line = buf.toByteArray();
    synchronized (out) {
      out.write(line, 0, line.length);
      out.write('\n');
      out.flush();
    }
  }

  @Override
  public String toString() {
    return "PluginLogger(" + StandardCharsets.UTF_8.name() + ")";
  }
}
