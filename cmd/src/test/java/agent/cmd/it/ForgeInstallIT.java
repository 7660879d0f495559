package agent.cmd.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.integrations.example.ForgeMain;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walkthrough's last step, as written: the example plugin's plugin.json and jar dropped into a
 * plugins folder, and the packaged agent exports with it, as a real plugin process, against the
 * forge faked on loopback.
 */
class ForgeInstallIT {
  static final Duration TIMEOUT = Duration.ofMinutes(1);
  @TempDir Path tmp;
  WireMockServer forge;

  @BeforeEach
  void start() {
    forge = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    forge.start();
  }

  @AfterEach
  void stop() {
    forge.stop();
  }

  @Test
  void aPluginDroppedIntoAPluginsFolderExports() throws Exception {
    Path jar = Path.of(ForgeMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertTrue(jar.toString().endsWith(".jar"), "the example plugin is not packaged yet: " + jar);
    Path plugin = Files.createDirectories(tmp.resolve("plugins/forge/lib"));
    Files.copy(jar, plugin.resolve(jar.getFileName()));
    Files.copy(Path.of("../integrations/example/src/main/plugin/plugin.json"), plugin.resolveSibling("plugin.json"));
    // The forge rate-limits the first request: the real plugin waits, tells the host, and goes on.
    forge.stubFor(get(urlEqualTo("/api/v1/repos?per_page=100")).inScenario("limit").whenScenarioStateIs("Started")
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("open"));
    forge.stubFor(get(urlEqualTo("/api/v1/repos?per_page=100")).inScenario("limit").whenScenarioStateIs("open")
        .willReturn(okJson("[{\"id\":7,\"full_name\":\"acme/api\",\"archived\":false,\"updated_at\":\"2026-12-01T08:30:00Z\"}]")));

    Path root = tmp.resolve("root");
    Dist.Result r = Dist.run(TIMEOUT, "export", "--plugins-dir", tmp.resolve("plugins").toString(),
        "--pinpoint-root=" + root, "--integrations-json",
        "[{\"name\":\"forge\",\"config\":{\"url\":\"http://127.0.0.1:" + forge.port() + "/api/v1\",\"token\":\"t0ken-123\"}}]");
    assertEquals(0, r.exit(), r.all());
    Map<String, List<JsonNode>> objects = ExportDir.objects(ExportDir.latest(root), "forge");
    assertEquals(1, objects.get("sourcecode.Repo").size(), objects.toString());
    assertEquals("acme/api", objects.get("sourcecode.Repo").get(0).path("name").asText());
    assertTrue(!r.all().contains("t0ken-123"), "the token never reaches the output: " + r.all());

    // What the operator sees of the wait and the requests: the log, the summary, the manifest.
    assertTrue(r.all().contains("integration forge paused: "), r.all());
    assertTrue(r.all().contains("2 requests (1 retry), paused once ("), r.all());
    JsonNode requests = ExportDir.manifest(ExportDir.latest(root)).path("integrations").get(0).path("requests");
    assertEquals(2, requests.path("requests").asLong(), requests.toString());
    assertEquals(1, requests.path("rate_limit_waits").asLong(), requests.toString());
  }
}
