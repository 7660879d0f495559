package agent.core.git;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a {@code git fast-import} stream of the other shape a history export meets: a few large
 * text files (1,000 to 24,000 lines, up to about 900 KB, under the export's 1 MB size limit), each
 * with a long history on one branch. A commit changes one to three of them, in the ways that make
 * git's diff work hardest: a few small hunks (most commits), a block moved elsewhere, a scattered
 * rewrite of about a twentieth of a file's lines (past git's cost limit), lines appended, a region
 * re-indented, and runs of the same line inserted (lines too frequent for the diff's preprocessing).
 * {@link HistoryGenerator} makes the many-small-files, many-branches shape.
 *
 * <p>{@code java ... agent.core.git.LargeFileHistoryGenerator <commits> <seed> | git fast-import}
 */
final class LargeFileHistoryGenerator {
  private static final String[] PATHS = {
    "src/engine/Planner.java", "src/engine/Executor.java", "src/storage/pages.c", "src/storage/btree.c",
    "web/app/main.ts", "web/app/store.ts", "tools/migrate.py", "docs/reference.md", "api/v1/schema.sql",
    "config/defaults.yaml", "src/net/server.go", "CHANGELOG.md"
  };
  private static final String[] WORDS = {
    "value", "index", "count", "buffer", "result", "node", "entry", "offset", "length", "table",
    "cursor", "page", "key", "state", "item", "limit", "queue", "token", "frame", "cache"
  };
  private static final String[] FREQUENT = {"", "}", "  }", "    return;", "// ---", "    break;"};

  private final Random random;
  private final OutputStream out;
  private final List<List<String>> files = new ArrayList<>();
  private long time = 1_500_000_000L;
  private int lineNo;

  LargeFileHistoryGenerator(long seed, OutputStream out) {
    this.random = new Random(seed);
    this.out = new BufferedOutputStream(out, 1 << 16);
  }

  public static void main(String[] args) throws IOException {
    int commits = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
    new LargeFileHistoryGenerator(seed, System.out).generate(commits);
  }

  /** Writes {@code commits} commits on {@code main} and flushes. */
  void generate(int commits) throws IOException {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < PATHS.length; i++) {
      List<String> lines = new ArrayList<>();
      int size = 1_000 + random.nextInt(23_000);
      for (int j = 0; j < size; j++) {
        lines.add(line());
      }
      files.add(lines);
      all.add(i);
    }
    commit(1, all, "initial import");
    for (int n = 2; n <= commits; n++) {
      int roll = random.nextInt(100);
      int touched = roll < 70 ? 1 : roll < 95 ? 2 : 3;
      List<Integer> changed = new ArrayList<>();
      while (changed.size() < touched) {
        int f = random.nextInt(PATHS.length);
        if (!changed.contains(f)) {
          changed.add(f);
          edit(files.get(f));
        }
      }
      commit(n, changed, "change " + n);
    }
    out.write("done\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private void edit(List<String> lines) {
    int roll = random.nextInt(100);
    if (roll < 55) {
      for (int h = 1 + random.nextInt(6); h > 0; h--) {
        int at = random.nextInt(lines.size() + 1);
        int remove = Math.min(random.nextInt(12), lines.size() - at);
        for (int i = 0; i < remove; i++) {
          lines.remove(at);
        }
        for (int i = random.nextInt(12); i > 0; i--) {
          lines.add(at, line());
        }
      }
    } else if (roll < 70) {
      // A block moved elsewhere.
      int len = Math.min(20 + random.nextInt(180), lines.size() / 2);
      int from = random.nextInt(lines.size() - len + 1);
      List<String> block = new ArrayList<>(lines.subList(from, from + len));
      lines.subList(from, from + len).clear();
      lines.addAll(random.nextInt(lines.size() + 1), block);
    } else if (roll < 80) {
      // A scattered rewrite: many small changes all over the file.
      for (int i = lines.size() / 20; i > 0; i--) {
        lines.set(random.nextInt(lines.size()), line());
      }
    } else if (roll < 90) {
      for (int i = 50 + random.nextInt(450); i > 0; i--) {
        lines.add(line());
      }
    } else if (roll < 95) {
      // A region re-indented.
      int len = Math.min(100 + random.nextInt(900), lines.size());
      int from = random.nextInt(lines.size() - len + 1);
      boolean deeper = random.nextBoolean();
      for (int i = from; i < from + len; i++) {
        String l = lines.get(i);
        lines.set(i, deeper ? "  " + l : l.startsWith("  ") ? l.substring(2) : l);
      }
    } else {
      // A run of lines that occur everywhere in the file.
      int at = random.nextInt(lines.size() + 1);
      String same = FREQUENT[random.nextInt(FREQUENT.length)];
      for (int i = 20 + random.nextInt(200); i > 0; i--) {
        lines.add(at, same);
      }
    }
    // Files stay under the export's 1 MB limit: a file that grew too much loses its tail.
    while (lines.size() > 24_000) {
      lines.remove(lines.size() - 1);
    }
  }

  private String line() {
    if (random.nextInt(6) == 0) {
      return FREQUENT[random.nextInt(FREQUENT.length)];
    }
    StringBuilder b = new StringBuilder();
    b.append("    ".repeat(1 + random.nextInt(3)));
    b.append(WORDS[random.nextInt(WORDS.length)]).append('_').append(lineNo++ % 5_000).append(" = ");
    b.append(WORDS[random.nextInt(WORDS.length)]).append('(').append(random.nextInt(1_000)).append(");");
    return b.toString();
  }

  private void commit(int mark, List<Integer> changed, String message) throws IOException {
    time += 60 + random.nextInt(7_200);
    StringBuilder head = new StringBuilder();
    head.append("commit refs/heads/main\nmark :").append(mark).append('\n');
    String who = "Dev " + (1 + random.nextInt(7)) + " <dev" + random.nextInt(7) + "@example.com> " + time + " +0000\n";
    head.append("author ").append(who).append("committer ").append(who);
    byte[] msg = message.getBytes(StandardCharsets.UTF_8);
    head.append("data ").append(msg.length).append('\n').append(message).append('\n');
    if (mark > 1) {
      head.append("from :").append(mark - 1).append('\n');
    }
    out.write(head.toString().getBytes(StandardCharsets.UTF_8));
    for (int f : changed) {
      byte[] content = (String.join("\n", files.get(f)) + "\n").getBytes(StandardCharsets.UTF_8);
      out.write(("M 100644 inline " + PATHS[f] + "\ndata " + content.length + "\n").getBytes(StandardCharsets.UTF_8));
      out.write(content);
      out.write('\n');
    }
    out.write('\n');
  }
}
