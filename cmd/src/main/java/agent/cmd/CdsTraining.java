package agent.cmd;

import agent.core.plugin.PluginCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The training run of class-data sharing: {@code bin/agent} starts it in the background, under
 * {@code -XX:ArchiveClassesAtExit}, when the host's archive for the installed jars is missing
 * (_docs/operations.md, "Start-up"). It runs the short commands and an empty export as a user would,
 * on the mock integration in a scratch pinpoint root, so that the archive holds the classes they
 * load; {@code -Dagent.cds.train=true} makes the plugins it starts write their own archives too.
 * Every plugin of the catalog is started once, for its Init and ValidateConfig (with an empty config,
 * which fails: the classes are what counts).
 *
 * <p>Not a command: nothing here is for people, and its exit code only says whether to keep the
 * archive.
 */
public final class CdsTraining {
  private CdsTraining() {}

  public static void main(String[] args) throws IOException {
    Path root = Files.createTempDirectory("agent-cds-training");
    try {
      String r = "--pinpoint-root=" + root;
      // The export first: a plugin's archive holds what its first start loaded, and an export loads the most.
      Main.run("export", r, "--progress=off", "--integrations-json",
          "[{\"name\":\"mock\",\"config\":{\"organizations\":0,\"users\":0}}]");
      Main.run("export-onboard-data", r, "--object-type", "users", "--integrations-json",
          "[{\"name\":\"mock\",\"config\":{\"users\":1}}]");
      Main.run("validate-config", r, "--integrations-json", everyPlugin());
      Main.run("version");
      Main.run("help");
      Main.run("service", "status", r);
    } finally {
      deleteTree(root);
    }
    System.exit(0);
  }

  /** One entry per plugin of the catalog, each with an empty config; mock with its defaults. */
  private static String everyPlugin() {
    Path home = AgentHome.resolve();
    StringBuilder json = new StringBuilder("[");
    for (String name : PluginCatalog.discover(home, home.resolve("plugins")).names()) {
      json.append(json.length() > 1 ? "," : "").append("{\"name\":\"").append(name).append("\",\"config\":{}}");
    }
    return json.append(']').toString();
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
