package agent.rpcdef.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.Config;
import agent.rpcdef.ConfigSpec;
import agent.rpcdef.ExportContext;
import agent.rpcdef.Integration;
import agent.rpcdef.ModelSession;
import agent.rpcdef.ValidationResult;
import agent.rpcdef.http.ApiClient;
import agent.rpcdef.http.RateLimitPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code ctx.http()}: a client wired to the export, so that its rate-limit waits reach the host. */
class ExportContextHttpTest {
  private WireMockServer server;

  @BeforeEach
  void start() {
    server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  /** Sends one sourcecode.User per item of GET /users. */
  static final class Users implements Integration {
    @Override
    public ConfigSpec configSpec() {
      return ConfigSpec.builder().string("url").required().describe("the API root").build();
    }

    @Override
    public void export(ExportContext ctx) {
      ApiClient api = ctx.http().baseUrl(ctx.config().requireString("url")).rateLimits(RateLimitPolicy.standard()).build();
      ModelSession users = ctx.model("sourcecode.User");
      for (JsonNode u : api.get("/users").json()) {
        users.send(u);
      }
      users.done();
    }

    @Override
    public ValidationResult validate(Config config) {
      return ValidationResult.ok("");
    }

    @Override
    public List<?> onboard(Config config, String objectType) {
      return List.of();
    }
  }

  @Test
  void aRateLimitWaitIsAnnouncedToTheHostOnceAndEnded() {
    server.stubFor(get("/users").inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
        .willSetStateTo("open"));
    server.stubFor(get("/users").inScenario("limit").whenScenarioStateIs("open")
        .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("[{\"login\":\"ada\"}]")));
    try (IntegrationHarness h = IntegrationHarness.start(new Users(), "users")) {
      IntegrationHarness.Result r = h.export("{\"url\":\"http://127.0.0.1:" + server.port() + "\"}");
      assertEquals(1, r.objects("sourcecode.User").size());
      List<String> events = h.agent().events();
      assertEquals(2, events.size(), events.toString());
      assertTrue(events.get(0).startsWith("pause "), events.toString());
      assertEquals("continue", events.get(1));
    }
  }
}
