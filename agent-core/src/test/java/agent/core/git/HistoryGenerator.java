package agent.core.git;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes a {@code git fast-import} stream of a deterministic, seeded history: text files edited in
 * small hunks and now and then rewritten wholesale, files added, removed and renamed (with and
 * without edits), binaries, files turning binary and back, empty commits, and a few branches at a
 * time that fork from main and get merged back with merge commits; most merged branches are deleted,
 * some linger, some keep going after their merge.
 *
 * <p>{@code java ... agent.core.git.HistoryGenerator <commits> <seed> | git fast-import}
 */
final class HistoryGenerator {
  private static final String[] DIRS = {"src/main", "src/test", "lib", "docs", "web/app", "tools", "api/v1"};
  private static final String[] EXTENSIONS = {".java", ".go", ".py", ".ts", ".md", ".txt", ".json"};

  private final Random random;
  private final OutputStream out;
  private long time = 1_600_000_000L;
  private int marks;
  private int fileNo;

  private static final class BranchState {
    final String name;
    final Map<String, byte[]> files;
    final Set<String> changed = new HashSet<>();
    int tip;

    BranchState(String name, Map<String, byte[]> files, int tip) {
      this.name = name;
      this.files = files;
      this.tip = tip;
    }
  }

  HistoryGenerator(long seed, OutputStream out) {
    this.random = new Random(seed);
    this.out = new BufferedOutputStream(out, 1 << 16);
  }

  /**
   * A repository in {@code tmp/repo} holding the history of {@code seed} with about {@code commits}
   * commits, imported with {@code git fast-import}.
   */
  static GitCli repository(java.nio.file.Path tmp, long seed, int commits) throws IOException, InterruptedException {
    GitCli git = GitCli.init(tmp.resolve("repo"));
    java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
    new HistoryGenerator(seed, stream).generate(commits);
    java.nio.file.Path in = tmp.resolve("stream");
    java.nio.file.Files.write(in, stream.toByteArray());
    Process p = new ProcessBuilder("git", "fast-import", "--quiet").directory(git.dir().toFile())
        .redirectInput(in.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new AssertionError("git fast-import failed: " + output);
    }
    return git;
  }

  public static void main(String[] args) throws IOException {
    int commits = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
    new HistoryGenerator(seed, System.out).generate(commits);
  }

  /** Writes about {@code commits} commits (merges included) and flushes. */
  void generate(int commits) throws IOException {
    BranchState main = new BranchState("main", new TreeMap<>(), 0);
    Map<String, byte[]> initial = new TreeMap<>();
    for (int i = 0; i < 40; i++) {
      initial.put(newPath(), text(20 + random.nextInt(200)));
    }
    commit(main, initial, List.of(), null, "initial import");
    List<BranchState> open = new ArrayList<>();
    int branchNo = 0;
    for (int n = 1; n < commits; ) {
      int roll = random.nextInt(100);
      if (roll < 3 && open.size() < 4) {
        open.add(new BranchState("topic-" + (++branchNo), new TreeMap<>(main.files), main.tip));
        continue;
      }
      if (roll < 7 && !open.isEmpty()) {
        BranchState b = open.get(random.nextInt(open.size()));
        Map<String, byte[]> put = new TreeMap<>();
        List<String> removed = new ArrayList<>();
        for (String path : b.changed) {
          if (b.files.containsKey(path)) {
            put.put(path, b.files.get(path));
          } else if (main.files.containsKey(path)) {
            removed.add(path);
          }
        }
        // A merge that also resolves something by hand now and then.
        if (random.nextInt(3) == 0 && !main.files.isEmpty()) {
          String path = pick(main.files);
          if (!isBinary(main.files.get(path))) {
            put.put(path, edit(put.getOrDefault(path, main.files.get(path))));
          }
        }
        commit(main, put, removed, b, "Merge branch '" + b.name + "'");
        n++;
        if (random.nextInt(10) < 7) {
          open.remove(b);
          // Most merged branches get deleted, as on a real remote; some linger.
          if (random.nextInt(10) < 8) {
            out.write(("reset refs/heads/" + b.name + "\nfrom 0000000000000000000000000000000000000000\n\n")
                .getBytes(StandardCharsets.US_ASCII));
          }
        } else {
          b.changed.clear();
          b.files.clear();
          b.files.putAll(main.files);
          b.tip = main.tip;
        }
        continue;
      }
      BranchState target = open.isEmpty() || random.nextInt(10) < 6 ? main : open.get(random.nextInt(open.size()));
      Map<String, byte[]> put = new TreeMap<>();
      List<String> removed = new ArrayList<>();
      if (random.nextInt(50) != 0) {
        int ops = 1 + random.nextInt(4);
        for (int i = 0; i < ops; i++) {
          change(target, put, removed);
        }
      }
      commit(target, put, removed, null, "change " + n + " on " + target.name);
      n++;
    }
    out.write("done\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private void change(BranchState b, Map<String, byte[]> put, List<String> removed) {
    Map<String, byte[]> view = new TreeMap<>(b.files);
    view.putAll(put);
    removed.forEach(view::remove);
    int roll = random.nextInt(100);
    if (view.size() < 5 || roll < 12) {
      put.put(newPath(), random.nextInt(20) == 0 ? binary(500 + random.nextInt(5000)) : text(5 + random.nextInt(150)));
    } else if (roll < 20) {
      String path = pick(view);
      put.remove(path);
      removed.add(path);
    } else if (roll < 28) {
      String from = pick(view);
      byte[] content = view.get(from);
      put.remove(from);
      removed.add(from);
      String to = random.nextBoolean() ? newPath() : sameName(from);
      put.put(to, random.nextBoolean() || isBinary(content) ? content : edit(content));
    } else if (roll < 31) {
      String path = pick(view);
      byte[] content = view.get(path);
      put.put(path, isBinary(content) ? text(30) : withNul(content));
    } else {
      String path = pick(view);
      byte[] content = view.get(path);
      put.put(path, isBinary(content) ? binary(content.length + random.nextInt(100)) : edit(content));
    }
  }

  private void commit(BranchState b, Map<String, byte[]> put, List<String> removed, BranchState merged, String msg)
      throws IOException {
    int mark = ++marks;
    time += 60 + random.nextInt(3600);
    StringBuilder h = new StringBuilder();
    h.append("commit refs/heads/").append(b.name).append('\n');
    h.append("mark :").append(mark).append('\n');
    int offset = (random.nextInt(25) - 12) * 60;
    String tz = String.format("%s%02d%02d", offset < 0 ? "-" : "+", Math.abs(offset) / 60, 0);
    h.append("author Dev ").append(random.nextInt(9)).append(" <dev").append(random.nextInt(9))
        .append("@example.com> ").append(time).append(' ').append(tz).append('\n');
    h.append("committer Bot <bot@example.com> ").append(time + 5).append(" +0000\n");
    byte[] m = (msg + "\n").getBytes(StandardCharsets.UTF_8);
    h.append("data ").append(m.length).append('\n');
    out.write(h.toString().getBytes(StandardCharsets.UTF_8));
    out.write(m);
    StringBuilder p = new StringBuilder();
    if (b.tip != 0) {
      p.append("from :").append(b.tip).append('\n');
    }
    if (merged != null) {
      p.append("merge :").append(merged.tip).append('\n');
    }
    for (String path : removed) {
      p.append("D ").append(path).append('\n');
      b.files.remove(path);
      b.changed.add(path);
    }
    out.write(p.toString().getBytes(StandardCharsets.UTF_8));
    for (Map.Entry<String, byte[]> e : put.entrySet()) {
      out.write(("M 100644 inline " + e.getKey() + "\ndata " + e.getValue().length + "\n")
          .getBytes(StandardCharsets.UTF_8));
      out.write(e.getValue());
      out.write('\n');
      b.files.put(e.getKey(), e.getValue());
      b.changed.add(e.getKey());
    }
    out.write('\n');
    b.tip = mark;
  }

  private String pick(Map<String, byte[]> files) {
    int i = random.nextInt(files.size());
    for (String k : files.keySet()) {
      if (i-- == 0) {
        return k;
      }
    }
    throw new IllegalStateException();
  }

  private String newPath() {
    return DIRS[random.nextInt(DIRS.length)] + "/file" + (++fileNo) + EXTENSIONS[random.nextInt(EXTENSIONS.length)];
  }

  private String sameName(String path) {
    return DIRS[random.nextInt(DIRS.length)] + "/moved" + (++fileNo) + "/" + path.substring(path.lastIndexOf('/') + 1);
  }

  private byte[] text(int lines) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      b.append(line()).append('\n');
    }
    if (random.nextInt(10) == 0 && b.length() > 0) {
      b.setLength(b.length() - 1);
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private String line() {
    int r = random.nextInt(10);
    if (r == 0) {
      return "";
    }
    if (r == 1) {
      return "}";
    }
    return "  statement" + random.nextInt(r < 5 ? 20 : 5000) + "(x, y);";
  }

  private byte[] edit(byte[] content) {
    List<String> lines = new ArrayList<>(List.of(new String(content, StandardCharsets.UTF_8).split("\n", -1)));
    if (random.nextInt(30) == 0) {
      // A wholesale rewrite: far past the edit cost where git's xdiff starts to cut corners.
      for (int i = 0; i < lines.size(); i++) {
        if (random.nextInt(10) < 6) {
          lines.set(i, line());
        }
      }
      for (int i = 0; i < 300; i++) {
        lines.add(random.nextInt(lines.size() + 1), line());
      }
    } else {
      int hunks = 1 + random.nextInt(3);
      for (int h = 0; h < hunks; h++) {
        int at = random.nextInt(lines.size() + 1);
        int del = Math.min(random.nextInt(4), lines.size() - at);
        for (int i = 0; i < del; i++) {
          lines.remove(at);
        }
        int add = random.nextInt(5);
        for (int i = 0; i < add; i++) {
          lines.add(at, line());
        }
      }
    }
    return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
  }

  private byte[] binary(int size) {
    byte[] b = new byte[size];
    random.nextBytes(b);
    b[random.nextInt(Math.min(size, 8000))] = 0;
    return b;
  }

  private static byte[] withNul(byte[] content) {
    byte[] b = java.util.Arrays.copyOf(content, content.length + 2);
    b[b.length - 2] = 0;
    b[b.length - 1] = '\n';
    // Within git's first 8000 bytes only if the file is small; put one up front to be sure.
    if (b.length > 1) {
      b[0] = 0;
    }
    return b;
  }

  private static boolean isBinary(byte[] content) {
    for (int i = 0; i < Math.min(content.length, 8000); i++) {
      if (content[i] == 0) {
        return true;
      }
    }
    return false;
  }
}
