package agent.core.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the git CLI in a test repository with a fixed identity, fixed dates (one minute later for
 * every commit), no user or system configuration, and {@code -c core.autocrlf=false -c
 * diff.renames=true -c core.quotepath=false}.
 */
final class GitCli {
  private final Path dir;
  private final Path home;
  private long clock = 1_700_000_000L;

  GitCli(Path dir) throws IOException {
    this.dir = dir;
    this.home = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-home"));
  }

  static GitCli init(Path dir) throws IOException {
    Files.createDirectories(dir);
    GitCli git = new GitCli(dir);
    git.run("init", "-q", "-b", "main");
    return git;
  }

  Path dir() {
    return dir;
  }

  /** Runs git and returns its stdout as UTF-8; fails on a non-zero exit. */
  String run(String... args) {
    return new String(runBytes(args), StandardCharsets.UTF_8);
  }

  /** Runs git and returns its stdout; fails on a non-zero exit. */
  byte[] runBytes(String... args) {
    Result r = exec(args);
    if (r.exit != 0) {
      throw new AssertionError("git " + String.join(" ", args) + " exited " + r.exit + ": " + r.stderr);
    }
    return r.stdout;
  }

  /** Runs git and returns its exit code, whatever it is. */
  int status(String... args) {
    return exec(args).exit;
  }

  private record Result(int exit, byte[] stdout, String stderr) {}

  private Result exec(String... args) {
    List<String> cmd = new ArrayList<>(List.of("git", "-c", "core.autocrlf=false", "-c", "diff.renames=true", "-c",
        "core.quotepath=false", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    Map<String, String> env = pb.environment();
    env.put("HOME", home.toString());
    env.put("XDG_CONFIG_HOME", home.toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("LC_ALL", "C");
    env.put("GIT_AUTHOR_NAME", "Ada Lovelace");
    env.put("GIT_AUTHOR_EMAIL", "ada@example.com");
    env.put("GIT_COMMITTER_NAME", "Charles Babbage");
    env.put("GIT_COMMITTER_EMAIL", "charles@example.com");
    clock += 60;
    env.put("GIT_AUTHOR_DATE", clock + " +0200");
    env.put("GIT_COMMITTER_DATE", (clock + 30) + " -0530");
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
      byte[] out = readAll(p.getInputStream());
      int exit = p.waitFor();
      return new Result(exit, out, new String(err.join(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      in.transferTo(b);
      return b.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  GitCli write(String path, String content) throws IOException {
    return write(path, content.getBytes(StandardCharsets.UTF_8));
  }

  GitCli write(String path, byte[] content) throws IOException {
    Path p = dir.resolve(path);
    Files.createDirectories(p.getParent());
    Files.write(p, content);
    return this;
  }

  /** {@code git mv}, creating the destination's folder first. */
  GitCli mv(String from, String to) throws IOException {
    Path parent = dir.resolve(to).getParent();
    Files.createDirectories(parent);
    run("mv", from, to);
    return this;
  }

  GitCli delete(String path) throws IOException {
    Files.delete(dir.resolve(path));
    return this;
  }

  /** Stages everything and commits; returns the new commit's sha. */
  String commit(String message) {
    run("add", "-A");
    run("commit", "-q", "--allow-empty", "-m", message);
    return head();
  }

  /**
   * Stages everything and commits with the commit time {@code committerEpoch} (seconds; the author
   * date 30 seconds before), for histories with skewed clocks or equal times; returns the sha. The
   * commands after it go on from there.
   */
  String commitAt(String message, long committerEpoch) {
    run("add", "-A");
    clock = committerEpoch - 30 - 60;
    run("commit", "-q", "--allow-empty", "-m", message);
    return head();
  }

  String head() {
    return run("rev-parse", "HEAD").trim();
  }

  String revParse(String rev) {
    return run("rev-parse", rev).trim();
  }

  /** The oracle: what {@code git log --numstat --first-parent -M --diff-algorithm=myers} says of one commit. */
  List<NumstatLine> numstat(String sha) {
    byte[] out = runBytes("log", "-1", "--numstat", "--first-parent", "-M", "--diff-algorithm=myers", "-z",
        "--format=", sha);
    String s = new String(out, StandardCharsets.UTF_8);
    // Skip the blank line that separates the (empty) header from the stats.
    while (s.startsWith("\n")) {
      s = s.substring(1);
    }
    List<NumstatLine> lines = new ArrayList<>();
    String[] tokens = s.split("\0", -1);
    for (int i = 0; i < tokens.length; i++) {
      String t = tokens[i];
      if (t.isEmpty() || t.equals("\n")) {
        continue;
      }
      String[] parts = t.split("\t", 3);
      boolean binary = parts[0].equals("-");
      int add = binary ? 0 : Integer.parseInt(parts[0]);
      int del = binary ? 0 : Integer.parseInt(parts[1]);
      if (parts[2].isEmpty()) {
        lines.add(new NumstatLine(tokens[i + 2], tokens[i + 1], add, del, binary));
        i += 2;
      } else {
        lines.add(new NumstatLine(parts[2], null, add, del, binary));
      }
    }
    return lines;
  }

  /** One numstat line: {@code from} is the old path of a rename (or copy), else null. */
  record NumstatLine(String path, String from, int additions, int deletions, boolean binary) {
    /** An exported commit's files as the lines {@link #numstat} gives for it. */
    static List<NumstatLine> of(agent.rpcdef.model.sourcecode.Commit c) {
      List<NumstatLine> lines = new ArrayList<>();
      for (agent.rpcdef.model.sourcecode.CommitFile f : c.files()) {
        lines.add(new NumstatLine(f.filename(), f.renamed() ? f.renamedFrom() : null, f.additions(), f.deletions(),
            f.binary()));
      }
      return lines;
    }
  }
}
