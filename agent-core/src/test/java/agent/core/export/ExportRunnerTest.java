package agent.core.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.plugin.IntegrationEntry;
import agent.core.plugin.PluginCatalog;
import agent.core.plugin.PluginLauncher;
import agent.rpcdef.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export runner without plugin processes: integrations whose plugin is not installed fail at
 * launch, which is enough to see what the runner does around them. Runs with real plugins are in
 * cmd's ITs.
 */
class ExportRunnerTest {
  @TempDir Path root;

  @Test
  void theProgressFileEndsWithEveryIntegrationsFinalStatus() throws Exception {
    Path progressFile = root.resolve("progress.json");
    ExportSettings settings = new ExportSettings(root.resolve("pinpoint"), "local", false, Duration.ofMinutes(1), 1 << 20, true,
        progressFile);
    PluginLauncher noPlugins = new PluginLauncher(PluginCatalog.discover(root, root.resolve("plugins")),
        PluginLauncher.currentJava(), null, Duration.ofSeconds(5), "test", "local", Map.of());

    ExportReport report = new ExportRunner(settings, noPlugins, "test").run(List.of(
        new IntegrationEntry("gh", "github", null), new IntegrationEntry("jira", "jira", null)));

    assertEquals("failed", report.status());
    JsonNode written = Json.mapper().readTree(Files.readAllBytes(progressFile));
    assertTrue(Instant.parse(written.path("time").asText()).isAfter(Instant.now().minusSeconds(60)), written.toString());
    assertEquals(Json.mapper().readTree("{\"gh\": {\"status\": \"failed\", \"objects\": {}},"
        + " \"jira\": {\"status\": \"failed\", \"objects\": {}}}"), written.path("integrations"));
  }
}
