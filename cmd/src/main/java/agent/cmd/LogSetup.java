package agent.cmd;

import agent.core.log.Redactor;
import agent.core.log.RollingLogFile;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.spi.FilterReply;
import ch.qos.logback.core.util.FileSize;
import agent.core.export.ExportRunner;
import java.io.OutputStream;
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
 * Logging of a command: to stdout and to {@code logs/<command>}, as text or JSON lines, every line
 * passed through the {@link Redactor}. The file is appended to across runs and rolls at a size bound:
 * {@code <file>} and {@code <file>.1} (newest) to {@code <file>.<n-1>} (oldest), with the bounds of
 * every agent log ({@link RollingLogFile}: 10 MiB, 5 files, or the system properties {@code
 * agent.log.max-file-size} and {@code agent.log.max-files}, for tests or through {@code AGENT_JAVA_OPTS}).
 */
final class LogSetup {

  private LogSetup() {}

  /**
   * @param toStderr log to stderr instead of stdout, for commands whose stdout carries data
   * @param logFile the command's log file, appended to and rolled; null for none
   */
  static void configure(String level, String format, boolean toStderr, Path logFile) {
    configure(level, format, toStderr, logFile, null, true);
  }

  /**
   * @param console where console lines go instead of stdout or stderr (a live display's log stream); null for those
   * @param progressOnConsole false: the plain progress lines go to the file only (a live display shows them,
   *     or {@code --progress=off})
   */
  static void configure(String level, String format, boolean toStderr, Path logFile, OutputStream console,
      boolean progressOnConsole) {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    ctx.reset();
    Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(level, Level.INFO));
    // Third-party chatter stays at warn unless asked for.
    ctx.getLogger("io.grpc").setLevel(Level.WARN);
    ctx.getLogger("io.netty").setLevel(Level.WARN);

    OutputStreamAppender<ILoggingEvent> out;
    if (console != null) {
      out = new OutputStreamAppender<>();
      out.setOutputStream(console);
    } else {
      ConsoleAppender<ILoggingEvent> c = new ConsoleAppender<>();
      c.setTarget(toStderr ? "System.err" : "System.out");
      out = c;
    }
    out.setContext(ctx);
    out.setName("console");
    out.setEncoder(encoder(ctx, format));
    if (!progressOnConsole) {
      out.addFilter(new Filter<>() {
        @Override
        public FilterReply decide(ILoggingEvent e) {
          return ExportRunner.PROGRESS_LOGGER.equals(e.getLoggerName()) ? FilterReply.DENY : FilterReply.NEUTRAL;
        }
      });
    }
    out.start();
    root.addAppender(out);

    if (logFile != null) {
      try {
        Files.createDirectories(logFile.getParent());
        root.addAppender(rollingFile(ctx, logFile, format));
      } catch (IOException | RuntimeException e) {
        root.warn("cannot write the log file {}: {}", logFile, e.getMessage());
      }
    }
    String cds = System.getProperty("agent.cds.state");
    if (cds != null) {
      // What bin/agent chose; a start without an archive is slower, never failed.
      ctx.getLogger(LogSetup.class).debug("class-data sharing: {}", cds);
    }
  }

  /**
   * {@code logFile}, appended to (a restart never truncates it), rolled at the size bound to {@code
   * logFile.1} .. {@code logFile.<n-1>}, the oldest dropped.
   */
  private static RollingFileAppender<ILoggingEvent> rollingFile(LoggerContext ctx, Path logFile, String format) {
    RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
    file.setContext(ctx);
    file.setName("file");
    file.setFile(logFile.toString());
    file.setAppend(true);
    file.setEncoder(encoder(ctx, format));
    FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
    rolling.setContext(ctx);
    rolling.setParent(file);
    rolling.setFileNamePattern(logFile + ".%i");
    rolling.setMinIndex(1);
    rolling.setMaxIndex(Math.max(1, RollingLogFile.maxFiles() - 1));
    rolling.start();
    SizeBasedTriggeringPolicy<ILoggingEvent> size = new SizeBasedTriggeringPolicy<>();
    size.setContext(ctx);
    size.setMaxFileSize(new FileSize(RollingLogFile.maxBytes()));
    // Logback looks at the size once a minute by default; the agent logs little, so every line (one stat) is cheap
    // and the bound holds to a line.
    size.setCheckIncrement(ch.qos.logback.core.util.Duration.buildByMilliseconds(0));
    size.start();
    file.setRollingPolicy(rolling);
    file.setTriggeringPolicy(size);
    file.start();
    return file;
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
