package agent.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What {@code --help}, {@code agent help} and {@code agent version} print. */
class HelpTest {
  final StringWriter out = new StringWriter();

  private String run(String... args) {
    out.getBuffer().setLength(0);
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(out, true));
    assertEquals(0, cl.execute(args), out.toString());
    return out.toString();
  }

  @Test
  void helpAndVersionAreCommandsAndHiddenCommandsStayHidden() {
    String help = run("help");
    assertEquals(run("--help"), help);
    for (String visible : List.of("enroll", "service", "cat", "checkpoints", "version", "help")) {
      assertTrue(help.contains("\n  " + visible + " "), visible + " not listed:\n" + help);
    }
    for (String hidden : List.of("service-stop", "export ", "validate-config", "export-onboard-data")) {
      assertFalse(help.contains("\n  " + hidden), hidden + " listed:\n" + help);
    }
    assertTrue(run("help", "checkpoints").contains("Usage: agent checkpoints"));
    assertTrue(run("version").startsWith("agent "), out.toString());
    assertEquals(run("--version"), run("version"));
  }

  /**
   * A command named first gets a tree of itself alone (Main.run), and says, parses and fails the
   * same as in the whole tree; help, options and unknown names get the whole tree.
   */
  @Test
  void aCommandNamedFirstIsBuiltAloneAndBehavesTheSame() {
    CommandLine all = Main.commandLine();
    assertEquals(List.copyOf(AgentCommand.SUBCOMMANDS.keySet()), List.copyOf(all.getSubcommands().keySet()));
    AgentCommand.SUBCOMMANDS.forEach((name, type) ->
        assertEquals(name, type.getAnnotation(CommandLine.Command.class).name(), type.getName()));
    for (String name : AgentCommand.SUBCOMMANDS.keySet()) {
      if (name.equals("help")) {
        continue;
      }
      assertEquals(List.of(name), List.copyOf(Main.commandLine(name).getSubcommands().keySet()));
      assertEquals(outcome(all, name, "--help"), outcome(Main.commandLine(name), name, "--help"));
      assertEquals(outcome(all, name, "--no-such-option"), outcome(Main.commandLine(name), name, "--no-such-option"));
    }
    assertEquals(AgentCommand.SUBCOMMANDS.size(), Main.commandLine("help", "cat").getSubcommands().size());
    assertEquals(AgentCommand.SUBCOMMANDS.size(), Main.commandLine("--help").getSubcommands().size());
    assertEquals(AgentCommand.SUBCOMMANDS.size(), Main.commandLine().getSubcommands().size());
    String unknown = outcome(Main.commandLine("docter"), "docter");
    assertTrue(unknown.startsWith(ExitCodes.USAGE + "\n"), unknown);
    assertTrue(unknown.contains("Did you mean: agent doctor"), "no suggestion: " + unknown);
  }

  /** "exit code\n" and what the command printed on either stream. */
  private static String outcome(CommandLine cl, String... args) {
    StringWriter w = new StringWriter();
    cl.setOut(new PrintWriter(w, true));
    cl.setErr(new PrintWriter(w, true));
    int code = cl.execute(args);
    return code + "\n" + w;
  }

  /** Every help fits 80 columns, and a JSON example is never broken across lines. */
  @Test
  void everyHelpFitsEightyColumnsWithoutBreakingJson() {
    List<List<String>> commands = new ArrayList<>();
    collect(Main.commandLine(), new ArrayList<>(), commands);
    assertTrue(commands.size() > 10, commands.toString());
    for (List<String> path : commands) {
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      String help = run(args.toArray(String[]::new));
      for (String line : help.lines().toList()) {
        assertTrue(line.length() <= 80, path + ": longer than 80 columns: " + line);
        // Braces only: a synopsis wraps between its [optional] groups, which is fine.
        long open = line.chars().filter(c -> c == '{').count();
        long close = line.chars().filter(c -> c == '}').count();
        assertEquals(open, close, path + ": a JSON example broken across lines: " + line);
      }
    }
  }

  private static void collect(CommandLine cl, List<String> path, List<List<String>> into) {
    into.add(path);
    cl.getSubcommands().forEach((name, sub) -> {
      if (!name.equals("help")) {
        List<String> p = new ArrayList<>(path);
        p.add(name);
        collect(sub, p, into);
      }
    });
  }
}
