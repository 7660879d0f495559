package agent.cmd;

import agent.core.config.InputException;
import agent.core.fs.LockBusyException;
import agent.core.plugin.PluginStartException;
import agent.rpcdef.internal.grpc.PluginCallException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** Entry point of {@code bin/agent}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns its exit code (tests call this). */
  public static int run(String... args) {
    CommandLine cl = commandLine(args);
    return cl.execute(args);
  }

  /** The whole command tree: what help, an unknown command and the tests see. */
  static CommandLine commandLine() {
    return build(AgentCommand.SUBCOMMANDS.keySet());
  }

  /**
   * The command tree for {@code args}: when they start with a command's name, only that command.
   * picocli builds each command's model by reflection on its classes, about a tenth of a second of a
   * short command's start for the fourteen; parsing, help and errors of that command are the same
   * either way. {@code help}, options and anything else get the whole tree.
   */
  static CommandLine commandLine(String... args) {
    String first = args.length > 0 ? args[0] : "";
    boolean one = AgentCommand.SUBCOMMANDS.containsKey(first) && !first.equals("help");
    return build(one ? java.util.Set.of(first) : AgentCommand.SUBCOMMANDS.keySet());
  }

  private static CommandLine build(java.util.Set<String> names) {
    CommandLine cl = new CommandLine(new AgentCommand());
    for (String name : names) {
      cl.addSubcommand(name, AgentCommand.SUBCOMMANDS.get(name));
    }
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      // Input and environment problems are sentences for the operator; only bugs get a stack trace.
      if (ex instanceof InputException || ex instanceof CommandLine.ParameterException) {
        cmd.getErr().println("agent: " + ex.getMessage());
        return ExitCodes.USAGE;
      }
      if (ex instanceof PluginCallException pce) {
        cmd.getErr().println("agent: " + pce.getMessage());
        return pce.kind() == PluginCallException.Kind.CONFIG ? ExitCodes.USAGE : ExitCodes.FAILED;
      }
      if (ex instanceof PluginStartException) {
        cmd.getErr().println("agent: " + ex.getMessage());
        return ExitCodes.FAILED;
      }
      if (ex instanceof LockBusyException) {
        cmd.getErr().println("agent: " + ex.getMessage());
        return ExitCodes.ENVIRONMENT;
      }
      if (ex instanceof UncheckedIOException u && !u.getMessage().equals(String.valueOf(u.getCause()))) {
        // Its own sentence names the file and the fix; the cause alone may not even name the file.
        cmd.getErr().println("agent: " + u.getMessage());
        return ExitCodes.ENVIRONMENT;
      }
      if (ex instanceof IOException || ex instanceof UncheckedIOException) {
        cmd.getErr().println("agent: " + describe(ex instanceof UncheckedIOException u ? u.getCause() : ex));
        return ExitCodes.ENVIRONMENT;
      }
      LoggerFactory.getLogger(Main.class).error("bug: {} failed", cmd.getCommandName(), ex);
      cmd.getErr().println("agent: internal error: " + ex + " (the log has the stack trace; please report it)");
      return ExitCodes.INTERNAL;
    });
    return cl;
  }

  /** A file-system failure in words: which file, and why (a full disk, a missing permission). */
  static String describe(Throwable e) {
    if (e instanceof FileSystemException f) {
      String reason = f.getReason() == null ? f.getClass().getSimpleName() : f.getReason();
      return "cannot use " + f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile()) + ": " + reason;
    }
    return String.valueOf(e.getMessage());
  }
}
