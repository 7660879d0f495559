package agent.rpcdef.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.ExportCancelledException;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Rate limits as GitHub, GitLab and Jira report them: waiting, announcing, pacing and giving up. */
class RateLimitTest extends WireMockSupport {
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final PauseListener listener = new PauseListener() {
    @Override
    public void pause(String reason, Instant resumeAt) {
      events.add("pause " + resumeAt + " " + reason);
    }

    @Override
    public void resume() {
      events.add("resume");
    }
  };

  private void limitedOnceThen(ResponseDefinitionBuilder limited) {
    server.stubFor(get(urlEqualTo("/x")).inScenario("rl").whenScenarioStateIs(Scenario.STARTED).willReturn(limited)
        .willSetStateTo("ok"));
    server.stubFor(get(urlEqualTo("/x")).inScenario("rl").whenScenarioStateIs("ok")
        .willReturn(aResponse().withStatus(200).withBody("{}")));
  }

  private void assertOneWait(Duration expected) {
    assertEquals(List.of(expected), clock.sleeps());
    assertEquals(2, events.size(), events.toString());
    assertTrue(events.get(0).startsWith("pause " + Instant.parse("2026-01-01T00:00:00Z").plus(expected)), events.toString());
    assertEquals("resume", events.get(1));
    assertEquals(1, stats.snapshot().rateLimitWaits());
    assertEquals(expected.toMillis(), stats.snapshot().rateLimitWaitMs());
  }

  @Test
  void retryAfterSecondsIsWaitedOnceAnnouncedAndCounted() {
    limitedOnceThen(aResponse().withStatus(429).withHeader("Retry-After", "30"));
    client().listener(listener).build().get("/x");
    assertOneWait(Duration.ofSeconds(30));
    server.verify(2, getRequestedFor(urlEqualTo("/x")));
  }

  @Test
  void retryAfterAnHttpDate() {
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.now().plusSeconds(90).atOffset(ZoneOffset.UTC));
    limitedOnceThen(aResponse().withStatus(429).withHeader("Retry-After", date));
    client().listener(listener).build().get("/x");
    assertOneWait(Duration.ofSeconds(90));
  }

  @Test
  void githubPrimaryLimitWaitsForTheReset() {
    limitedOnceThen(aResponse().withStatus(403).withHeader("x-ratelimit-limit", "5000")
        .withHeader("x-ratelimit-remaining", "0").withHeader("x-ratelimit-used", "5000")
        .withHeader("x-ratelimit-reset", String.valueOf(epoch(1200)))
        .withBody("{\"message\":\"API rate limit exceeded for user ID 1.\",\"documentation_url\":\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api\"}"));
    client().rateLimits(RateLimitPolicy.github()).listener(listener).build().get("/x");
    assertOneWait(Duration.ofSeconds(1200));
  }

  @Test
  void githubSecondaryLimitWaitsAMinuteWithoutHeaders() {
    limitedOnceThen(aResponse().withStatus(403).withBody("{\"message\":\"You have exceeded a secondary rate limit."
        + " Please wait a few minutes before you try again.\",\"documentation_url\":\"https://docs.github.com/\"}"));
    client().rateLimits(RateLimitPolicy.github()).listener(listener).build().get("/x");
    assertOneWait(Duration.ofMinutes(1));
    assertTrue(events.get(0).contains("secondary rate limit"), events.toString());
  }

  @Test
  void aPlain403IsNotARateLimitOnGithub() {
    server.stubFor(get(urlEqualTo("/x")).willReturn(aResponse().withStatus(403).withHeader("x-ratelimit-remaining", "4999")
        .withBody("{\"message\":\"Must have admin rights to Repository.\"}")));
    ApiClient api = client().rateLimits(RateLimitPolicy.github()).build();
    assertThrows(CredentialsException.class, () -> api.get("/x"));
    assertEquals(List.of(), clock.sleeps());
  }

  @Test
  void gitlabLimitWaitsForRateLimitReset() {
    limitedOnceThen(aResponse().withStatus(429).withHeader("RateLimit-Limit", "600").withHeader("RateLimit-Remaining", "0")
        .withHeader("RateLimit-Reset", String.valueOf(epoch(45))).withBody("Retry later"));
    client().rateLimits(RateLimitPolicy.gitlab()).listener(listener).build().get("/x");
    assertOneWait(Duration.ofSeconds(45));
  }

  @Test
  void jiraLimitReadsAnIsoReset() {
    // Jira's format is yyyy-MM-ddTHH:mmZ.
    limitedOnceThen(aResponse().withStatus(429).withHeader("X-RateLimit-Reset", "2026-01-01T00:02Z"));
    client().rateLimits(RateLimitPolicy.jira()).listener(listener).build().get("/x");
    assertOneWait(Duration.ofMinutes(2));
  }

  @Test
  void jira503WithRetryAfterIsALimitWithoutItABackoff() {
    limitedOnceThen(aResponse().withStatus(503).withHeader("Retry-After", "20"));
    client().rateLimits(RateLimitPolicy.jira()).listener(listener).build().get("/x");
    assertOneWait(Duration.ofSeconds(20));

    server.resetAll();
    clock = new agent.rpcdef.testing.FakeClock();
    events.clear();
    limitedOnceThen(aResponse().withStatus(503));
    client().rateLimits(RateLimitPolicy.jira()).listener(listener).build().get("/x");
    assertEquals(List.of(), events, "a plain 503 is an outage, retried with backoff");
    assertEquals(List.of(Duration.ofMillis(750)), clock.sleeps());
  }

  @Test
  void slowsDownWhenTheBudgetRunsLow() {
    server.stubFor(get(urlEqualTo("/x")).willReturn(aResponse().withStatus(200).withHeader("x-ratelimit-limit", "5000")
        .withHeader("x-ratelimit-remaining", "100").withHeader("x-ratelimit-reset", String.valueOf(epoch(1000)))));
    ApiClient api = client().rateLimits(RateLimitPolicy.github()).listener(listener).build();
    api.get("/x");
    assertEquals(List.of(), clock.sleeps(), "nothing known before the first answer");
    api.get("/x");
    // 100 requests left for 1000 s: one every 10 s.
    assertEquals(List.of(Duration.ofSeconds(10)), clock.sleeps());
    assertEquals(List.of(), events, "pacing is not a pause");
    assertEquals(1, stats.snapshot().rateLimitWaits());

    server.stubFor(get(urlEqualTo("/x")).willReturn(aResponse().withStatus(200).withHeader("x-ratelimit-limit", "5000")
        .withHeader("x-ratelimit-remaining", "4000").withHeader("x-ratelimit-reset", String.valueOf(epoch(1000)))));
    api.get("/x"); // still paced: the budget known before this answer was low
    api.get("/x");
    assertEquals(2, clock.sleeps().size(), "a healthy budget is not paced");
  }

  @Test
  void anExhaustedBudgetWaitsForTheResetBeforeTheNextRequest() {
    server.stubFor(get(urlEqualTo("/x")).willReturn(aResponse().withStatus(200).withHeader("RateLimit-Limit", "600")
        .withHeader("RateLimit-Remaining", "0").withHeader("RateLimit-Reset", String.valueOf(epoch(300)))));
    ApiClient api = client().rateLimits(RateLimitPolicy.gitlab()).listener(listener).build();
    api.get("/x");
    api.get("/x");
    assertOneWait(Duration.ofSeconds(300));
    server.verify(2, getRequestedFor(urlEqualTo("/x")));
  }

  @Test
  void givesUpWhenTheWaitWouldPassTheMaximum() {
    server.stubFor(get(urlEqualTo("/x")).willReturn(aResponse().withStatus(403).withHeader("x-ratelimit-remaining", "0")
        .withHeader("x-ratelimit-reset", String.valueOf(epoch(3600)))));
    ApiClient api = client().rateLimits(RateLimitPolicy.github()).maxRateLimitWait(Duration.ofMinutes(10)).build();

    RateLimitException e = assertThrows(RateLimitException.class, () -> api.get("/x"));
    assertEquals(clock.now().plusSeconds(3600), e.resetAt());
    assertTrue(e.getMessage().contains("past the allowed 10m 0s; run the export again later"), e.getMessage());
    assertEquals(List.of(), clock.sleeps());
  }

  @Test
  void givesUpAfterRepeatedRefusals() {
    server.stubFor(get(urlEqualTo("/x")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));
    RateLimitException e = assertThrows(RateLimitException.class, () -> client().build().get("/x"));
    assertTrue(e.getMessage().contains("times in a row"), e.getMessage());
    assertEquals(ApiClient.MAX_RATE_LIMIT_WAITS, clock.sleeps().size());
  }

  @Test
  void aCancelDuringTheWaitEndsItPromptly() {
    server.stubFor(get(urlEqualTo("/x")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "600")));
    PauseListener cancelling = new PauseListener() {
      @Override
      public void pause(String reason, Instant resumeAt) {
        listener.pause(reason, resumeAt);
        clock.cancel(); // The host cancels while the client waits.
      }

      @Override
      public void resume() {
        listener.resume();
      }
    };
    ApiClient api = client().listener(cancelling).build();
    assertThrows(ExportCancelledException.class, () -> api.get("/x"));
    assertEquals(List.of(), clock.sleeps());
    assertEquals("resume", events.get(events.size() - 1), "a cancelled pause is still ended");
    server.verify(1, getRequestedFor(urlEqualTo("/x")));
  }

  @Test
  void anAbsurdRetryAfterIsAWaitTooLongNotACrash() {
    server.stubFor(get(urlEqualTo("/x")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "9223372036854775807")));
    ApiClient api = client().build();
    RateLimitException e = assertThrows(RateLimitException.class, () -> api.get("/x"));
    assertTrue(e.getMessage().contains("past the allowed"), e.getMessage());
    assertEquals(List.of(), clock.sleeps(), "no wait was started");
  }
}
