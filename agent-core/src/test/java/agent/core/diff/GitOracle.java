package agent.core.diff;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real {@code git} binary as the expected answer: writes many pairs into {@code old/} and
 * {@code new/} of one directory and runs one {@code git diff --no-index} over both, so a few hundred
 * pairs cost one process. Runs without the user's or system's config, in the C locale.
 */
final class GitOracle {
  private final Path dir;

  GitOracle(Path dir, List<PairGenerator.Pair> pairs) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir.resolve("home"));
    Files.createDirectories(dir.resolve("old"));
    Files.createDirectories(dir.resolve("new"));
    for (PairGenerator.Pair p : pairs) {
      Files.write(dir.resolve("old").resolve(p.name()), p.oldContent());
      Files.write(dir.resolve("new").resolve(p.name()), p.newContent());
    }
  }

  /** Per file name, the hunk headers' ranges ({@code @@ -a,b +c,d @@}) of {@code git diff -U0}. */
  Map<String, List<String>> hunks(String heuristicFlag) throws IOException, InterruptedException {
    String out = git("diff", "--no-index", "-U0", heuristicFlag, "old", "new");
    Map<String, List<String>> hunks = new HashMap<>();
    List<String> current = null;
    for (String line : out.split("\n", -1)) {
      if (line.startsWith("diff --git ")) {
        String name = line.substring(line.lastIndexOf('/') + 1);
        current = new ArrayList<>();
        hunks.put(name, current);
      } else if (line.startsWith("@@ ") && current != null) {
        current.add(line.substring(0, line.indexOf(" @@", 2) + 3));
      }
    }
    return hunks;
  }

  /**
   * Per file name, the changed lines of {@code git diff -U3} (a diff with context, so without the
   * zero-context tail cut): {@code "-"} and the deleted old line numbers, then {@code "+"} and the
   * added new line numbers, 1-based, comma-separated.
   */
  Map<String, String> changedLines(String heuristicFlag) throws IOException, InterruptedException {
    String out = git("diff", "--no-index", "-U3", heuristicFlag, "old", "new");
    Map<String, String> changed = new HashMap<>();
    String name = null;
    StringBuilder deleted = new StringBuilder();
    StringBuilder added = new StringBuilder();
    int oldLine = 0;
    int newLine = 0;
    boolean inHunk = false;
    for (String line : out.split("\n", -1)) {
      if (line.startsWith("diff --git ")) {
        if (name != null) {
          changed.put(name, "-" + deleted + "+" + added);
        }
        name = line.substring(line.lastIndexOf('/') + 1);
        deleted.setLength(0);
        added.setLength(0);
        inHunk = false;
      } else if (line.startsWith("@@ ")) {
        String[] ranges = line.split(" ");
        oldLine = start(ranges[1]);
        newLine = start(ranges[2]);
        inHunk = true;
      } else if (inHunk && line.startsWith(" ")) {
        oldLine++;
        newLine++;
      } else if (inHunk && line.startsWith("-")) {
        deleted.append(oldLine++).append(',');
      } else if (inHunk && line.startsWith("+")) {
        added.append(newLine++).append(',');
      }
    }
    if (name != null) {
      changed.put(name, "-" + deleted + "+" + added);
    }
    return changed;
  }

  /** The first line of a hunk range like {@code -12,3}: 12, or 13 for an empty {@code -12,0}. */
  private static int start(String range) {
    int comma = range.indexOf(',');
    int start = Integer.parseInt(range.substring(1, comma < 0 ? range.length() : comma));
    return comma >= 0 && range.endsWith(",0") ? start + 1 : start;
  }

  /** Per file name, {@code {added, deleted}} of {@code git diff --numstat}. */
  Map<String, int[]> numstat() throws IOException, InterruptedException {
    String out = git("diff", "--no-index", "--numstat", "old", "new");
    Map<String, int[]> counts = new HashMap<>();
    for (String line : out.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split("\t");
      String name = f[2].substring(f[2].lastIndexOf('/') + 1);
      counts.put(name, new int[] {Integer.parseInt(f[0]), Integer.parseInt(f[1])});
    }
    return counts;
  }

  private String git(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git", "-c", "core.autocrlf=false",
        "-c", "core.quotepath=false"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().put("HOME", dir.resolve("home").toString());
    pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    pb.environment().put("LC_ALL", "C");
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    int exit = p.waitFor();
    // --no-index exits 1 when there are differences.
    if (exit > 1) {
      throw new IOException("git " + String.join(" ", args) + " exited " + exit);
    }
    return new String(out, StandardCharsets.ISO_8859_1);
  }
}
