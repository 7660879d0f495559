package agent.core.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.output.ExportManifest;
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
        progressFile, null);
    PluginLauncher noPlugins = new PluginLauncher(PluginCatalog.discover(root, root.resolve("plugins")),
        PluginLauncher.currentJava(), null, Duration.ofSeconds(5), "test", "local", Map.of());

    ExportReport report = new ExportRunner(settings, noPlugins, "test").run(List.of(
        new IntegrationEntry("gh", "github", null), new IntegrationEntry("jira", "jira", null)));

    assertEquals(ExportManifest.Status.FAILED, report.status());
    JsonNode written = Json.mapper().readTree(Files.readAllBytes(progressFile));
    assertTrue(Instant.parse(written.path("time").asText()).isAfter(Instant.now().minusSeconds(60)), written.toString());
    assertEquals(Json.mapper().readTree("{\"gh\": {\"status\": \"failed\", \"objects\": {}},"
        + " \"jira\": {\"status\": \"failed\", \"objects\": {}}}"), written.path("integrations"));
  }

  /** How service-run learns which folder is its child's export, instead of guessing from a listing. */
  @Test
  void theExportWritesItsIdToTheExportIdFile() throws Exception {
    Path idFile = root.resolve("export-id");
    ExportSettings settings = new ExportSettings(root.resolve("pinpoint"), "local", false, Duration.ofMinutes(1), 1 << 20, false,
        null, idFile);
    PluginLauncher noPlugins = new PluginLauncher(PluginCatalog.discover(root, root.resolve("plugins")),
        PluginLauncher.currentJava(), null, Duration.ofSeconds(5), "test", "local", Map.of());
    // An older export folder beside it: the id names this export's, whatever else is there.
    Files.createDirectories(root.resolve("pinpoint/exports/29991231T235959Z-zzzzzz"));
    Files.writeString(root.resolve("pinpoint/exports/29991231T235959Z-zzzzzz/manifest.json"),
        "{\"export_id\":\"29991231T235959Z-zzzzzz\",\"status\":\"completed\",\"integrations\":[]}");

    ExportReport report = new ExportRunner(settings, noPlugins, "test").run(List.of(new IntegrationEntry("gh", "github", null)));

    assertEquals(report.exportId() + "\n", Files.readString(idFile));
    assertEquals(report.exportId(), report.exportDir().getFileName().toString());
  }

  @Test
  void theManifestHasEachIntegrationsRequestCountersWhenItReportedAny() throws Exception {
    ExportSettings settings = new ExportSettings(root.resolve("pinpoint"), "local", false, Duration.ofMinutes(1), 1 << 20, true,
        null, null);
    IntegrationReport github = new IntegrationReport("gh", "github", true, null, false, 10, Map.of(), List.of(), Map.of(),
        2, 61_000, Map.of("requests", 120L, "not_modified", 30L, "retries", 2L));
    IntegrationReport mock = new IntegrationReport("mock", "mock", true, null, false, 10, Map.of(), List.of(), Map.of(),
        0, 0, Map.of());
    ExportReport report = new ExportReport("x", root, 10, List.of(github, mock));

    ExportManifest manifest = new ExportRunner(settings, null, "test").manifestOf(report, Instant.now());

    assertEquals(Map.of("requests", 120L, "not_modified", 30L, "retries", 2L), manifest.integrations().get(0).requests());
    assertEquals(Map.of(), manifest.integrations().get(1).requests(), "no HTTP calls, no counters");
  }
}
