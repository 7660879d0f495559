package agent.core.plugin;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The class-data sharing (AppCDS) archive of a Java plugin: the plugin's JVM maps the classes it
 * loaded on an earlier start instead of reading, parsing and verifying them again.
 *
 * <p>{@code bin/agent} tells where archives live ({@code -Dagent.cds.dir}, absent when class-data
 * sharing is off) and whether this JVM is the one that makes them ({@code -Dagent.cds.train=true}, the
 * launcher's background training run). The archive's file name carries a hash of everything the JVM
 * checks it against (the java executable and its runtime image, each classpath jar's path, size and
 * modification time, the plugin's JVM options): a changed jar names another file, so a stale archive
 * is never offered to the JVM, which would ignore it with a warning. Archives are only ever made by
 * the training run: dumping one takes seconds at the plugin's exit, and a dump that fails ends the
 * JVM with exit 1, neither of which a user's command should suffer.
 *
 * <p>Nothing here fails a plugin start: an archive that cannot be made or checked is left out, with a
 * debug line.
 */
final class PluginClassData {
  private static final Logger LOG = LoggerFactory.getLogger(PluginClassData.class);
  /** How long a dumping plugin may take to exit after Shutdown: the dump writes tens of MB. */
  static final long DUMP_GRACE_MILLIS = 120_000;

  private final Path dir;
  private final boolean train;

  PluginClassData(Path dir, boolean train) {
    this.dir = dir;
    this.train = train;
  }

  /** From {@code -Dagent.cds.dir} and {@code -Dagent.cds.train}; null when class-data sharing is off. */
  static PluginClassData fromSystemProperties() {
    String d = System.getProperty("agent.cds.dir", "");
    return d.isEmpty() ? null : new PluginClassData(Path.of(d), Boolean.getBoolean("agent.cds.train"));
  }

  /** What one plugin start does with its archive. */
  record Plan(List<String> jvmArgs, Path dumping, Path archive, List<String> verifyCommand) {
    static final Plan NONE = new Plan(List.of(), null, null, List.of());

    boolean isDumping() {
      return dumping != null;
    }
  }

  /**
   * The JVM options that use the plugin's archive, or (in the training run, when there is none yet)
   * make it at the plugin's exit.
   *
   * @param commandLine the plugin's command line without them ({@link PluginManifest#commandLine})
   */
  Plan plan(PluginManifest manifest, List<String> commandLine) {
    if (manifest.java() == null) {
      return Plan.NONE;
    }
    Path archive;
    try {
      archive = dir.resolve("plugin-" + manifest.name() + "-" + key(commandLine) + ".jsa");
    } catch (IOException | RuntimeException e) {
      LOG.debug("no class-data archive for plugin {}: {}", manifest.name(), e.toString());
      return Plan.NONE;
    }
    // JVM warnings go to stdout by default, and a plugin's stdout is the protocol.
    List<String> quiet = List.of("-Xlog:all=off:stdout", "-Xlog:all=warning:stderr");
    if (Files.isReadable(archive)) {
      List<String> args = new ArrayList<>(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto"));
      args.addAll(quiet);
      return new Plan(args, null, archive, List.of());
    }
    if (!train) {
      return Plan.NONE;
    }
    Path tmp = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    try {
      Files.createDirectories(dir);
      Files.deleteIfExists(tmp);
    } catch (IOException e) {
      LOG.debug("cannot make the class-data archive of plugin {} in {}: {}", manifest.name(), dir, e.toString());
      return Plan.NONE;
    }
    if (!Files.isWritable(dir)) {
      LOG.debug("cannot make the class-data archive of plugin {}: {} is not writable", manifest.name(), dir);
      return Plan.NONE;
    }
    List<String> args = new ArrayList<>(List.of("-XX:ArchiveClassesAtExit=" + tmp));
    args.addAll(quiet);
    // The check: the same JVM and classpath, and -Xshare:on, which fails where -Xshare:auto would ignore it.
    List<String> verify = new ArrayList<>();
    verify.add(commandLine.get(0));
    verify.add("-XX:SharedArchiveFile=" + tmp);
    verify.add("-Xshare:on");
    int cp = commandLine.indexOf("-cp");
    verify.add("-cp");
    verify.add(commandLine.get(cp + 1));
    verify.add("-version");
    return new Plan(args, tmp, archive, verify);
  }

  /**
   * After a dumping plugin exited: checks the new archive and moves it in place, or deletes it. A
   * plugin killed before its dump finished leaves a file the check refuses.
   */
  static void finish(Plan plan, String integrationId, int exitCode) {
    if (!plan.isDumping()) {
      return;
    }
    try {
      if (exitCode != 0 || !Files.isRegularFile(plan.dumping())) {
        LOG.debug("integration {}: no class-data archive (plugin exit code {})", integrationId, exitCode);
        return;
      }
      Process check = new ProcessBuilder(plan.verifyCommand()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!check.waitFor(60, TimeUnit.SECONDS)) {
        check.destroyForcibly();
        LOG.debug("integration {}: the check of its class-data archive did not finish", integrationId);
        return;
      }
      if (check.exitValue() != 0) {
        LOG.debug("integration {}: the JVM refuses its new class-data archive; not kept", integrationId);
        return;
      }
      Files.move(plan.dumping(), plan.archive(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      LOG.debug("integration {}: class-data archive {}", integrationId, plan.archive());
      pruneOthers(plan.archive());
    } catch (IOException | RuntimeException e) {
      LOG.debug("integration {}: cannot keep its class-data archive: {}", integrationId, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        Files.deleteIfExists(plan.dumping());
      } catch (IOException ignored) {
        // A leftover temporary file is pruned with the next archive of this plugin.
      }
    }
  }

  /** Deletes this plugin's archives for other jars: after an upgrade nothing uses them any more. */
  private static void pruneOthers(Path archive) throws IOException {
    String name = archive.getFileName().toString();
    String prefix = name.substring(0, name.lastIndexOf('-') + 1);
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(archive.getParent(), prefix + "*")) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        // Same plugin only: "plugin-jira-" must not take "plugin-jira-cloud-...".
        if (!p.equals(archive) && n.substring(prefix.length()).matches("[0-9a-f]{16}\\.jsa(\\.\\d+\\.tmp)?")) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /**
   * A hash of what the JVM checks an archive against: the java executable with its runtime image,
   * the whole command line (JVM options, classpath, main class), and each classpath jar's size and
   * modification time, wildcards expanded as the JVM expands them.
   */
  static String key(List<String> commandLine) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    StringBuilder s = new StringBuilder("cds-1\n");
    for (String a : commandLine) {
      s.append(a).append('\n');
    }
    Path java = Path.of(commandLine.get(0));
    if (java.isAbsolute()) {
      Path home = java.toRealPath().getParent().getParent();
      stamp(s, home.resolve("lib/modules"));
    }
    int cp = commandLine.indexOf("-cp");
    if (cp >= 0) {
      for (String e : commandLine.get(cp + 1).split(File.pathSeparator)) {
        if (e.endsWith("*")) {
          Path d = Path.of(e.substring(0, e.length() - 1));
          if (Files.isDirectory(d)) {
            List<Path> jars = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(d, "*.{jar,JAR}")) {
              ds.forEach(jars::add);
            }
            jars.sort(null);
            for (Path j : jars) {
              stamp(s, j);
            }
          }
        } else {
          stamp(s, Path.of(e));
        }
      }
    }
    byte[] h = md.digest(s.toString().getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(h, 0, 8);
  }

  private static void stamp(StringBuilder s, Path p) throws IOException {
    if (!Files.exists(p)) {
      s.append(p).append(" -\n");
      return;
    }
    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
    s.append(p).append(' ').append(a.size()).append(' ').append(a.lastModifiedTime().to(TimeUnit.SECONDS)).append('\n');
  }
}
