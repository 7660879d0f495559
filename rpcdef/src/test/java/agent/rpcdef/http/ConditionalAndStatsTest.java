package agent.rpcdef.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** ETags carried across exports, and the accounting the manifest gets. */
class ConditionalAndStatsTest extends WireMockSupport {
  private static final String ETAG = "W/\"a00049ba79152d03380c34652f2cb612\"";

  @Test
  void aSavedEtagMakesTheNextExportAskIfNoneMatch() {
    server.stubFor(get(urlEqualTo("/repos/acme/api?private_token=glpat-secretvalue")).withHeader("If-None-Match", absent())
        .willReturn(aResponse().withStatus(200).withHeader("ETag", ETAG).withBody("{\"id\":1}")));
    server.stubFor(get(urlEqualTo("/repos/acme/api?private_token=glpat-secretvalue")).withHeader("If-None-Match", equalTo(ETAG))
        .willReturn(aResponse().withStatus(304).withHeader("ETag", ETAG)));
    EtagCache first = new EtagCache();
    ApiResponse full = client().etagCache(first).build().get("/repos/acme/api?private_token=glpat-secretvalue");
    assertEquals(1, full.json().path("id").asInt());
    assertFalse(full.notModified());

    String saved = first.toJson();
    assertFalse(saved.contains("glpat-secretvalue"), saved);
    ApiClient next = client().etagCache(EtagCache.fromJson(saved)).build();
    ApiResponse again = next.get("/repos/acme/api?private_token=glpat-secretvalue");
    assertTrue(again.notModified());
    assertEquals("", again.bodyString());
    assertEquals(1, stats.snapshot().notModified());
    assertEquals(2, stats.snapshot().requests());
  }

  @Test
  void aNotModifiedAnswerCostsNoGithubBudget() {
    server.stubFor(get(urlEqualTo("/a")).willReturn(aResponse().withStatus(200).withHeader("x-ratelimit-limit", "5000")
        .withHeader("x-ratelimit-remaining", "100").withHeader("x-ratelimit-reset", String.valueOf(epoch(1000)))));
    server.stubFor(get(urlEqualTo("/b")).willReturn(aResponse().withStatus(304)));
    ApiClient api = client().rateLimits(RateLimitPolicy.github()).build();
    api.get("/a");
    api.get("/b"); // paced 1000/100 s, then refunded: GitHub does not count a 304
    api.get("/b");
    // 1000 s over 100 requests, then 990 s over the same 100: the 304 took nothing (else 990/99).
    assertEquals(List.of(Duration.ofSeconds(10), Duration.ofMillis(9900)), clock.sleeps());
    assertEquals(100, api.rateLimitRemaining());
  }

  @Test
  void aNotModifiedAnswerThatReportsTheBudgetIsTakenAtItsWord() {
    server.stubFor(get(urlEqualTo("/a")).willReturn(aResponse().withStatus(200).withHeader("x-ratelimit-limit", "5000")
        .withHeader("x-ratelimit-remaining", "100").withHeader("x-ratelimit-reset", String.valueOf(epoch(1000)))));
    server.stubFor(get(urlEqualTo("/b")).willReturn(aResponse().withStatus(304).withHeader("x-ratelimit-limit", "5000")
        .withHeader("x-ratelimit-remaining", "100").withHeader("x-ratelimit-reset", String.valueOf(epoch(1000)))));
    ApiClient api = client().rateLimits(RateLimitPolicy.github()).build();
    api.get("/a");
    api.get("/b");
    // GitHub said 100 left: no refund on top of it (that would claim 101).
    assertEquals(100, api.rateLimitRemaining());
  }

  @Test
  void theCacheIsBoundedAndRejectsForeignText() {
    EtagCache c = new EtagCache(2);
    c.put("a", "1");
    c.put("b", "2");
    c.put("c", "3");
    assertEquals(2, c.size());
    assertEquals(null, c.get("a"));
    assertEquals("3", EtagCache.fromJson(c.toJson()).get("c"));
    assertEquals(0, EtagCache.fromJson("").size());
    org.junit.jupiter.api.Assertions.assertThrows(agent.rpcdef.IntegrationException.class,
        () -> EtagCache.fromJson("{\"v\":99}"));
  }

  @Test
  void statsCountRequestsRetriesWaitsAndBytes() {
    server.stubFor(get(urlEqualTo("/x")).inScenario("s").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
        .willReturn(aResponse().withStatus(500)).willSetStateTo("limited"));
    server.stubFor(get(urlEqualTo("/x")).inScenario("s").whenScenarioStateIs("limited")
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")).willSetStateTo("ok"));
    server.stubFor(get(urlEqualTo("/x")).inScenario("s").whenScenarioStateIs("ok")
        .willReturn(aResponse().withStatus(200).withBody("0123456789")));
    client().build().get("/x");

    Map<String, Long> m = stats.snapshot().asMap();
    assertEquals(List.of("requests", "not_modified", "retries", "rate_limit_waits", "rate_limit_wait_ms", "bytes"),
        List.copyOf(m.keySet()));
    assertEquals(Map.of("requests", 3L, "not_modified", 0L, "retries", 2L, "rate_limit_waits", 1L,
        "rate_limit_wait_ms", 7000L, "bytes", 10L), m);
  }

  @Test
  void statsAreSafeToShareBetweenThreads() throws InterruptedException {
    RequestStats s = new RequestStats();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    for (int i = 0; i < 8000; i++) {
      pool.execute(() -> {
        s.request();
        s.bytes(2);
      });
    }
    pool.shutdown();
    assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
    assertEquals(8000, s.snapshot().requests());
    assertEquals(16000, s.snapshot().bytes());
  }
}
