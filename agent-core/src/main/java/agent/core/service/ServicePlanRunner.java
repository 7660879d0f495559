package agent.core.service;

import agent.core.fs.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Carries out a {@link ServicePlan}, printing every file it writes and every command before it
 * runs it, so that an operator can see (and repeat by hand) what was done to the machine.
 */
public final class ServicePlanRunner {
  /** A service manager's command that does not answer within this is stopped and reported. */
  static final long COMMAND_TIMEOUT_SECONDS = 120;
  private static final Set<PosixFilePermission> RW_R_R = Set.of(PosixFilePermission.OWNER_READ,
      PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);

  private final PrintWriter out;
  private final boolean dryRun;

  /** @param dryRun print the file and the commands, touch nothing */
  public ServicePlanRunner(PrintWriter out, boolean dryRun) {
    this.out = out;
    this.dryRun = dryRun;
  }

  /**
   * Writes the plan's file (mode 0644: it holds no secret) and runs its commands in order.
   *
   * @throws IOException the file cannot be written, or a command failed (the message names it)
   */
  public void install(ServicePlan plan) throws IOException {
    if (plan.file() != null) {
      if (dryRun) {
        out.println("would write " + plan.file() + ":");
        out.println(plan.content().stripTrailing().indent(4).stripTrailing());
      } else {
        AtomicFiles.createDirectories(plan.file().getParent());
        AtomicFiles.writeAtomically(plan.file(), plan.content().getBytes(StandardCharsets.UTF_8), RW_R_R);
        out.println("wrote " + plan.file());
      }
    }
    for (List<String> c : plan.commands()) {
      runOrFail(c);
    }
    out.flush();
  }

  /**
   * Stops and unregisters the service, then removes its file. The first command (stop, disable,
   * unload) may fail harmlessly when the service was not running; the rest must succeed.
   */
  public void uninstall(ServicePlan plan) throws IOException {
    List<List<String>> commands = plan.commands();
    if (!commands.isEmpty()) {
      int exit = run(commands.get(0));
      if (exit != 0) {
        out.println("(exit " + exit + ": the service was not running or not registered; going on)");
      }
    }
    if (plan.file() != null) {
      if (dryRun) {
        out.println("would remove " + plan.file());
      } else if (Files.deleteIfExists(plan.file())) {
        out.println("removed " + plan.file());
      } else {
        out.println(plan.file() + " was not there");
      }
    }
    for (List<String> c : commands.subList(Math.min(1, commands.size()), commands.size())) {
      runOrFail(c);
    }
    out.flush();
  }

  /**
   * Prints the manager's view: each command and its output. Never fails: a manager that is not
   * installed or answers "inactive" is what a status is for.
   */
  public void status(ServicePlan plan) {
    query(plan).forEach(out::println);
    out.flush();
  }

  /** The manager's view as lines, {@code <command>: <its answer>}; never fails. */
  public static List<String> query(ServicePlan plan) {
    List<String> lines = new java.util.ArrayList<>();
    for (List<String> c : plan.commands()) {
      try {
        Result r = execute(c);
        lines.add(display(c) + ": " + (r.output().isBlank() ? "(exit " + r.exit() + ")" : r.output().strip()));
      } catch (IOException e) {
        lines.add(display(c) + ": cannot run it (" + e.getMessage() + ")");
      }
    }
    return lines;
  }

  private void runOrFail(List<String> c) throws IOException {
    int exit = run(c);
    if (exit != 0) {
      throw new IOException("'" + display(c) + "' exited with " + exit + " (its output is above)");
    }
  }

  /** Prints and runs one command, its output after it; returns its exit code. */
  private int run(List<String> c) throws IOException {
    if (dryRun) {
      out.println("would run: " + display(c));
      return 0;
    }
    out.println("+ " + display(c));
    out.flush();
    Result r = execute(c);
    if (!r.output().isBlank()) {
      out.println(r.output().stripTrailing().indent(2).stripTrailing());
    }
    return r.exit();
  }

  private record Result(int exit, String output) {}

  private static Result execute(List<String> c) throws IOException {
    Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
    p.getOutputStream().close();
    try {
      // The managers' commands print a few lines; reading to the end also waits for the exit.
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("'" + display(c) + "' did not finish within " + COMMAND_TIMEOUT_SECONDS + " s");
      }
      return new Result(p.exitValue(), output);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running '" + display(c) + "'", e);
    }
  }

  /** A command as a person would type it in a POSIX shell. */
  public static String display(List<String> c) {
    StringBuilder b = new StringBuilder();
    for (String a : c) {
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(a.matches("[A-Za-z0-9_@%+=:,./\\\\-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
    }
    return b.toString();
  }
}
