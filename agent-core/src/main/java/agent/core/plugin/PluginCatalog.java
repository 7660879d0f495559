package agent.core.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The plugins an agent can start: every folder under the plugins directory that holds a {@code
 * plugin.json}. Dropping a folder in is how a plugin is installed.
 */
public final class PluginCatalog {
  private final Path agentHome;
  private final Map<String, PluginManifest> byName;
  private final List<String> problems;

  private PluginCatalog(Path agentHome, Map<String, PluginManifest> byName, List<String> problems) {
    this.agentHome = agentHome;
    this.byName = byName;
    this.problems = problems;
  }

  /**
   * Reads {@code pluginsDir/*}/plugin.json. A broken manifest does not hide the others: it is listed
   * in {@link #problems()}.
   */
  public static PluginCatalog discover(Path agentHome, Path pluginsDir) {
    Map<String, PluginManifest> found = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    if (Files.isDirectory(pluginsDir)) {
      try (Stream<Path> dirs = Files.list(pluginsDir)) {
        for (Path d : dirs.sorted().toList()) {
          if (!Files.isRegularFile(d.resolve("plugin.json"))) {
            continue;
          }
          try {
            PluginManifest m = PluginManifest.read(d);
            PluginManifest before = found.putIfAbsent(m.name(), m);
            if (before != null) {
              problems.add("plugin \"" + m.name() + "\" is defined twice: " + before.dir() + " and " + d);
            }
          } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
          }
        }
      } catch (IOException e) {
        problems.add("cannot list plugins in " + pluginsDir + ": " + e.getMessage());
      }
    } else {
      problems.add("plugins directory " + pluginsDir + " does not exist");
    }
    return new PluginCatalog(agentHome, Collections.unmodifiableMap(found), List.copyOf(problems));
  }

  public Optional<PluginManifest> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** Names of the plugins found, sorted. */
  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  /** Manifests that could not be used, in words. */
  public List<String> problems() {
    return problems;
  }

  public Path agentHome() {
    return agentHome;
  }
}
