package agent.rpcdef.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.ConfigSpec;
import agent.rpcdef.ExportContext;
import agent.rpcdef.ModelSession;
import agent.rpcdef.fixtures.ExportOnly;
import agent.rpcdef.http.ApiClient;
import agent.rpcdef.http.RateLimitPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
  static class Users extends ExportOnly {
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
      // A second client of the same export counts into the same account.
      ctx.http().baseUrl(ctx.config().requireString("url")).build().get("/users");
    }
  }

  @Test
  void aRateLimitWaitIsAnnouncedToTheHostOnceAndEnded() {
    server.stubFor(get("/users").inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
        .willSetStateTo("open"));
    server.stubFor(get("/users").inScenario("limit").whenScenarioStateIs("open")
        .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("[{\"login\":\"ada\"}]")));
    FakeClock clock = new FakeClock();
    try (IntegrationHarness h = IntegrationHarness.start(new Users(), "users", clock)) {
      IntegrationHarness.Result r = h.export("{\"url\":\"http://127.0.0.1:" + server.port() + "\"}");
      assertEquals(1, r.objects("sourcecode.User").size());
      assertEquals(List.of(Duration.ofSeconds(1)), clock.sleeps(), "the export's clock, here a virtual one");
      List<String> events = h.agent().events();
      assertEquals(2, events.size(), events.toString());
      assertTrue(events.get(0).startsWith("pause "), events.toString());
      assertEquals("continue", events.get(1));

      // What the export's clients counted reaches the host in the Export response, in display order.
      Map<String, Long> counted = r.requestStats();
      assertEquals(List.of("requests", "not_modified", "retries", "rate_limit_waits", "rate_limit_wait_ms", "bytes"),
          List.copyOf(counted.keySet()));
      assertEquals(3, counted.get("requests"), "the 429, its retry, and the second client's request");
      assertEquals(1, counted.get("retries"));
      assertEquals(1, counted.get("rate_limit_waits"));
      assertEquals(2 * "[{\"login\":\"ada\"}]".length(), counted.get("bytes"));
    }
  }

  @Test
  void anIntegrationThatSentNoRequestReportsNoCounters() {
    try (IntegrationHarness h = IntegrationHarness.start(new Users() {
      @Override
      public void export(ExportContext ctx) {
        ctx.http().baseUrl(ctx.config().requireString("url")).build();
      }
    }, "users")) {
      assertEquals(Map.of(), h.export("{\"url\":\"http://127.0.0.1:" + server.port() + "\"}").requestStats());
    }
  }
}
