package agent.core.log;

import agent.rpcdef.ConfigSpec;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Pattern;

/**
 * Removes known secrets from log text. Secrets are registered as soon as they are read (integration
 * configs, agent config), and every log line the agent writes passes through {@link #redact}.
 * Thread-safe.
 */
public final class Redactor {
  /** Config keys whose string values are secrets. */
  private static final Pattern SECRET_KEY =
      Pattern.compile("(?i).*(token|password|passwd|secret|api_?key|private_?key|credential|authorization).*");

  /** Shorter values would redact ordinary words; no real credential is this short. */
  private static final int MIN_SECRET_LENGTH = 4;

  public static final String MASK = "[REDACTED]";

  private static final Redactor GLOBAL = new Redactor();

  private final Set<String> secrets = new CopyOnWriteArraySet<>();

  /** The process-wide redactor, used by the log appenders. */
  public static Redactor global() {
    return GLOBAL;
  }

  public void add(String secret) {
    if (secret != null && secret.length() >= MIN_SECRET_LENGTH) {
      secrets.add(secret);
    }
  }

  /** Registers every string under a secret-looking key of {@code node}, at any depth. */
  public void addSecretsOf(JsonNode node) {
    if (node == null) {
      return;
    }
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (SECRET_KEY.matcher(e.getKey()).matches() && e.getValue().isTextual()) {
          add(e.getValue().asText());
        } else {
          addSecretsOf(e.getValue());
        }
      }
    } else if (node.isArray()) {
      for (JsonNode e : node) {
        addSecretsOf(e);
      }
    }
  }

  /**
   * Registers the values of the keys {@code spec} declares secret in {@code config}, nested objects
   * included: a secret under a name that does not look secret ({@code "pat"}) is known only this way.
   */
  public void addDeclaredSecrets(JsonNode config, ConfigSpec spec) {
    if (config == null || !config.isObject() || spec == null) {
      return;
    }
    for (ConfigSpec.Key k : spec.keys()) {
      JsonNode v = config.get(k.name());
      if (v == null) {
        continue;
      }
      if (k.secret() && v.isTextual()) {
        add(v.asText());
      } else if (k.nested() != null) {
        addDeclaredSecrets(v, k.nested());
      }
    }
  }

  /** The values registered so far. */
  public Set<String> secrets() {
    return Set.copyOf(secrets);
  }

  public String redact(String text) {
    if (text == null || secrets.isEmpty()) {
      return text;
    }
    String out = text;
    for (String s : secrets) {
      if (out.contains(s)) {
        out = out.replace(s, MASK);
      }
    }
    return out;
  }
}
