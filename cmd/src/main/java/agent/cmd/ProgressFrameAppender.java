package agent.cmd;

import agent.core.export.ExportRunner;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * service-run's live display on a terminal: the latest progress line of each integration of the running
 * command (passed on from the export child's output, logger {@link ExportRunner#PROGRESS_LOGGER}), kept as
 * the frame at the bottom of the screen while the log scrolls above it. A new command starts a new frame.
 */
final class ProgressFrameAppender extends AppenderBase<ILoggingEvent> {
  private final TerminalScreen screen;
  private final Map<String, String> lines = new LinkedHashMap<>();
  private String command;

  ProgressFrameAppender(TerminalScreen screen) {
    this.screen = screen;
    setName("progress-frame");
  }

  @Override
  protected synchronized void append(ILoggingEvent e) {
    if (!ExportRunner.PROGRESS_LOGGER.equals(e.getLoggerName())) {
      return;
    }
    // "command <id>: <integration>: <facts>"
    String msg = e.getFormattedMessage();
    String[] parts = msg.split(": ", 3);
    if (parts.length < 3) {
      return;
    }
    if (!parts[0].equals(command)) {
      command = parts[0];
      lines.clear();
    }
    lines.put(parts[1], parts[1] + ": " + parts[2]);
    List<String> frame = new ArrayList<>();
    frame.add(command + ", progress at " + java.time.Instant.ofEpochMilli(e.getTimeStamp()) + ":");
    lines.values().forEach(l -> frame.add("  " + cut(l, screen.width() - 2)));
    screen.draw(frame);
  }

  private static String cut(String s, int width) {
    return width > 3 && s.length() > width ? s.substring(0, width - 3) + "..." : s;
  }
}
