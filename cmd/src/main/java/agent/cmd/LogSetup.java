package agent.cmd;

import agent.core.log.Redactor;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.slf4j.LoggerFactory;

/**
 * Logging of a command: to stdout and to {@code logs/<command>} (replaced each run), as text or
 * JSON lines, every line passed through the {@link Redactor}.
 */
final class LogSetup {
  private LogSetup() {}

  /**
   * @param toStderr log to stderr instead of stdout, for commands whose stdout carries data
   * @param logFile the command's log file, replaced; null for none
   */
  static void configure(String level, String format, boolean toStderr, Path logFile) {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    ctx.reset();
    Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(level, Level.INFO));
    // Third-party chatter stays at warn unless asked for.
    ctx.getLogger("io.grpc").setLevel(Level.WARN);
    ctx.getLogger("io.netty").setLevel(Level.WARN);

    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(ctx);
    console.setName("console");
    console.setTarget(toStderr ? "System.err" : "System.out");
    console.setEncoder(encoder(ctx, format));
    console.start();
    root.addAppender(console);

    if (logFile != null) {
      try {
        Files.createDirectories(logFile.getParent());
        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setContext(ctx);
        file.setName("file");
        file.setFile(logFile.toString());
        file.setAppend(false);
        file.setEncoder(encoder(ctx, format));
        file.start();
        root.addAppender(file);
      } catch (IOException e) {
        root.warn("cannot write the log file {}: {}", logFile, e.getMessage());
      }
    }
  }

  private static LayoutWrappingEncoder<ILoggingEvent> encoder(LoggerContext ctx, String format) {
    LayoutBase<ILoggingEvent> layout = "json".equals(format) ? new JsonLayout() : new TextLayout();
    layout.setContext(ctx);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> enc = new LayoutWrappingEncoder<>();
    enc.setContext(ctx);
    enc.setLayout(layout);
    enc.setCharset(StandardCharsets.UTF_8);
    enc.start();
    return enc;
  }

  private static String message(ILoggingEvent e) {
    return Redactor.global().redact(text(e));
  }

  /** The event's message and, after it, its stack trace if any; not redacted. */
  static String text(ILoggingEvent e) {
    String msg = e.getFormattedMessage();
    IThrowableProxy t = e.getThrowableProxy();
    if (t != null) {
      msg = msg + System.lineSeparator() + ThrowableProxyUtil.asString(t);
    }
    return msg;
  }

  private static String shortLogger(String name) {
    if (name.startsWith("integration.")) {
      return name;
    }
    int dot = name.lastIndexOf('.');
    return dot < 0 ? name : name.substring(dot + 1);
  }

  /** {@code 2026-11-22T10:00:00.123Z INFO  ExportRunner: message}. */
  static final class TextLayout extends LayoutBase<ILoggingEvent> {
    @Override
    public String doLayout(ILoggingEvent e) {
      return Instant.ofEpochMilli(e.getTimeStamp()) + " " + String.format("%-5s", e.getLevel()) + " "
          + shortLogger(e.getLoggerName()) + ": " + message(e) + System.lineSeparator();
    }
  }

  /** {@code {"ts":"...","level":"info","logger":"...","msg":"..."}}. */
  static final class JsonLayout extends LayoutBase<ILoggingEvent> {
    @Override
    public String doLayout(ILoggingEvent e) {
      StringWriter w = new StringWriter();
      try (JsonGenerator g = agent.rpcdef.Json.mapper().getFactory().createGenerator(w)) {
        g.writeStartObject();
        g.writeStringField("ts", Instant.ofEpochMilli(e.getTimeStamp()).toString());
        g.writeStringField("level", e.getLevel().toString().toLowerCase());
        g.writeStringField("logger", e.getLoggerName());
        g.writeStringField("msg", message(e));
        g.writeEndObject();
      } catch (IOException x) {
        return "{\"level\":\"error\",\"msg\":\"cannot format a log line\"}" + System.lineSeparator();
      }
      return w + System.lineSeparator();
    }
  }
}
