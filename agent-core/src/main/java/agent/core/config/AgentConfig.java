package agent.core.config;

import agent.rpcdef.internal.net.Network;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The agent-level settings of a command: {@code {"customer_id": "...", "integration_timeout_seconds":
 * 43200, "proxy": "http://proxy.corp:3128", "ca_file": "/etc/ssl/corp-ca.pem", "export_retention_count": 10,
 * "export_retention_days": 14}}. Unknown keys are errors, so that a typo does not silently keep a default.
 *
 * @param customerId part of every exported object's id
 * @param integrationTimeout how long one integration may run in an export
 * @param proxy the HTTP(S) proxy for the agent and its plugins, or null for {@code HTTPS_PROXY}
 * @param caFile a PEM file of extra certificate authorities to trust, or null
 * @param retentionCount local exports kept whatever their age, the one starting included (at least 1)
 * @param retentionDays local exports younger than this many days are kept whatever their number
 */
public record AgentConfig(String customerId, Duration integrationTimeout, String proxy, Path caFile, int retentionCount,
    int retentionDays) {
  public static final String DEFAULT_CUSTOMER_ID = "local";
  public static final Duration DEFAULT_INTEGRATION_TIMEOUT = Duration.ofHours(12);
  public static final int DEFAULT_RETENTION_COUNT = 10;
  public static final int DEFAULT_RETENTION_DAYS = 14;
  private static final Set<String> KEYS = Set.of("customer_id", "integration_timeout_seconds", "proxy", "ca_file",
      "export_retention_count", "export_retention_days");

  public static AgentConfig defaults() {
    return new AgentConfig(DEFAULT_CUSTOMER_ID, DEFAULT_INTEGRATION_TIMEOUT, null, null, DEFAULT_RETENTION_COUNT,
        DEFAULT_RETENTION_DAYS);
  }

  public static AgentConfig parseFile(Path file) {
    return parse(JsonInput.read(file, "--agent-config-file"), "--agent-config-file " + file);
  }

  public static AgentConfig parse(String json, String source) {
    JsonNode n = JsonInput.parse(json, source);
    if (!n.isObject()) {
      throw new InputException(source + " must be a JSON object like {\"customer_id\": \"acme\"}");
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!KEYS.contains(k)) {
        throw new InputException(source + ": unknown key \"" + k + "\"; known keys: customer_id, integration_timeout_seconds, proxy, ca_file,"
            + " export_retention_count, export_retention_days");
      }
    }
    String customer = DEFAULT_CUSTOMER_ID;
    JsonNode c = n.get("customer_id");
    if (c != null && !c.isNull()) {
      if (!c.isTextual() || c.asText().isBlank()) {
        throw new InputException(source + ": \"customer_id\" must be a non-empty string");
      }
      customer = CustomerIds.check(source + " \"customer_id\"", c.asText());
    }
    Duration timeout = DEFAULT_INTEGRATION_TIMEOUT;
    JsonNode t = n.get("integration_timeout_seconds");
    if (t != null && !t.isNull()) {
      if (!t.isIntegralNumber() || t.asLong() <= 0) {
        throw new InputException(source + ": \"integration_timeout_seconds\" must be a positive whole number of seconds");
      }
      timeout = Duration.ofSeconds(t.asLong());
    }
    String proxy = null;
    JsonNode p = n.get("proxy");
    if (p != null && !p.isNull()) {
      try {
        Network.proxySelector(Map.of("HTTPS_PROXY", p.asText()));
      } catch (IllegalArgumentException e) {
        throw new InputException(source + ": \"proxy\": " + e.getMessage());
      }
      proxy = p.asText();
    }
    Path caFile = null;
    JsonNode ca = n.get("ca_file");
    if (ca != null && !ca.isNull()) {
      caFile = Path.of(ca.asText());
      try {
        Network.trustManager(caFile); // reads and checks the file
      } catch (IllegalArgumentException e) {
        throw new InputException(source + ": \"ca_file\": " + e.getMessage());
      }
    }
    int keepCount = wholeNumber(n, "export_retention_count", 1, DEFAULT_RETENTION_COUNT, source);
    int keepDays = wholeNumber(n, "export_retention_days", 0, DEFAULT_RETENTION_DAYS, source);
    return new AgentConfig(customer, timeout, proxy, caFile, keepCount, keepDays);
  }

  private static int wholeNumber(JsonNode n, String key, int min, int dflt, String source) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > 100_000) {
      throw new InputException(source + ": \"" + key + "\" must be a whole number from " + min + " to 100000");
    }
    return v.asInt();
  }
}
