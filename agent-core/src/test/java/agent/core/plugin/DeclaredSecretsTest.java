package agent.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.validate.ConfigValidator;
import agent.core.validate.ValidationReport;
import agent.rpcdef.Json;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real plugin process declares a secret under a name the host's patterns do not know ("pat"); the
 * host learns it at Init and masks its value in the plugin's log lines.
 */
class DeclaredSecretsTest {
  @TempDir Path tmp;

  @Test
  void aDeclaredSecretIsRedactedFromThePluginsLog() throws Exception {
    Path plugins = tmp.resolve("plugins");
    Path dir = Files.createDirectories(plugins.resolve("secretive"));
    List<String> classpath = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
    Files.write(dir.resolve("plugin.json"), Json.bytes(Map.of("name", "secretive", "protocol_version", 1,
        "java", Map.of("main", SecretLoggingPlugin.class.getName(), "classpath", classpath))));
    Path logs = tmp.resolve("logs");
    PluginLauncher launcher = new PluginLauncher(PluginCatalog.discover(tmp, plugins), PluginLauncher.currentJava(), logs,
        Duration.ofSeconds(60), "test", "c", Map.of());
    String pat = "ghp_" + Long.toHexString(System.nanoTime()) + "x9";
    String auth = "proxy-auth-" + Long.toHexString(System.nanoTime());
    IntegrationEntry entry = new IntegrationEntry("secretive", "secretive", Json.mapper().readTree(
        "{\"pat\":\"" + pat + "\",\"org\":\"acme\",\"proxy\":{\"auth\":\"" + auth + "\"}}"));

    List<ValidationReport> reports = new ConfigValidator(launcher, Duration.ofSeconds(60)).validate(List.of(entry));
    assertEquals(1, reports.size());
    assertTrue(reports.get(0).success(), reports.get(0).errors().toString());

    String log = Files.readString(logs.resolve("secretive"));
    assertTrue(log.contains("validating with [REDACTED]"), log);
    assertTrue(log.contains("pat=[REDACTED]"), log);
    assertTrue(log.contains("org=acme"), "an ordinary value stays: " + log);
    assertTrue(log.contains("a raw line with [REDACTED] and [REDACTED]"), log);
    assertFalse(log.contains(pat), log);
    assertFalse(log.contains(auth), log);
  }
}
