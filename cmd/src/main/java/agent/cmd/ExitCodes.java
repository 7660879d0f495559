package agent.cmd;

/** The exit codes of every command; documented in _docs/cli.md. */
final class ExitCodes {
  /** Everything worked. */
  static final int OK = 0;
  /** The command ran but did not succeed: an integration failed, a config is invalid. */
  static final int FAILED = 1;
  /** Bad input: unknown option, malformed JSON, unknown integration. Nothing was touched. */
  static final int USAGE = 2;
  /** The machine is in the way: another export holds the root, a folder cannot be written. */
  static final int ENVIRONMENT = 3;
  /** A bug: the log has the stack trace. */
  static final int INTERNAL = 4;

  /** Cancelled by Ctrl-C (128 + SIGINT), as a shell reports a command a signal ended. */
  static final int CANCELLED_INT = 130;
  /** Cancelled by SIGTERM (128 + SIGTERM). */
  static final int CANCELLED_TERM = 143;

  private ExitCodes() {}
}
