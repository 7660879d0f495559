package agent.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.ConfigSpec;
import agent.rpcdef.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedactorTest {
  @Test
  void secretsUnderSecretLookingKeysAreRedactedAtAnyDepth() throws Exception {
    Redactor r = new Redactor();
    r.addSecretsOf(Json.mapper().readTree(
        "{\"url\":\"https://x\",\"access_token\":\"ghp_abc123\",\"auth\":{\"password\":\"hunter22\"},\"list\":[{\"apiKey\":\"k-999\"}]}"));
    assertEquals("GET https://x with [REDACTED] and [REDACTED] [REDACTED]", r.redact("GET https://x with ghp_abc123 and hunter22 k-999"));
  }

  @Test
  void valuesOfDeclaredSecretKeysAreRedactedWhateverTheirName() throws Exception {
    Redactor r = new Redactor();
    ConfigSpec spec = ConfigSpec.builder()
        .secret("pat").string("org").strings("repos")
        .object("proxy", ConfigSpec.builder().secret("auth").string("host").build())
        .build();
    r.addDeclaredSecrets(Json.mapper().readTree(
        "{\"pat\":\"ghp_abc123\",\"org\":\"acme-org\",\"repos\":[\"api-repo\"],"
            + "\"proxy\":{\"auth\":\"me:pw99\",\"host\":\"proxy.local\"}}"), spec);
    assertEquals("[REDACTED] acme-org api-repo [REDACTED] proxy.local",
        r.redact("ghp_abc123 acme-org api-repo me:pw99 proxy.local"));
    r.addDeclaredSecrets(Json.mapper().readTree("{\"pat\":5,\"proxy\":\"x\"}"), spec); // wrong types: nothing to add
    r.addDeclaredSecrets(Json.mapper().readTree("{\"pat\":\"other-pat\"}"), null); // a plugin that declared nothing
    assertEquals("other-pat", r.redact("other-pat"));
  }

  @Test
  void shortValuesAreNotTreatedAsSecrets() {
    Redactor r = new Redactor();
    r.add("ab");
    assertEquals("about", r.redact("about"));
  }

  @Test
  void pluginLinesAreRelayedRedactedWithTheirFieldsAndKeptForCrashReports(@TempDir Path dir) throws Exception {
    Redactor r = new Redactor();
    r.add("tok-secret");
    Path file = dir.resolve("logs/mock");
    try (PluginLogRelay relay = new PluginLogRelay("mock", file, r)) {
      relay.line("{\"ts\":\"t\",\"level\":\"warn\",\"msg\":\"fetched\",\"repo\":\"api\",\"n\":3}");
      relay.line("Exception in thread main: token tok-secret rejected");
      assertEquals("fetched repo=api n=3", relay.tail().get(0));
      assertEquals("Exception in thread main: token [REDACTED] rejected", relay.tail().get(1));
    }
    String written = Files.readString(file);
    assertTrue(written.contains("WARN fetched repo=api n=3"), written);
    assertFalse(written.contains("tok-secret"), written);
  }
}
