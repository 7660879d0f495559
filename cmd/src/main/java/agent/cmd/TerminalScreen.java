package agent.cmd;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A live display at the bottom of a terminal: {@link #draw} redraws its frame in place (ANSI cursor
 * moves), and log lines written to {@link #logStream()} appear above it, the frame drawn again below
 * them. Only for a real terminal ({@code --progress=tty}); thread-safe.
 */
final class TerminalScreen {
  private static final String UP = "\033[%dA\r";
  private static final String CLEAR_LINE = "\033[K";
  private static final String CLEAR_BELOW = "\033[J";

  private final PrintStream out;
  private final int width;
  private List<String> frame = List.of();
  private int drawn;

  TerminalScreen(PrintStream out, int width) {
    this.out = out;
    this.width = width;
  }

  /** The terminal's width: {@code COLUMNS}, else {@code stty size} on the controlling terminal, else 100. */
  static int terminalWidth() {
    try {
      String columns = System.getenv("COLUMNS");
      if (columns != null && columns.matches("\\d+")) {
        return Integer.parseInt(columns);
      }
      Process p = new ProcessBuilder("sh", "-c", "stty size < /dev/tty").redirectErrorStream(true).start();
      if (p.waitFor(2, TimeUnit.SECONDS)) {
        String[] rc = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().split("\\s+");
        if (rc.length == 2 && rc[1].matches("\\d+") && Integer.parseInt(rc[1]) > 20) {
          return Integer.parseInt(rc[1]);
        }
      } else {
        p.destroyForcibly();
      }
    } catch (Exception e) {
      // No stty (Windows) or no terminal: the default below.
    }
    return 100;
  }

  int width() {
    return width;
  }

  /** Replaces the frame on screen by {@code lines} (each at most {@link #width()} long). */
  synchronized void draw(List<String> lines) {
    frame = List.copyOf(lines);
    StringBuilder b = new StringBuilder();
    if (drawn > 0) {
      b.append(String.format(UP, drawn));
    }
    for (String l : frame) {
      b.append(l).append(CLEAR_LINE).append('\n');
    }
    b.append(CLEAR_BELOW);
    drawn = frame.size();
    out.print(b);
    out.flush();
  }

  /** The frame stays on screen as it is; what is printed from now on goes below it. */
  synchronized void finish() {
    drawn = 0;
    frame = List.of();
  }

  /** Prints {@code text} (whole lines) above the frame, then draws the frame again. */
  synchronized void printAbove(byte[] text, int len) {
    if (drawn > 0) {
      out.print(String.format(UP, drawn) + CLEAR_BELOW);
    }
    out.write(text, 0, len);
    drawn = 0;
    if (!frame.isEmpty()) {
      draw(frame);
    }
    out.flush();
  }

  /** A stream for the console log: each complete line goes above the frame. */
  OutputStream logStream() {
    return new OutputStream() {
      private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

      @Override
      public synchronized void write(int b) {
        pending.write(b);
        if (b == '\n') {
          flushLines();
        }
      }

      @Override
      public synchronized void write(byte[] b, int off, int len) {
        pending.write(b, off, len);
        if (len > 0 && b[off + len - 1] == '\n') {
          flushLines();
        }
      }

      @Override
      public synchronized void flush() {
        // Partial lines wait for their end: half a line under the frame would be overwritten.
      }

      private void flushLines() {
        printAbove(pending.toByteArray(), pending.size());
        pending.reset();
      }
    };
  }
}
