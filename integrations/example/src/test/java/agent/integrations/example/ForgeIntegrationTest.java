package agent.integrations.example;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.ConfigException;
import agent.rpcdef.ValidationResult;
import agent.rpcdef.testing.ConfigDocs;
import agent.rpcdef.testing.FakeClock;
import agent.rpcdef.testing.IntegrationHarness;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The forge integration through the real protocol (the harness), against the forge's API faked on loopback. */
class ForgeIntegrationTest {
  private static final String PAGE_1 = """
      [{"id": 1, "full_name": "acme/api", "description": "the API", "archived": false, "default_branch": "main",
        "html_url": "https://forge.example.com/acme/api", "language": "Java",
        "created_at": "2024-01-02T03:04:05Z", "updated_at": "2026-11-30T10:00:00Z"},
       {"id": 2, "full_name": "acme/old", "description": null, "archived": true, "default_branch": null,
        "html_url": "https://forge.example.com/acme/old", "language": null,
        "created_at": "2019-05-06T07:08:09+02:00", "updated_at": "2021-01-01T00:00:00Z"}]""";
  private static final String PAGE_2 = """
      [{"id": 3, "full_name": "acme/web", "archived": false, "default_branch": "trunk",
        "created_at": "2025-01-01T00:00:00Z", "updated_at": "2026-12-01T08:30:00Z"}]""";

  private WireMockServer forge;
  private IntegrationHarness harness;

  @BeforeEach
  void start() {
    forge = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    forge.start();
    harness = IntegrationHarness.start(new ForgeIntegration(), "forge");
  }

  @AfterEach
  void stop() {
    harness.close();
    forge.stop();
  }

  private String config(String extra) {
    return "{\"url\":\"http://127.0.0.1:" + forge.port() + "/api/v1\",\"token\":\"s3cr3t-token\"" + extra + "}";
  }

  @Test
  void exportsEveryPageThenOnlyWhatChanged() {
    // The second page's URL is the server's own (an opaque cursor): the client follows it as given.
    forge.stubFor(get(urlEqualTo("/api/v1/repos?per_page=100")).willReturn(okJson(PAGE_1)
        .withHeader("Link", "<http://127.0.0.1:" + forge.port() + "/api/v1/repos?per_page=100&cursor=Zm9v>; rel=\"next\"")));
    forge.stubFor(get(urlEqualTo("/api/v1/repos?per_page=100&cursor=Zm9v")).willReturn(okJson(PAGE_2)));

    IntegrationHarness.Result first = harness.export(config(""));
    List<JsonNode> repos = first.objects("sourcecode.Repo");
    assertEquals(List.of("acme/api", "acme/old", "acme/web"), repos.stream().map(r -> r.path("name").asText()).toList());
    JsonNode old = repos.get(1);
    assertFalse(old.path("active").asBoolean());
    assertFalse(old.has("description"), "a null from the API is absent in the output");
    assertEquals(120, old.path("created_date").path("offset").asInt());
    assertEquals("forge", old.path("ref_type").asText());
    assertEquals("2026-12-01T08:30:00Z", first.stagedTokens().get("forge/sourcecode.Repo"));
    forge.verify(getRequestedFor(urlEqualTo("/api/v1/repos?per_page=100"))
        .withHeader("Authorization", equalTo("Bearer s3cr3t-token")));

    forge.stubFor(get(urlPathEqualTo("/api/v1/repos")).withQueryParam("since", equalTo("2026-12-01T08:30:00Z"))
        .willReturn(okJson("[]")));
    IntegrationHarness.Result second = harness.export(config(""));
    assertEquals(0, second.objects("sourcecode.Repo").size());
    assertEquals("2026-12-01T08:30:00Z", second.stagedTokens().get("forge/sourcecode.Repo"), "the token never goes back");
  }

  @Test
  void archivedRepositoriesCanBeLeftOut() {
    forge.stubFor(get(urlEqualTo("/api/v1/repos?per_page=100")).willReturn(okJson(PAGE_1)));
    IntegrationHarness.Result r = harness.export(config(",\"include_archived\":false"));
    assertEquals(List.of("acme/api"), r.objects("sourcecode.Repo").stream().map(n -> n.path("name").asText()).toList());
  }

  @Test
  void aMisspeltKeyIsRefusedWithTheKeyItMeant() {
    ConfigException e = assertThrows(ConfigException.class, () -> harness.export(config(",\"include_archive\":false")));
    assertTrue(e.getMessage().contains("include_archived"), e.getMessage());
    assertEquals(0, forge.getAllServeEvents().size(), "nothing was asked of the forge");
  }

  @Test
  void aRateLimitIsWaitedOutAndTheHostIsTold() {
    forge.stubFor(get(urlEqualTo("/api/v1/repos?per_page=100")).inScenario("limit").whenScenarioStateIs("Started")
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("open"));
    forge.stubFor(get(urlEqualTo("/api/v1/repos?per_page=100")).inScenario("limit").whenScenarioStateIs("open")
        .willReturn(okJson(PAGE_2)));
    // A virtual clock: the wait advances it instead of sleeping, and shows what was waited.
    FakeClock clock = new FakeClock();
    try (IntegrationHarness h = IntegrationHarness.start(new ForgeIntegration(), "forge", clock)) {
      IntegrationHarness.Result r = h.export(config(""));
      assertEquals(1, r.objects("sourcecode.Repo").size());
      assertEquals(List.of(Duration.ofSeconds(1)), clock.sleeps());
      assertEquals(List.of("pause", "continue"), h.agent().events().stream().map(e -> e.split(" ")[0]).toList());
    }
  }

  @Test
  void theDocsListTheDeclaredKeys() {
    ConfigDocs.assertMatches(Path.of("../../_docs/writing-an-integration.md"), "forge", ForgeIntegration.CONFIG);
  }

  @Test
  void validateNamesTheAccountOrSaysWhatIsWrong() {
    forge.stubFor(get(urlEqualTo("/api/v1/user")).willReturn(okJson("{\"login\":\"ada\"}")));
    assertEquals(ValidationResult.ok("ada"), harness.validate(config("")));

    forge.stubFor(get(urlEqualTo("/api/v1/user")).willReturn(aResponse().withStatus(401)));
    ValidationResult bad = harness.validate(config(""));
    assertFalse(bad.success());
    assertTrue(bad.errors().get(0).contains("token"), bad.errors().toString());
    assertFalse(bad.errors().get(0).contains("s3cr3t-token"), "the secret never appears: " + bad.errors());
  }
}
