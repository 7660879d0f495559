package agent.rpcdef.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Retries of transient failures: what is retried, how long apart, and where it stops. */
class RetryTest extends WireMockSupport {

  private void sequence(String url, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder... answers) {
    String state = Scenario.STARTED;
    for (int i = 0; i < answers.length; i++) {
      String next = i + 1 < answers.length ? "step" + (i + 1) : state;
      server.stubFor(get(urlEqualTo(url)).inScenario("seq").whenScenarioStateIs(state).willReturn(answers[i])
          .willSetStateTo(next));
      state = next;
    }
  }

  @Test
  void serverErrorsAreRetriedWithGrowingJitteredBackoff() {
    sequence("/repos", aResponse().withStatus(503), aResponse().withStatus(500), aResponse().withStatus(408),
        aResponse().withStatus(200).withBody("[]"));
    ApiClient api = client().jitter(() -> 0.0).build();

    assertEquals("[]", api.get("/repos").bodyString());
    // Equal jitter at 0: half of 1 s, 2 s, 4 s.
    assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(1000), Duration.ofMillis(2000)), clock.sleeps());
    assertEquals(4, stats.snapshot().requests());
    assertEquals(3, stats.snapshot().retries());
  }

  @Test
  void jitterSpreadsTheWaitAndTheCapHoldsIt() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.999);
    assertTrue(b.delay(3).toMillis() > 3900 && b.delay(3).toMillis() <= 4000, b.delay(3).toString());
    assertEquals(Duration.ofSeconds(30), new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0).delay(20));
  }

  @Test
  void retriesStopAtTheAttemptLimit() {
    server.stubFor(get(urlEqualTo("/flaky")).willReturn(aResponse().withStatus(502)));
    ApiClient api = client().retries(3, Duration.ofMinutes(10)).build();

    HttpException e = assertThrows(HttpException.class, () -> api.get("/flaky"));
    assertEquals(502, e.status());
    assertTrue(e.getMessage().contains("answered 502 Bad Gateway; gave up after 3 attempts"), e.getMessage());
    server.verify(3, getRequestedFor(urlEqualTo("/flaky")));
  }

  @Test
  void rateLimitWaitsDoNotUseUpTheRetries() {
    // Two rate-limit waits, then one 502: with two attempts allowed, the 502 still gets its retry.
    server.stubFor(get(urlEqualTo("/busy")).inScenario("s").whenScenarioStateIs("Started")
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "5")).willSetStateTo("limited"));
    server.stubFor(get(urlEqualTo("/busy")).inScenario("s").whenScenarioStateIs("limited")
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "5")).willSetStateTo("broken"));
    server.stubFor(get(urlEqualTo("/busy")).inScenario("s").whenScenarioStateIs("broken")
        .willReturn(aResponse().withStatus(502)).willSetStateTo("fine"));
    server.stubFor(get(urlEqualTo("/busy")).inScenario("s").whenScenarioStateIs("fine")
        .willReturn(aResponse().withStatus(200).withBody("ok")));
    ApiClient api = client().retries(2, Duration.ofMinutes(10)).build();
    assertEquals("ok", api.get("/busy").bodyString());
    server.verify(4, getRequestedFor(urlEqualTo("/busy")));
  }

  @Test
  void retriesStopAtTheTimeLimit() {
    server.stubFor(get(urlEqualTo("/flaky")).willReturn(aResponse().withStatus(500)));
    // Jitter at 1: waits of 1 s, 2 s, 4 s...; the third would end past 5 s.
    ApiClient api = client().jitter(() -> 1.0).retries(100, Duration.ofSeconds(5)).build();

    assertThrows(HttpException.class, () -> api.get("/flaky"));
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), clock.sleeps());
    server.verify(3, getRequestedFor(urlEqualTo("/flaky")));
  }

  @Test
  void aRefusedConnectionIsRetriedThenReportedAsANetworkFailure() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    ApiClient api = client().baseUrl("http://127.0.0.1:" + closed).retries(3, Duration.ofMinutes(1)).build();

    HttpException e = assertThrows(HttpException.class, () -> api.get("/x"));
    assertEquals(0, e.status());
    assertTrue(e.getMessage().startsWith("GET http://127.0.0.1:" + closed + "/x failed: "), e.getMessage());
    assertTrue(e.getMessage().contains("gave up after 3 attempts"), e.getMessage());
    assertEquals(2, clock.sleeps().size());
  }

  @Test
  void aResetConnectionIsRetriedForGet() {
    sequence("/reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), aResponse().withStatus(200).withBody("ok"));
    assertEquals("ok", client().build().get("/reset").bodyString());
    assertEquals(1, stats.snapshot().retries());
  }

  @Test
  void aPostIsNotRetriedUnlessMarkedRetryable() {
    server.stubFor(post(urlPathEqualTo("/graphql")).willReturn(aResponse().withStatus(502)));
    ApiClient api = client().retries(3, Duration.ofMinutes(1)).build();

    HttpException e = assertThrows(HttpException.class, () -> api.send(ApiRequest.post("/graphql").json("{}")));
    assertTrue(e.getMessage().contains("not retried: POST is not idempotent"), e.getMessage());
    server.verify(1, postRequestedFor(urlPathEqualTo("/graphql")));

    server.resetRequests();
    assertThrows(HttpException.class, () -> api.send(ApiRequest.post("/graphql").json("{}").retryable()));
    server.verify(3, postRequestedFor(urlPathEqualTo("/graphql")));
  }

  @Test
  void aPostOnAResetConnectionIsNotRetried() {
    server.stubFor(post(urlPathEqualTo("/issues")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    HttpException e = assertThrows(HttpException.class, () -> client().build().send(ApiRequest.post("/issues").json("{}")));
    assertTrue(e.getMessage().contains("not retried"), e.getMessage());
    server.verify(1, postRequestedFor(urlPathEqualTo("/issues")));
  }

  @Test
  void clientErrorsAreNotRetried() {
    server.stubFor(get(urlEqualTo("/conflict")).willReturn(aResponse().withStatus(409).withBody("{\"message\":\"busy\"}")));
    HttpException e = assertThrows(HttpException.class, () -> client().build().get("/conflict"));
    assertEquals(HttpException.class, e.getClass());
    assertEquals("GET " + baseUrl() + "/conflict answered 409 Conflict: busy", e.getMessage());
    server.verify(1, getRequestedFor(urlEqualTo("/conflict")));
    assertEquals(List.of(), clock.sleeps());
  }
}
