package agent.cmd;

import agent.core.config.InputException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --log-level} and {@code --log-format}, checked the same way by every command that logs. */
final class LogOptions {
  @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "info",
      description = "debug, info, warn or error (default: ${DEFAULT-VALUE}).")
  String level;

  @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text or json (default: ${DEFAULT-VALUE}).")
  String format;

  /** Bad values are bad input: exit 2 before anything runs. */
  void check() {
    if (!List.of("debug", "info", "warn", "error").contains(level)) {
      throw new InputException("--log-level must be debug, info, warn or error, got \"" + level + "\"");
    }
    if (!List.of("text", "json").contains(format)) {
      throw new InputException("--log-format must be text or json, got \"" + format + "\"");
    }
  }

  /** Where console lines go instead of stdout (a live display); null for stdout or stderr. */
  java.io.OutputStream console;
  /** False: the plain progress lines stay out of the console (a live display, or --progress=off). */
  boolean progressOnConsole = true;

  /** Starts logging (see {@link LogSetup#configure}). */
  void start(boolean toStderr, Path logFile) {
    LogSetup.configure(level, format, toStderr, logFile, console, progressOnConsole);
  }
}
