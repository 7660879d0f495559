package agent.core.diff;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic old/new file pairs of the kinds that make git's diff behave differently: small
 * edits, edits at the ends, many duplicate lines, large scattered rewrites (cost limit, frequent
 * lines), moved blocks, missing final newline, CRLF, empty files.
 */
final class PairGenerator {
  record Pair(String name, String kind, byte[] oldContent, byte[] newContent) {}

  private final List<Pair> pairs = new ArrayList<>();

  static List<Pair> all() {
    PairGenerator g = new PairGenerator();
    g.generate();
    return g.pairs;
  }

  private void generate() {
    for (int seed = 0; seed < 120; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      List<String> base = code(r, 5 + r.nextInt(150));
      add("small-edits", base, edit(r, base, 1 + r.nextInt(6), 4));
    }
    for (int seed = 0; seed < 60; seed++) {
      SplittableRandom r = new SplittableRandom(1000 + seed);
      List<String> base = code(r, r.nextInt(40));
      List<String> other = new ArrayList<>(base);
      int n = 1 + r.nextInt(5);
      switch (seed % 4) {
        case 0 -> other.addAll(0, code(r, n));
        case 1 -> other.addAll(code(r, n));
        case 2 -> other.subList(0, Math.min(n, other.size())).clear();
        default -> other.subList(Math.max(0, other.size() - n), other.size()).clear();
      }
      add("ends", base, other);
    }
    for (int seed = 0; seed < 150; seed++) {
      SplittableRandom r = new SplittableRandom(2000 + seed);
      String[] alphabet = seed % 2 == 0 ? new String[] {"", "}", "{", "a", "  }", "\tb"}
          : new String[] {"x", "y", "z"};
      List<String> base = pick(r, alphabet, r.nextInt(60));
      add("duplicates", base, seed % 3 == 0 ? pick(r, alphabet, r.nextInt(60))
          : edit(r, base, 1 + r.nextInt(8), 3, alphabet));
    }
    for (int seed = 0; seed < 40; seed++) {
      SplittableRandom r = new SplittableRandom(3000 + seed);
      List<String> base = code(r, 300 + r.nextInt(2500));
      add("rewrite", base, edit(r, base, base.size() / (2 + r.nextInt(8)), 3));
    }
    for (int seed = 0; seed < 40; seed++) {
      SplittableRandom r = new SplittableRandom(4000 + seed);
      // Few distinct lines, so that replacements still match elsewhere: frequent lines and long
      // searches that hit the cost limit.
      String[] alphabet = new String[8 + r.nextInt(60)];
      for (int i = 0; i < alphabet.length; i++) {
        alphabet[i] = "    line " + i + (i % 5 == 0 ? "" : ";");
      }
      alphabet[0] = "";
      List<String> base = pick(r, alphabet, 500 + r.nextInt(3000));
      add("rewrite-dense", base, edit(r, base, base.size() / (2 + r.nextInt(6)), 6, alphabet));
    }
    for (int seed = 0; seed < 40; seed++) {
      SplittableRandom r = new SplittableRandom(5000 + seed);
      List<String> base = code(r, 20 + r.nextInt(300));
      List<String> other = new ArrayList<>(base);
      for (int moves = 1 + r.nextInt(3); moves > 0; moves--) {
        int from = r.nextInt(other.size());
        int len = Math.min(other.size() - from, 1 + r.nextInt(30));
        List<String> block = new ArrayList<>(other.subList(from, from + len));
        other.subList(from, from + len).clear();
        other.addAll(r.nextInt(other.size() + 1), block);
      }
      add("moved", base, other);
    }
    for (int seed = 0; seed < 60; seed++) {
      SplittableRandom r = new SplittableRandom(6000 + seed);
      List<String> base = code(r, r.nextInt(30));
      List<String> other = seed % 2 == 0 ? base : edit(r, base, 1 + r.nextInt(3), 3);
      boolean crlf = seed % 3 == 0;
      pairs.add(new Pair(name(), "eol", bytes(base, crlf, r.nextBoolean()),
          bytes(other, crlf || seed % 5 == 0, r.nextBoolean())));
    }
    pairs.add(new Pair(name(), "empty", new byte[0], bytes(List.of("a"), false, true)));
    pairs.add(new Pair(name(), "empty", bytes(List.of("a", "b"), false, true), new byte[0]));
    pairs.add(new Pair(name(), "empty", bytes(List.of("a"), false, false), new byte[0]));
    pairs.add(new Pair(name(), "empty", new byte[0], new byte[] {'\n'}));
    for (int seed = 0; seed < 30; seed++) {
      SplittableRandom r = new SplittableRandom(7000 + seed);
      // Long common tail: git cuts it in 1024-byte blocks before diffing.
      List<String> tail = pick(r, new String[] {"a", "", "  b", "}"}, 300 + r.nextInt(600));
      List<String> head = code(r, r.nextInt(20));
      List<String> oldLines = new ArrayList<>(head);
      oldLines.addAll(tail);
      List<String> newLines = edit(r, head, 1 + r.nextInt(3), 3);
      newLines.addAll(pick(r, new String[] {"a", "", "  b", "}"}, r.nextInt(4)));
      newLines.addAll(tail);
      add("long-tail", oldLines, newLines);
    }
  }

  private void add(String kind, List<String> oldLines, List<String> newLines) {
    pairs.add(new Pair(name(), kind, bytes(oldLines, false, true), bytes(newLines, false, true)));
  }

  private String name() {
    return String.format("p%04d", pairs.size());
  }

  private static final String[] STATEMENTS = {
    "if (x) {", "}", "return y;", "foo(bar);", "", "} else {", "for (int i = 0; i < n; i++) {",
    "// comment", "x = x + 1;", "break;", "/*", " * doc", " */", "public void run() {",
  };

  /** Code-like lines: indented statements, braces, blank lines, some unique. */
  static List<String> code(SplittableRandom r, int n) {
    List<String> lines = new ArrayList<>(n);
    int depth = 0;
    for (int i = 0; i < n; i++) {
      String s = r.nextInt(4) == 0 ? "value" + r.nextInt(1000) + ";" : STATEMENTS[r.nextInt(STATEMENTS.length)];
      if (s.endsWith("{")) {
        lines.add(indent(r, depth) + s);
        depth = Math.min(depth + 1, 6);
      } else if (s.startsWith("}")) {
        depth = Math.max(depth - 1, 0);
        lines.add(indent(r, depth) + s);
      } else {
        lines.add(s.isEmpty() ? (r.nextInt(10) == 0 ? "  " : "") : indent(r, depth) + s);
      }
    }
    return lines;
  }

  private static String indent(SplittableRandom r, int depth) {
    return (r.nextInt(10) == 0 ? "\t" : "    ").repeat(depth);
  }

  private static List<String> pick(SplittableRandom r, String[] alphabet, int n) {
    List<String> lines = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      lines.add(alphabet[r.nextInt(alphabet.length)]);
    }
    return lines;
  }

  /** {@code edits} random deletions, insertions and replacements of up to {@code maxRun} lines. */
  private static List<String> edit(SplittableRandom r, List<String> base, int edits, int maxRun) {
    return edit(r, base, edits, maxRun, null);
  }

  private static List<String> edit(SplittableRandom r, List<String> base, int edits, int maxRun,
      String[] alphabet) {
    List<String> out = new ArrayList<>(base);
    for (int e = 0; e < edits; e++) {
      int at = r.nextInt(out.size() + 1);
      int run = 1 + r.nextInt(maxRun);
      List<String> fresh = alphabet == null ? code(r, run) : pick(r, alphabet, run);
      switch (r.nextInt(3)) {
        case 0 -> out.subList(at, Math.min(out.size(), at + run)).clear();
        case 1 -> out.addAll(at, fresh);
        default -> {
          out.subList(at, Math.min(out.size(), at + run)).clear();
          out.addAll(at, fresh);
        }
      }
    }
    return out;
  }

  static byte[] bytes(List<String> lines, boolean crlf, boolean finalNewline) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < lines.size(); i++) {
      out.writeBytes(lines.get(i).getBytes(StandardCharsets.UTF_8));
      if (i < lines.size() - 1 || finalNewline) {
        out.writeBytes(crlf ? new byte[] {'\r', '\n'} : new byte[] {'\n'});
      }
    }
    return out.toByteArray();
  }
}
