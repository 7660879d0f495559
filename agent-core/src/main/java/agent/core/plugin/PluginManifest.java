package agent.core.plugin;

import agent.rpcdef.Json;
import agent.rpcdef.internal.Protocol;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A plugin's {@code plugin.json}: its name and how to start it. Two forms, so that a plugin can be
 * written in any language:
 *
 * <pre>
 * {"name": "mock", "protocol_version": 1,
 *  "java": {"main": "agent.integrations.mock.MockMain", "classpath": ["${agent_home}/lib/*", "${plugin_dir}/lib/*"]}}
 * {"name": "acme", "protocol_version": 1, "command": ["${plugin_dir}/acme-plugin", "--serve"]}
 * </pre>
 *
 * {@code ${agent_home}}, {@code ${plugin_dir}} and {@code ${java}} are substituted when the plugin
 * starts. A java plugin runs on the agent's own JVM, with the JVM options of its manifest.
 */
public record PluginManifest(
    String name, String description, Path dir, List<String> command, JavaLaunch java) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

  /** How to start a plugin written in Java. */
  public record JavaLaunch(String main, List<String> classpath, List<String> jvmArgs) {}

  /** Reads and checks {@code <dir>/plugin.json}; the message says which file and what is wrong. */
  public static PluginManifest read(Path dir) {
    Path file = dir.resolve("plugin.json");
    JsonNode n;
    try {
      n = Json.mapper().readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read plugin manifest " + file + ": " + e.getMessage(), e);
    }
    String where = "plugin manifest " + file;
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException(where + " must be a JSON object");
    }
    String name = n.path("name").asText("");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(where + ": \"name\" must be lowercase letters, digits, '-' or '_', got \"" + name + "\"");
    }
    int version = n.path("protocol_version").asInt(-1);
    if (version != Protocol.APP_PROTOCOL_VERSION) {
      throw new IllegalArgumentException(where + ": protocol_version " + version + " is not supported; this agent speaks "
          + Protocol.APP_PROTOCOL_VERSION);
    }
    List<String> command = strings(n.get("command"), where + ": \"command\"");
    JavaLaunch java = null;
    JsonNode j = n.get("java");
    if (j != null && !j.isNull()) {
      String main = j.path("main").asText("");
      if (main.isEmpty()) {
        throw new IllegalArgumentException(where + ": \"java.main\" is required");
      }
      java = new JavaLaunch(main, strings(j.get("classpath"), where + ": \"java.classpath\""),
          strings(j.get("jvm_args"), where + ": \"java.jvm_args\""));
    }
    if ((java == null) == command.isEmpty()) {
      throw new IllegalArgumentException(where + ": give exactly one of \"command\" or \"java\"");
    }
    return new PluginManifest(name, n.path("description").asText(""), dir, command, java);
  }

  private static List<String> strings(JsonNode n, String what) {
    List<String> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (!n.isArray()) {
      throw new IllegalArgumentException(what + " must be an array of strings");
    }
    for (JsonNode e : n) {
      if (!e.isTextual()) {
        throw new IllegalArgumentException(what + " must be an array of strings");
      }
      out.add(e.asText());
    }
    return out;
  }

  /** The command line that starts the plugin, placeholders substituted. */
  public List<String> commandLine(Path agentHome, String javaExecutable) {
    List<String> out = new ArrayList<>();
    if (java != null) {
      out.add(javaExecutable);
      for (String a : java.jvmArgs()) {
        out.add(substitute(a, agentHome, javaExecutable));
      }
      List<String> cp = new ArrayList<>();
      for (String e : java.classpath()) {
        cp.add(substitute(e, agentHome, javaExecutable));
      }
      out.add("-cp");
      out.add(String.join(File.pathSeparator, cp));
      out.add(java.main());
    } else {
      for (String a : command) {
        out.add(substitute(a, agentHome, javaExecutable));
      }
    }
    return out;
  }

  private String substitute(String s, Path agentHome, String javaExecutable) {
    return s.replace("${agent_home}", agentHome.toString())
        .replace("${plugin_dir}", dir.toString())
        .replace("${java}", javaExecutable);
  }
}
