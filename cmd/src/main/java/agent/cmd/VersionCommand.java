package agent.cmd;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code agent version}: what {@code agent --version} prints, as a command. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Prints the agent's version and its Java.")
final class VersionCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    for (String line : new Version().getVersion()) {
      out.println(line);
    }
    out.flush();
  }
}
