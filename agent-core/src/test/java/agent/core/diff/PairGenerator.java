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
    for (int seed = 0; seed < 40; seed++) {
      SplittableRandom r = new SplittableRandom(8000 + seed);
      // Whole blocks rewritten: long runs of unmatched lines around blank lines and braces.
      List<String> base = code(r, 300 + r.nextInt(2000));
      List<String> other = new ArrayList<>(base);
      for (int blocks = 1 + r.nextInt(4); blocks > 0; blocks--) {
        int at = r.nextInt(other.size());
        int len = Math.min(other.size() - at, 20 + r.nextInt(300));
        other.subList(at, at + len).clear();
        other.addAll(at, code(r, 20 + r.nextInt(300)));
      }
      add("block-rewrite", base, other);
    }
    for (int seed = 0; seed < 200; seed++) {
      SplittableRandom r = new SplittableRandom(9000 + seed);
      // Frequent lines amid unique ones, sides of different sizes: the frequent-line limits.
      String[] alphabet = {"", "}", "a", "b"};
      boolean clustered = seed % 4 >= 2;
      List<String> base = mixed(r, alphabet, r.nextInt(clustered ? 400 : 80), clustered);
      add("frequent", base, seed % 2 == 0 ? mixed(r, alphabet, r.nextInt(clustered ? 600 : 120), clustered)
          : edit(r, base, 1 + r.nextInt(10), 8, alphabet));
    }
    for (int seed = 0; seed < 40; seed++) {
      SplittableRandom r = new SplittableRandom(10000 + seed);
      // A slider through a long common tail: where git cuts the tail decides where it stops.
      List<String> period = pick(r, new String[] {"a", "", "  b", "}", "\tc"}, 1 + r.nextInt(4));
      List<String> tail = new ArrayList<>();
      for (int n = 100 + r.nextInt(900); n > 0; n--) {
        tail.addAll(period);
      }
      List<String> head = code(r, r.nextInt(10));
      List<String> oldLines = new ArrayList<>(head);
      oldLines.addAll(tail);
      List<String> newLines = new ArrayList<>(head);
      newLines.addAll(period);
      newLines.addAll(tail);
      add("tail-slide", seed % 2 == 0 ? oldLines : newLines, seed % 2 == 0 ? newLines : oldLines);
    }
    for (int seed = 0; seed < 150; seed++) {
      SplittableRandom r = new SplittableRandom(11000 + seed);
      // Repeated blocks with blank runs and indentation: groups that slide far, to the end of the
      // file, next to many blank lines; what the indent heuristic decides.
      String[] vocabulary = {"", "", "    ", "{", "}", "  x", "\tif (y)", "        z;", "\f", " \u000b w",
          "end", "\r"};
      List<String> period = pick(r, vocabulary, 1 + r.nextInt(8));
      List<String> base = new ArrayList<>(code(r, r.nextInt(10)));
      int repeats = 1 + r.nextInt(seed % 5 == 0 ? 60 : 8);
      for (int i = 0; i < repeats; i++) {
        base.addAll(period);
        if (r.nextInt(4) == 0) {
          base.addAll(pick(r, vocabulary, 1 + r.nextInt(3)));
        }
      }
      if (r.nextBoolean()) {
        base.addAll(code(r, r.nextInt(5)));
      }
      List<String> other = new ArrayList<>(base);
      int at = r.nextInt(other.size() + 1);
      if (r.nextBoolean()) {
        other.addAll(at, period.subList(0, 1 + r.nextInt(period.size())));
      } else {
        other.subList(at, Math.min(other.size(), at + 1 + r.nextInt(period.size()))).clear();
      }
      if (r.nextInt(3) == 0) {
        other = edit(r, other, 1, 2, vocabulary);
      }
      add("sliders", base, other);
    }
    for (int seed = 0; seed < 3; seed++) {
      SplittableRandom r = new SplittableRandom(12000 + seed);
      // Over 65536 lines in all: git's cost limit rises above 256 and its snake heuristic acts.
      String[] alphabet = new String[1500 + 500 * seed];
      for (int i = 0; i < alphabet.length; i++) {
        alphabet[i] = "item " + i;
      }
      List<String> base = pick(r, alphabet, 34000);
      add("huge", base, edit(r, base, 1500 + r.nextInt(1500), 4, alphabet));
    }
    for (int seed = 0; seed < 3; seed++) {
      SplittableRandom r = new SplittableRandom(13000 + seed);
      // Over 65536 lines with many moved blocks: long snakes off the best path, for the snake
      // heuristic to take.
      String[] alphabet = new String[2000 + 1000 * seed];
      for (int i = 0; i < alphabet.length; i++) {
        alphabet[i] = "item " + i;
      }
      List<String> base = pick(r, alphabet, 34000);
      List<String> other = new ArrayList<>(base);
      for (int moves = 800; moves > 0; moves--) {
        int from = r.nextInt(other.size() - 50);
        int len = 15 + r.nextInt(30);
        List<String> block = new ArrayList<>(other.subList(from, from + len));
        other.subList(from, from + len).clear();
        int to = Math.max(0, Math.min(other.size(), from + r.nextInt(600) - 300));
        other.addAll(to, block);
      }
      add("huge-moves", base, edit(r, other, 500, 3, alphabet));
    }
    for (int seed = 0; seed < 150; seed++) {
      SplittableRandom r = new SplittableRandom(14000 + seed);
      // One long run of a short repeated period, with telling context at its top or none (start
      // of file): how far up the indent heuristic looks.
      String[] vocabulary = {"", "x", "  y", "\tz", "}", "    "};
      List<String> period = pick(r, vocabulary, 1 + r.nextInt(3));
      List<String> base = new ArrayList<>(seed % 3 == 0 ? List.of() : pick(r, vocabulary, 1 + r.nextInt(3)));
      for (int n = 10 + r.nextInt(150); n > 0; n -= period.size()) {
        base.addAll(period);
      }
      base.addAll(pick(r, vocabulary, r.nextInt(3)));
      List<String> other = new ArrayList<>(base);
      int at = r.nextInt(other.size() + 1);
      if (r.nextBoolean()) {
        other.addAll(at, period);
      } else {
        other.subList(at, Math.min(other.size(), at + period.size())).clear();
      }
      add("long-sliders", base, other);
    }
    for (int size : new int[] {5, 21, 40, 70, 300}) {
      int limit = LineFilter.limit(size);
      for (int k = Math.max(1, limit - 1); k <= limit + 1; k++) {
        for (int otherSize : new int[] {k + 2, 4 * size + 10}) {
          // A line occurring k times on the other side, amid lines without a match: dropped when k
          // reaches the limit of its own side (git: 1 hunk), else matched (2 hunks).
          List<String> oldLines = new ArrayList<>();
          for (int i = 0; i < size; i++) {
            oldLines.add(i == size / 2 ? "F" : "u" + i);
          }
          List<String> newLines = new ArrayList<>();
          int step = otherSize / k;
          for (int i = 0, f = 0; i < otherSize; i++) {
            boolean isF = f < k && i % step == step / 2;
            newLines.add(isF ? "F" : "v" + i);
            f += isF ? 1 : 0;
          }
          add("frequent-limit", oldLines, newLines);
          add("frequent-limit", newLines, oldLines);
        }
      }
    }
    for (int seed = 0; seed < 60; seed++) {
      SplittableRandom r = new SplittableRandom(15000 + seed);
      // Groups of about 100 lines sliding along a longer run: the heuristic looks at most 100 up.
      String[] vocabulary = {"", "x", "  y", "}", "    "};
      List<String> period = pick(r, vocabulary, 1 + r.nextInt(2));
      List<String> top = seed % 4 == 0 ? List.of() : pick(r, vocabulary, 1 + r.nextInt(3));
      int run = 20 + r.nextInt(150);
      int group = (90 + r.nextInt(40)) / period.size() * period.size();
      List<String> oldLines = new ArrayList<>(top);
      List<String> newLines = new ArrayList<>(top);
      for (int i = 0; i < run; i += period.size()) {
        oldLines.addAll(period);
      }
      for (int i = 0; i < run + group; i += period.size()) {
        newLines.addAll(period);
      }
      List<String> bottom = pick(r, vocabulary, r.nextInt(3));
      oldLines.addAll(bottom);
      newLines.addAll(bottom);
      add("big-sliders", seed % 2 == 0 ? oldLines : newLines, seed % 2 == 0 ? newLines : oldLines);
    }
  }

  /** Lines from {@code alphabet} mixed with unique lines. */
  private static List<String> mixed(SplittableRandom r, String[] alphabet, int n, boolean clustered) {
    List<String> lines = new ArrayList<>(n);
    while (lines.size() < n) {
      boolean unique = r.nextInt(3) == 0;
      for (int run = clustered ? 1 + r.nextInt(40) : 1; run > 0 && lines.size() < n; run--) {
        lines.add(unique ? "unique " + r.nextInt(1_000_000) : alphabet[r.nextInt(alphabet.length)]);
      }
    }
    return lines;
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
