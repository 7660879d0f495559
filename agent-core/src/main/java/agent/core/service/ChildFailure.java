package agent.core.service;

/**
 * What a command child's exit code means for the backend's {@code failed} event ({@code
 * _docs/backend-api.md}): its exit codes ({@code _docs/cli.md}) are the classification, made where the
 * failure was born, so the service does not guess from its output.
 */
final class ChildFailure {
  /** The child's "bad input" exit code. */
  static final int USAGE = 2;
  /** The child's "the machine is in the way" exit code: a full disk, a folder that cannot be written. */
  static final int ENVIRONMENT = 3;

  private ChildFailure() {}

  /**
   * The event's {@code error.code}: {@code cancelled} (stopped by the service), {@code invalid_parameters}
   * (exit 2), {@code environment} (exit 3) or {@code child_failed} (anything else).
   */
  static String code(boolean stopped, int exitCode) {
    if (stopped) {
      return "cancelled";
    }
    return switch (exitCode) {
      case USAGE -> "invalid_parameters";
      case ENVIRONMENT -> "environment";
      default -> "child_failed";
    };
  }

  /**
   * The event's {@code error.message} for a child that ended by itself: for an environment failure the
   * child's own sentence (its last {@code agent: } line, naming the file and the space left), else its exit
   * code and its last output lines.
   */
  static String message(String what, int exitCode, String outputTail) {
    if (exitCode == ENVIRONMENT) {
      String said = lastAgentLine(outputTail);
      if (said != null) {
        return what + " cannot run on this machine: " + said;
      }
    }
    return what + " exited with " + exitCode + ": " + outputTail;
  }

  private static String lastAgentLine(String outputTail) {
    String found = null;
    for (String line : outputTail.split("\n")) {
      if (line.startsWith("agent: ")) {
        found = line.substring("agent: ".length());
      }
    }
    return found;
  }
}
