package agent.core.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import agent.core.config.Enrollment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each setting with its source; config.json wins over the environment; no secret in the output. */
class EffectiveConfigTest {
  @TempDir Path tmp;

  @Test
  void eachValueWithItsSourceAndNoSecret() throws Exception {
    Path root = tmp.resolve("root");
    new Enrollment("https://backend.example.com", "acme", "dev-1", "ak_hidden_key_123", "stable", "2026-01-01T00:00:00Z",
        "http://u:cfg-pass@proxy.cfg:3128", null).write(root);
    List<EffectiveConfig.Setting> s = EffectiveConfig.of(root, "--pinpoint-root", Map.of(),
        Map.of("HTTPS_PROXY", "http://v:env-pass@proxy.env:8080", "NO_PROXY", ".corp", "AGENT_CA_FILE", "/etc/ssl/corp.pem"));
    Map<String, String> by = s.stream().collect(Collectors.toMap(EffectiveConfig.Setting::key, x -> x.value() + " (" + x.source() + ")"));
    assertEquals("[REDACTED] (config.json)", by.get("api_key"));
    assertEquals("https://backend.example.com (config.json)", by.get("backend_url"));
    assertEquals("http://v:[REDACTED]@proxy.env:8080 (environment)", by.get("HTTPS_PROXY"));
    assertEquals("http://u:[REDACTED]@proxy.cfg:3128 (config.json)", by.get("proxy (in use)"), "config.json's proxy wins");
    assertEquals("/etc/ssl/corp.pem (environment)", by.get("ca_file (in use)"));
    String all = String.join("\n", EffectiveConfig.lines(s)) + EffectiveConfig.json(s);
    for (String secret : List.of("ak_hidden_key_123", "cfg-pass", "env-pass")) {
      assertFalse(all.contains(secret), secret + " in:\n" + all);
    }
  }
}
