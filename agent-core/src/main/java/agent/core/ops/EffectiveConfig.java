package agent.core.ops;

import agent.core.config.Enrollment;
import agent.core.config.InputException;
import agent.core.log.Redactor;
import agent.rpcdef.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code agent config show}: every setting the agent would use on a root, each with where it came from
 * ({@code config.json}, the environment, a flag, a default), secrets masked: the API key always, a
 * proxy's password always.
 */
public final class EffectiveConfig {
  /** The environment variables the agent reads or hands on. */
  public static final List<String> VARIABLES = List.of("AGENT_BACKEND_URL", "HTTPS_PROXY", "https_proxy", "HTTP_PROXY",
      "http_proxy", "NO_PROXY", "no_proxy", "AGENT_CA_FILE", "AGENT_JAVA_OPTS", "JAVA_HOME");

  /** One setting: its name, its value as printed, and its source. */
  public record Setting(String key, String value, String source) {}

  private EffectiveConfig() {}

  /**
   * @param rootSource {@code --pinpoint-root} or {@code default}
   * @param flags settings given as flags (name to value), already checked; may be empty
   */
  public static List<Setting> of(Path root, String rootSource, Map<String, String> flags, Map<String, String> env) {
    List<Setting> out = new ArrayList<>();
    out.add(new Setting("pinpoint_root", root.toString(), rootSource));
    Optional<Enrollment> e = Optional.empty();
    try {
      e = Enrollment.read(root);
      if (e.isEmpty()) {
        out.add(new Setting("enrolled", "no", "no " + Enrollment.file(root)));
      }
    } catch (InputException broken) {
      out.add(new Setting("enrolled", "config.json unusable: " + broken.getMessage(), "config.json"));
    }
    e.ifPresent(x -> {
      out.add(new Setting("backend_url", x.backendUrl(), "config.json"));
      out.add(new Setting("customer_id", x.customerId(), "config.json"));
      out.add(new Setting("device_id", x.deviceId(), "config.json"));
      out.add(new Setting("api_key", Redactor.MASK, "config.json"));
      out.add(new Setting("channel", x.channel(), "config.json"));
      out.add(new Setting("enrolled", x.enrolled(), "config.json"));
      if (x.caFile() != null) {
        out.add(new Setting("ca_file", x.caFile(), "config.json"));
      }
    });
    flags.forEach((k, v) -> out.add(new Setting(k, k.contains("proxy") ? EffectiveProxy.withoutPassword(v) : v, "flag")));
    for (String v : VARIABLES) {
      String val = env.get(v);
      if (val != null && !val.isBlank()) {
        out.add(new Setting(v, v.toUpperCase(java.util.Locale.ROOT).endsWith("PROXY") && !v.equalsIgnoreCase("NO_PROXY")
            ? EffectiveProxy.withoutPassword(val) : val, "environment"));
      }
    }
    EffectiveProxy p = EffectiveProxy.of(e.map(Enrollment::proxy).orElse(flags.get("proxy")), env);
    out.add(new Setting("proxy (in use)", p.display(), p.url() == null ? "none"
        : p.source().equals("config.json") && e.map(Enrollment::proxy).isEmpty() ? "flag" : p.source()));
    String ca = e.map(Enrollment::caFile).orElse(flags.get("ca_file"));
    String caSource = ca != null ? (e.map(Enrollment::caFile).isPresent() ? "config.json" : "flag") : null;
    if (ca == null && env.get("AGENT_CA_FILE") != null) {
      ca = env.get("AGENT_CA_FILE");
      caSource = "environment";
    }
    out.add(new Setting("ca_file (in use)", ca == null ? "none (the JDK's trust store only)" : ca,
        caSource == null ? "default" : caSource));
    return out;
  }

  public static List<String> lines(List<Setting> settings) {
    int w = settings.stream().mapToInt(s -> s.key().length()).max().orElse(10);
    return settings.stream().map(s -> String.format("%-" + w + "s  %s  (%s)", s.key(), s.value(), s.source())).toList();
  }

  public static ObjectNode json(List<Setting> settings) {
    ObjectNode n = Json.mapper().createObjectNode();
    var a = n.putArray("settings");
    settings.forEach(s -> a.addObject().put("key", s.key()).put("value", s.value()).put("source", s.source()));
    return n;
  }
}
