package agent.cmd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Class-data sharing archives (_docs/operations.md, "Start-up"): {@code bin/agent} has them made by its
 * background training run, the host and the plugin map them on the next start, and a changed jar gets
 * a new archive instead of a stale one the JVM would refuse. On a copy of the distribution, with its
 * own archive folder ({@code AGENT_CDS_DIR}), so that changing a jar touches no other test.
 */
class ClassDataSharingIT {
  static final Duration TIMEOUT = Duration.ofMinutes(2);
  /** The training run starts every plugin and writes seven archives, at low priority. */
  static final Duration TRAINING = Duration.ofMinutes(8);
  static final String MOCK = "[{\"name\":\"mock\",\"config\":{}}]";

  @TempDir Path tmp;

  @Test
  void archivesAreMadeUsedAndRemadeWhenAJarChanges() throws Exception {
    Path home = copyOfDist();
    Path cds = tmp.resolve("cds");
    Map<String, String> env = Map.of("AGENT_CDS_DIR", cds.toString());

    Result first = run(home, env, "version");
    assertEquals(0, first.exit, first.all());
    Path hostArchive = awaitArchive(cds, "host-");
    Path pluginArchive = awaitArchive(cds, "plugin-mock-");

    Result used = validateWithClassLog(home, env, "used");
    assertMapped(used, "agent.cmd.Main", "the host");
    assertMapped(used, "agent.integrations.mock.MockMain", "the mock plugin");

    // A jar both the host and the plugins load, changed as an upgrade changes it: other bytes, another time.
    Path jar;
    try (Stream<Path> s = Files.list(home.resolve("lib"))) {
      jar = s.filter(p -> p.getFileName().toString().startsWith("rpcdef-")).findFirst().orElseThrow();
    }
    try (java.nio.file.FileSystem zip = java.nio.file.FileSystems.newFileSystem(jar)) {
      Files.writeString(zip.getPath("cds-it.txt"), "a changed jar");
    }
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));

    Result stale = run(home, env, "version");
    assertEquals(0, stale.exit, stale.all());
    // The JVM was not handed the archive of the old jar: it would have said so on stderr.
    assertFalse(stale.all().contains("Unable to use shared archive"), stale.all());
    Path newHost = awaitArchive(cds, "host-", hostArchive);
    Path newPlugin = awaitArchive(cds, "plugin-mock-", pluginArchive);
    assertNotEquals(hostArchive, newHost);
    assertNotEquals(pluginArchive, newPlugin);
    assertFalse(Files.exists(hostArchive), "the old host archive is pruned");
    assertFalse(Files.exists(pluginArchive), "the old plugin archive is pruned");

    Result again = validateWithClassLog(home, env, "again");
    assertMapped(again, "agent.cmd.Main", "the host, after the change");
    assertMapped(again, "agent.integrations.mock.MockMain", "the mock plugin, after the change");
  }

  @Test
  void aFolderThatCannotBeWrittenLeavesCommandsAsTheyWere() throws Exception {
    // Below a regular file no folder can be made, whoever runs the test (root ignores permissions).
    Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
    Map<String, String> env = Map.of("AGENT_CDS_DIR", file.resolve("cds").toString());
    Result r = run(Dist.home(), env, "validate-config", "--pinpoint-root=" + tmp.resolve("root"), "--log-level=debug",
        "--integrations-json", MOCK);
    assertEquals(0, r.exit, r.all());
    assertTrue(r.stdout.contains("valid (account mock-user)"), r.all());
    assertTrue(r.all().contains("class-data sharing: off"), r.all());
    assertFalse(r.all().contains("cds]"), "no JVM message about archives: " + r.all());

    Result off = run(Dist.home(), Map.of("AGENT_CDS", "off"), "validate-config", "--pinpoint-root=" + tmp.resolve("root"),
        "--log-level=debug", "--integrations-json", MOCK);
    assertEquals(0, off.exit, off.all());
    assertTrue(off.all().contains("class-data sharing: off: AGENT_CDS=off"), off.all());
  }

  /** validate-config of the mock, every JVM logging where its classes came from into {@code <tmp>/<tag>-<pid>.txt}. */
  private Result validateWithClassLog(Path home, Map<String, String> env, String tag) throws Exception {
    Map<String, String> e = new HashMap<>(env);
    e.put("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + tmp.resolve(tag + "-%p.txt"));
    Result r = run(home, e, "validate-config", "--pinpoint-root=" + tmp.resolve("root"), "--integrations-json", MOCK);
    assertEquals(0, r.exit, r.all());
    assertTrue(r.stdout.contains("valid (account mock-user)"), r.all());
    List<String> logs = new ArrayList<>();
    try (Stream<Path> s = Files.list(tmp)) {
      for (Path p : s.filter(p -> p.getFileName().toString().startsWith(tag + "-")).toList()) {
        logs.add(Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    return new Result(r.exit, r.stdout, r.stderr, logs);
  }

  /** The class was loaded from the dynamic archive ("top" layer), not from its jar. */
  private static void assertMapped(Result r, String mainClass, String who) {
    String line = r.classLogs.stream().flatMap(String::lines).filter(l -> l.contains(" " + mainClass + " source:"))
        .findFirst().orElseThrow(() -> new AssertionError("no class log of " + who));
    assertTrue(line.contains("source: shared objects file (top)"), who + " did not map its archive: " + line);
  }

  /** Waits for the training run to leave an archive named {@code prefix...jsa} other than {@code not}. */
  private static Path awaitArchive(Path cds, String prefix, Path... not) throws Exception {
    long end = System.nanoTime() + TRAINING.toNanos();
    while (System.nanoTime() < end) {
      Optional<Path> found = Optional.empty();
      boolean training;
      if (Files.isDirectory(cds)) {
        try (Stream<Path> s = Files.list(cds)) {
          List<Path> all = s.toList();
          training = all.stream().anyMatch(p -> p.getFileName().toString().endsWith(".lock"));
          found = all.stream().filter(p -> p.getFileName().toString().startsWith(prefix)
              && p.getFileName().toString().endsWith(".jsa") && !List.of(not).contains(p)).findFirst();
        }
      } else {
        training = true;
      }
      if (found.isPresent() && !training) {
        return found.get();
      }
      Thread.sleep(500);
    }
    throw new AssertionError("no " + prefix + "archive in " + cds + " after " + TRAINING + "; training log:\n" + trainingLog(cds));
  }

  private static String trainingLog(Path cds) throws IOException {
    StringBuilder b = new StringBuilder();
    if (Files.isDirectory(cds)) {
      try (Stream<Path> s = Files.list(cds)) {
        for (Path p : s.filter(p -> p.toString().endsWith(".log")).toList()) {
          b.append(p).append(":\n").append(Files.readString(p));
        }
      }
    }
    return b.toString();
  }

  /** A copy of the distribution, without the archives other tests' runs made in it. */
  private Path copyOfDist() throws IOException {
    Path from = Dist.home();
    Path to = tmp.resolve("agent");
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.filter(p -> !p.startsWith(from.resolve("cds"))).toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    return to;
  }

  record Result(int exit, String stdout, String stderr, List<String> classLogs) {
    String all() {
      return stdout + "\n--- stderr ---\n" + stderr;
    }
  }

  private static Result run(Path home, Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(home.resolve("bin/agent").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    // The other ITs run with AGENT_CDS=off (see cmd/pom.xml); this one is about the archives.
    pb.environment().put("AGENT_CDS", "on");
    pb.environment().putAll(env);
    Path out = Files.createTempFile("cds-it", ".out");
    Path err = Files.createTempFile("cds-it", ".err");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError("agent " + String.join(" ", args) + " did not finish within " + TIMEOUT);
    }
    try {
      return new Result(p.exitValue(), Files.readString(out), Files.readString(err), List.of());
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
