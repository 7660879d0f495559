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
