package agent.cmd;

import agent.core.config.InputException;
import java.io.Console;
import java.lang.reflect.Method;

/**
 * {@code --progress=auto|tty|plain|off}: how a command shows its progress. {@code tty}: a live display
 * redrawn in place; {@code plain}: a progress line per integration every 10 s and at the end, among the
 * log lines; {@code off}: none on the console (the log file keeps the plain lines). {@code auto} is
 * {@code tty} on a terminal (a console, and {@code TERM} not {@code dumb}; on Windows only in Windows
 * Terminal), else {@code plain}.
 */
enum ProgressMode {
  TTY, PLAIN, OFF;

  static final String DESCRIPTION = "auto, tty, plain or off (default: ${DEFAULT-VALUE}): a live display redrawn in"
      + " place (tty), a line per integration every 10 s and at the end (plain), or none on the console (off; the log"
      + " file keeps the lines). auto: tty on a terminal, plain through a pipe or under a service.";

  static ProgressMode parse(String value) {
    return switch (value) {
      case "auto" -> onTerminal(System.console(), System.getenv("TERM")) ? TTY : PLAIN;
      case "tty" -> TTY;
      case "plain" -> PLAIN;
      case "off" -> OFF;
      default -> throw new InputException("--progress must be auto, tty, plain or off, got \"" + value + "\"");
    };
  }

  /** A console that is a terminal (Java 22+ has a console also when redirected: it asks isTerminal()). */
  static boolean onTerminal(Console console, String term) {
    if (console == null || "dumb".equals(term)) {
      return false;
    }
    if (System.getProperty("os.name", "").startsWith("Windows") && System.getenv("WT_SESSION") == null) {
      return false; // the classic Windows console shows ANSI escapes as text unless told otherwise; Windows Terminal does not
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // before Java 22 a console exists only on a terminal
    }
  }
}
