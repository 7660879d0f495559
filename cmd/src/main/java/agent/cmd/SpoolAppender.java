package agent.cmd;

import agent.core.logship.ChildLogLines;
import agent.core.logship.LogSpool;
import agent.core.logship.SpoolLine;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.io.IOException;
import java.time.Instant;

/**
 * Puts {@code service-run}'s own log lines in the {@link LogSpool} (which redacts them) with source
 * {@code service-run}, so that they reach the backend like the export's. A line the spool cannot take
 * is reported to logback's status, never logged: logging it would come back here.
 */
final class SpoolAppender extends AppenderBase<ILoggingEvent> {
  private final LogSpool spool;

  SpoolAppender(LogSpool spool) {
    this.spool = spool;
    setName("spool");
  }

  @Override
  protected void append(ILoggingEvent e) {
    String logger = e.getLoggerName();
    if (agent.core.export.ExportRunner.PROGRESS_LOGGER.equals(logger)) {
      return; // a command child's progress line passed on: the spool has it already, from the child's output
    }
    try {
      // Not redacted here: the spool redacts every line it takes.
      spool.append(new SpoolLine(Instant.ofEpochMilli(e.getTimeStamp()).toString(), e.getLevel().toString(), logger,
          LogSetup.text(e), ChildLogLines.integration(logger), "service-run", null));
    } catch (IOException x) {
      addError("cannot spool a log line", x);
    }
  }
}
