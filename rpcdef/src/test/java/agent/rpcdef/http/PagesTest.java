package agent.rpcdef.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.IntegrationException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each pagination scheme against the pages a vendor really sends, one request per page. */
class PagesTest extends WireMockSupport {

  private static List<String> names(Iterable<JsonNode> items, String field) {
    List<String> out = new ArrayList<>();
    items.forEach(i -> out.add(i.path(field).asText()));
    return out;
  }

  @Test
  void linkPagesFollowTheNextUrlExactlyAmongOtherRels() {
    // GitHub's Link header: next, last, first and prev in any order; an opaque cursor in the URL.
    String p2 = baseUrl() + "/orgs/acme/repos?per_page=2&after=Y3Vyc29yOnYyOpK5&direction=asc";
    server.stubFor(get(urlEqualTo("/orgs/acme/repos?per_page=2")).willReturn(aResponse().withStatus(200)
        .withHeader("Link", "<" + p2 + ">; rel=\"next\", <" + baseUrl() + "/orgs/acme/repos?per_page=2&page=9>; rel=\"last\"")
        .withBody("[{\"name\":\"a\"},{\"name\":\"b\"}]")));
    server.stubFor(get(urlEqualTo("/orgs/acme/repos?per_page=2&after=Y3Vyc29yOnYyOpK5&direction=asc"))
        .willReturn(aResponse().withStatus(200)
            .withHeader("Link", "<" + baseUrl() + "/orgs/acme/repos?per_page=2>; rel=\"prev first\"")
            .withBody("[{\"name\":\"c\"}]")));
    ApiClient api = client().build();

    Iterator<JsonNode> it = Pages.items(Pages.link(api, ApiRequest.get("/orgs/acme/repos?per_page=2")), "").iterator();
    server.verify(0, getRequestedFor(urlPathEqualTo("/orgs/acme/repos")));
    assertEquals("a", it.next().path("name").asText());
    server.verify(1, getRequestedFor(urlPathEqualTo("/orgs/acme/repos")));
    List<String> rest = new ArrayList<>();
    it.forEachRemaining(n -> rest.add(n.path("name").asText()));
    assertEquals(List.of("b", "c"), rest);
    server.verify(2, getRequestedFor(urlPathEqualTo("/orgs/acme/repos")));
    assertEquals(p2, Pages.nextLink(List.of("<https://x/first>; rel=\"first\"", "<" + p2 + ">; rel=next")));
  }

  @Test
  void offsetPagesAdvanceByWhatTheServerReallyReturned() {
    // Asked for 100, Jira caps at 50 without saying so in the request.
    server.stubFor(get(urlPathEqualTo("/rest/api/2/search")).withQueryParam("startAt", equalTo("0"))
        .willReturn(aResponse().withStatus(200).withBody(jiraPage(0, 2, 5, false))));
    server.stubFor(get(urlPathEqualTo("/rest/api/2/search")).withQueryParam("startAt", equalTo("2"))
        .willReturn(aResponse().withStatus(200).withBody(jiraPage(2, 2, 5, false))));
    server.stubFor(get(urlPathEqualTo("/rest/api/2/search")).withQueryParam("startAt", equalTo("4"))
        .willReturn(aResponse().withStatus(200).withBody(jiraPage(4, 1, 5, false))));
    ApiClient api = client().build();

    List<String> keys = names(Pages.items(Pages.offset(api, ApiRequest.get("/rest/api/2/search").query("jql", "project=ABC"),
        "issues", 100), "/issues"), "key");
    assertEquals(List.of("ABC-0", "ABC-1", "ABC-2", "ABC-3", "ABC-4"), keys);
    server.verify(3, getRequestedFor(urlPathEqualTo("/rest/api/2/search")).withQueryParam("maxResults", equalTo("100")));
  }

  @Test
  void offsetPagesStopOnAnEmptyPageOrIsLast() {
    // Agile's /board: no total, isLast; here isLast never comes true and an empty page ends it.
    server.stubFor(get(urlPathEqualTo("/rest/agile/1.0/board")).withQueryParam("startAt", equalTo("0"))
        .willReturn(aResponse().withStatus(200).withBody("{\"maxResults\":2,\"startAt\":0,\"isLast\":false,\"values\":[{\"id\":1},{\"id\":2}]}")));
    server.stubFor(get(urlPathEqualTo("/rest/agile/1.0/board")).withQueryParam("startAt", equalTo("2"))
        .willReturn(aResponse().withStatus(200).withBody("{\"maxResults\":2,\"startAt\":2,\"isLast\":false,\"values\":[]}")));
    ApiClient api = client().build();
    assertEquals(List.of("1", "2"), names(Pages.items(Pages.offset(api, ApiRequest.get("/rest/agile/1.0/board"), "values", 2),
        "/values"), "id"));

    server.stubFor(get(urlPathEqualTo("/rest/agile/1.0/board")).withQueryParam("startAt", equalTo("0"))
        .willReturn(aResponse().withStatus(200).withBody("{\"maxResults\":2,\"startAt\":0,\"isLast\":true,\"values\":[{\"id\":1},{\"id\":2}]}")));
    server.resetRequests();
    assertEquals(2, Pages.all(Pages.offset(api, ApiRequest.get("/rest/agile/1.0/board"), "values", 2)).get(0)
        .json().path("values").size());
    server.verify(1, getRequestedFor(urlPathEqualTo("/rest/agile/1.0/board")));
  }

  @Test
  void bodyTokenPagesFollowNextPageToken() {
    // Jira Cloud's enhanced search: nextPageToken until the last page, which has isLast and no token.
    server.stubFor(get(urlPathEqualTo("/rest/api/3/search/jql")).withQueryParam("nextPageToken", absent())
        .willReturn(aResponse().withStatus(200).withBody("{\"issues\":[{\"key\":\"A-1\"}],\"nextPageToken\":\"CAEaAggD\",\"isLast\":false}")));
    server.stubFor(get(urlPathEqualTo("/rest/api/3/search/jql")).withQueryParam("nextPageToken", equalTo("CAEaAggD"))
        .willReturn(aResponse().withStatus(200).withBody("{\"issues\":[{\"key\":\"A-2\"}],\"isLast\":true}")));
    ApiClient api = client().build();
    ApiRequest first = ApiRequest.get("/rest/api/3/search/jql").query("jql", "project = A").query("maxResults", 50);
    assertEquals(List.of("A-1", "A-2"), names(Pages.items(Pages.bodyToken(api, first, "nextPageToken", "nextPageToken"),
        "/issues"), "key"));
    server.verify(getRequestedFor(urlPathEqualTo("/rest/api/3/search/jql")).withQueryParam("jql", equalTo("project = A"))
        .withQueryParam("nextPageToken", equalTo("CAEaAggD")));
  }

  @Test
  void gitlabPagesFollowXNextPageUntilItIsEmpty() {
    server.stubFor(get(urlPathEqualTo("/api/v4/projects")).withQueryParam("page", absent())
        .willReturn(aResponse().withStatus(200).withHeader("X-Next-Page", "2").withHeader("X-Page", "1")
            .withBody("[{\"path\":\"a\"}]")));
    // No X-Total, as GitLab does past 10,000 items; the last page has an empty X-Next-Page.
    server.stubFor(get(urlPathEqualTo("/api/v4/projects")).withQueryParam("page", equalTo("2"))
        .willReturn(aResponse().withStatus(200).withHeader("X-Next-Page", "").withHeader("X-Page", "2")
            .withBody("[{\"path\":\"b\"}]")));
    ApiClient api = client().build();
    List<String> paths = names(Pages.items(Pages.nextPageHeader(api, ApiRequest.get("/api/v4/projects").query("per_page", 100)),
        ""), "path");
    assertEquals(List.of("a", "b"), paths);
    server.verify(getRequestedFor(urlPathEqualTo("/api/v4/projects")).withQueryParam("page", equalTo("2"))
        .withQueryParam("per_page", equalTo("100")));
    assertFalse(Pages.nextPageHeader(api, ApiRequest.get("/api/v4/projects?page=2")).iterator().next().json().isEmpty());
  }

  private static String jiraPage(int startAt, int n, int total, boolean isLast) {
    StringBuilder issues = new StringBuilder();
    for (int i = 0; i < n; i++) {
      issues.append(i == 0 ? "" : ",").append("{\"key\":\"ABC-").append(startAt + i).append("\"}");
    }
    return "{\"startAt\":" + startAt + ",\"maxResults\":" + n + ",\"total\":" + total + ",\"isLast\":" + isLast
        + ",\"issues\":[" + issues + "]}";
  }

  @Test
  void aRelativeNextLinkIsResolvedAgainstThePageThatGaveIt() {
    // Jira Server under a context path answers with a path-absolute link; another server with a query only.
    server.stubFor(get(urlEqualTo("/jira/rest/api/2/items")).willReturn(aResponse().withStatus(200)
        .withHeader("Link", "</jira/rest/api/2/items?startAt=1>; rel=\"next\"").withBody("[{\"name\":\"a\"}]")));
    server.stubFor(get(urlEqualTo("/jira/rest/api/2/items?startAt=1")).willReturn(aResponse().withStatus(200)
        .withHeader("Link", "<?startAt=2>; rel=\"next\"").withBody("[{\"name\":\"b\"}]")));
    server.stubFor(get(urlEqualTo("/jira/rest/api/2/items?startAt=2")).willReturn(aResponse().withStatus(200)
        .withBody("[{\"name\":\"c\"}]")));
    ApiClient api = client().baseUrl(baseUrl() + "/jira").build();
    assertEquals(List.of("a", "b", "c"), names(Pages.items(Pages.link(api, ApiRequest.get("/rest/api/2/items")), ""), "name"));
  }

  @Test
  void pagesAreNeverConditionalSoAnUnchangedFirstPageDoesNotEndTheListing() {
    // With an ETag remembered for page 1, a conditional request would get a 304 with no body and no Link.
    server.stubFor(get(urlEqualTo("/repos")).withHeader("If-None-Match", equalTo("\"v1\""))
        .willReturn(aResponse().withStatus(304)));
    server.stubFor(get(urlEqualTo("/repos")).withHeader("If-None-Match", absent()).willReturn(aResponse().withStatus(200)
        .withHeader("ETag", "\"v1\"").withHeader("Link", "<" + baseUrl() + "/repos?page=2>; rel=\"next\"")
        .withBody("[{\"name\":\"a\"}]")));
    server.stubFor(get(urlEqualTo("/repos?page=2")).willReturn(aResponse().withStatus(200).withBody("[{\"name\":\"b\"}]")));
    EtagCache etags = new EtagCache();
    ApiClient api = client().etagCache(etags).build();
    assertEquals(200, api.get("/repos").status());
    assertEquals(304, api.get("/repos").status(), "a plain GET is conditional once the ETag is known");
    assertEquals(List.of("a", "b"), names(Pages.items(Pages.link(api, ApiRequest.get("/repos")), ""), "name"));
  }

  @Test
  void aServerThatNamesTheSamePageAsNextIsStoppedNotReadForever() {
    server.stubFor(get(urlEqualTo("/loop?page=1")).willReturn(aResponse().withStatus(200)
        .withHeader("Link", "<" + baseUrl() + "/loop?page=1>; rel=\"next\"").withBody("[{\"name\":\"a\"}]")));
    ApiClient api = client().build();
    IntegrationException e = assertThrows(IntegrationException.class,
        () -> names(Pages.items(Pages.link(api, ApiRequest.get("/loop?page=1")), ""), "name"));
    assertTrue(e.getMessage().contains("names itself as its next page"), e.getMessage());
    server.verify(1, getRequestedFor(urlEqualTo("/loop?page=1")));
  }
}
