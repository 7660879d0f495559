package agent.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginManifestTest {
  @TempDir Path plugins;

  private Path plugin(String dir, String json) throws Exception {
    Path d = Files.createDirectories(plugins.resolve(dir));
    Files.writeString(d.resolve("plugin.json"), json);
    return d;
  }

  @Test
  void javaPluginGetsAClasspathWithPlaceholdersSubstituted() throws Exception {
    Path d = plugin("mock", "{\"name\":\"mock\",\"protocol_version\":1,\"java\":{\"main\":\"a.B\","
        + "\"classpath\":[\"${agent_home}/lib/*\",\"${plugin_dir}/lib/*\"],\"jvm_args\":[\"-Xmx64m\"]}}");
    List<String> cmd = PluginManifest.read(d).commandLine(Path.of("/opt/agent"), "/usr/bin/java");
    assertEquals(List.of("/usr/bin/java", "-Xmx64m", "-cp", "/opt/agent/lib/*" + File.pathSeparator + d + "/lib/*", "a.B"), cmd);
  }

  @Test
  void commandPluginInAnyLanguage() throws Exception {
    Path d = plugin("acme", "{\"name\":\"acme\",\"protocol_version\":1,\"command\":[\"${plugin_dir}/acme\",\"serve\"]}");
    assertEquals(List.of(d + "/acme", "serve"), PluginManifest.read(d).commandLine(Path.of("/opt"), "java"));
  }

  @Test
  void badManifestsSayWhatIsWrong() throws Exception {
    Path v = plugin("v2", "{\"name\":\"v\",\"protocol_version\":2,\"command\":[\"x\"]}");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> PluginManifest.read(v)).getMessage().contains("protocol_version 2"));
    Path both = plugin("both", "{\"name\":\"both\",\"protocol_version\":1,\"command\":[\"x\"],\"java\":{\"main\":\"a\"}}");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> PluginManifest.read(both)).getMessage().contains("exactly one"));
    Path name = plugin("name", "{\"name\":\"Bad Name\",\"protocol_version\":1,\"command\":[\"x\"]}");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> PluginManifest.read(name)).getMessage().contains("\"name\""));
  }

  @Test
  void catalogListsGoodPluginsAndReportsBrokenOnes() throws Exception {
    plugin("mock", "{\"name\":\"mock\",\"protocol_version\":1,\"command\":[\"x\"]}");
    plugin("broken", "{not json");
    Files.createDirectories(plugins.resolve("empty"));
    PluginCatalog c = PluginCatalog.discover(Path.of("/opt"), plugins);
    assertEquals(List.of("mock"), c.names());
    assertEquals(1, c.problems().size(), c.problems().toString());
    assertTrue(c.problems().get(0).contains("broken"), c.problems().toString());
  }
}
