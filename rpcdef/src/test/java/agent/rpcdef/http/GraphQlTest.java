package agent.rpcdef.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GitHub GraphQL: errors under 200, RATE_LIMITED, the reported cost, and pages that shrink under load. */
class GraphQlTest extends WireMockSupport {
  private static final String PRS = "query($owner:String!,$first:Int!,$after:String){repository(owner:$owner,name:\"api\")"
      + "{pullRequests(first:$first,after:$after){pageInfo{hasNextPage endCursor} nodes{number}}}"
      + " rateLimit{cost limit remaining resetAt}}";

  private String page(int from, int n, boolean hasNext, String cursor) {
    StringBuilder nodes = new StringBuilder();
    for (int i = 0; i < n; i++) {
      nodes.append(i == 0 ? "" : ",").append("{\"number\":").append(from + i).append('}');
    }
    return "{\"data\":{\"repository\":{\"pullRequests\":{\"pageInfo\":{\"hasNextPage\":" + hasNext + ",\"endCursor\":"
        + (cursor == null ? "null" : "\"" + cursor + "\"") + "},\"nodes\":[" + nodes + "]}},"
        + "\"rateLimit\":{\"cost\":1,\"limit\":5000,\"remaining\":4990,\"resetAt\":\"2026-01-01T01:00:00Z\"}}}";
  }

  @Test
  void errorsUnderA200AreRaisedWithTheirMessages() {
    server.stubFor(post(urlEqualTo("/graphql")).willReturn(aResponse().withStatus(200).withBody(
        "{\"data\":{\"repository\":null},\"errors\":[{\"type\":\"NOT_FOUND\",\"path\":[\"repository\"],"
            + "\"message\":\"Could not resolve to a Repository with the name 'acme/gone'.\"}]}")));
    GraphQl gql = new GraphQl(client().build(), "/graphql");
    GraphQlException e = assertThrows(GraphQlException.class, () -> gql.query("{repository(owner:\"acme\",name:\"gone\"){id}}", Map.of()));
    assertEquals(List.of("NOT_FOUND"), e.types());
    assertTrue(e.getMessage().contains("Could not resolve to a Repository with the name 'acme/gone'."), e.getMessage());
    assertTrue(e.data().path("repository").isNull());
  }

  @Test
  void rateLimitedIsWaitedOutThenRetried() {
    server.stubFor(post(urlEqualTo("/graphql")).inScenario("rl").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(200).withHeader("x-ratelimit-remaining", "0")
            .withHeader("x-ratelimit-reset", String.valueOf(epoch(600)))
            .withBody("{\"errors\":[{\"type\":\"RATE_LIMITED\",\"message\":\"API rate limit exceeded for user ID 1.\"}]}"))
        .willSetStateTo("ok"));
    server.stubFor(post(urlEqualTo("/graphql")).inScenario("rl").whenScenarioStateIs("ok")
        .willReturn(aResponse().withStatus(200).withBody("{\"data\":{\"viewer\":{\"login\":\"ann\"}}}")));
    List<String> events = new ArrayList<>();
    ApiClient api = client().rateLimits(RateLimitPolicy.github()).listener(new PauseListener() {
      @Override
      public void pause(String reason, Instant resumeAt) {
        events.add(reason);
      }

      @Override
      public void resume() {
        events.add("resume");
      }
    }).build();

    JsonNode data = new GraphQl(api, "/graphql").query("{viewer{login}}", Map.of());
    assertEquals("ann", data.path("viewer").path("login").asText());
    assertEquals(List.of(Duration.ofSeconds(600)), clock.sleeps());
    assertEquals(2, events.size());
    assertTrue(events.get(0).startsWith("GraphQL rate limit"), events.toString());
    assertEquals(1, stats.snapshot().rateLimitWaits());
  }

  @Test
  void theReasonOfAWaitIsRedactedBeforeItIsReported() {
    // A server quoting the credentials in its error: the pause reason reaches logs and the host.
    server.stubFor(post(urlEqualTo("/graphql")).inScenario("rl").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(200)
            .withBody("{\"errors\":[{\"type\":\"RATE_LIMITED\",\"message\":\"limit for token ghp_s3cr3tT0ken\"}]}"))
        .willSetStateTo("ok"));
    server.stubFor(post(urlEqualTo("/graphql")).inScenario("rl").whenScenarioStateIs("ok")
        .willReturn(aResponse().withStatus(200).withBody("{\"data\":{}}")));
    List<String> reasons = new ArrayList<>();
    ApiClient api = client().auth(Auth.bearer("ghp_s3cr3tT0ken")).rateLimits(RateLimitPolicy.github())
        .listener(new PauseListener() {
          @Override
          public void pause(String reason, Instant resumeAt) {
            reasons.add(reason);
          }

          @Override
          public void resume() {}
        }).build();
    new GraphQl(api, "/graphql").query("{viewer{login}}", Map.of());
    assertEquals(1, reasons.size());
    assertFalse(reasons.get(0).contains("ghp_s3cr3tT0ken"), reasons.get(0));
  }

  @Test
  void theReportedCostIsExposedAndFedToPacing() {
    server.stubFor(post(urlEqualTo("/graphql")).willReturn(aResponse().withStatus(200).withBody(
        "{\"data\":{\"viewer\":{\"login\":\"ann\"},\"rateLimit\":{\"cost\":3,\"limit\":5000,\"remaining\":20,"
            + "\"resetAt\":\"2026-01-01T00:10:00Z\"}}}")));
    ApiClient api = client().rateLimits(RateLimitPolicy.github()).build();
    GraphQl gql = new GraphQl(api, "/graphql");
    gql.query("{viewer{login} rateLimit{cost limit remaining resetAt}}", Map.of());
    assertEquals(new GraphQlRateLimit(3, 5000, 20, Instant.parse("2026-01-01T00:10:00Z")), gql.lastRateLimit());
    gql.query("{viewer{login}}", Map.of());
    // 20 points left for 600 s: the next query waits 30 s.
    assertEquals(List.of(Duration.ofSeconds(30)), clock.sleeps());
  }

  @Test
  void pagesFollowPageInfoAndShrinkOnGatewayTimeoutsThenGrowBack() {
    // Page 1 at 100 times out; at 50 it comes; later pages come at 50 until three successes grow it back.
    server.stubFor(post(urlEqualTo("/graphql")).withRequestBody(matchingJsonPath("$.variables.first", com.github.tomakehurst.wiremock.client.WireMock.equalTo("100")))
        .withRequestBody(matchingJsonPath("$.variables[?(!@.after)]"))
        .willReturn(aResponse().withStatus(502).withBody("{\"message\":\"Server Error\"}")));
    server.stubFor(post(urlEqualTo("/graphql")).withRequestBody(matchingJsonPath("$.variables.first", com.github.tomakehurst.wiremock.client.WireMock.equalTo("50")))
        .withRequestBody(matchingJsonPath("$.variables[?(!@.after)]"))
        .willReturn(aResponse().withStatus(200).withBody(page(1, 2, true, "c1"))));
    server.stubFor(post(urlEqualTo("/graphql")).withRequestBody(matchingJsonPath("$.variables.after", com.github.tomakehurst.wiremock.client.WireMock.equalTo("c1")))
        .willReturn(aResponse().withStatus(200).withBody(page(3, 2, true, "c2"))));
    server.stubFor(post(urlEqualTo("/graphql")).withRequestBody(matchingJsonPath("$.variables.after", com.github.tomakehurst.wiremock.client.WireMock.equalTo("c2")))
        .willReturn(aResponse().withStatus(200).withBody(page(5, 1, false, null))));
    GraphQlPageSize size = new GraphQlPageSize(100, 10);
    GraphQl gql = new GraphQl(client().build(), "/graphql");

    List<Integer> numbers = new ArrayList<>();
    gql.nodes(PRS, Map.of("owner", "acme"), "/repository/pullRequests", size).forEach(n -> numbers.add(n.path("number").asInt()));
    assertEquals(List.of(1, 2, 3, 4, 5), numbers);
    server.verify(1, postRequestedFor(urlEqualTo("/graphql")).withRequestBody(matchingJsonPath("$.variables.first",
        com.github.tomakehurst.wiremock.client.WireMock.equalTo("100"))));
    server.verify(postRequestedFor(urlEqualTo("/graphql")).withRequestBody(matchingJsonPath("$.variables.owner",
        com.github.tomakehurst.wiremock.client.WireMock.equalTo("acme"))));
    assertEquals(100, size.current(), "three pages in a row grow it back");
    assertEquals(List.of(), clock.sleeps(), "a smaller page is the remedy, not a wait");
  }

  @Test
  void thePageSizeHalvesToItsMinimumAndGrowsToItsStart() {
    GraphQlPageSize s = new GraphQlPageSize(100, 20);
    assertTrue(s.shrink());
    assertTrue(s.shrink());
    assertEquals(25, s.current());
    assertTrue(s.shrink());
    assertEquals(20, s.current());
    assertTrue(!s.shrink());
    for (int i = 0; i < 3 * GraphQlPageSize.GROW_AFTER; i++) {
      s.succeeded();
    }
    assertEquals(100, s.current());
  }
}
