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
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.PluginLogger;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Credentials on the wire, the classification of refusals, and secrets kept out of messages and logs. */
class AuthAndErrorsTest extends WireMockSupport {
  private static final String TOKEN = "ghp_s3cr3tT0kenValue0123456789";

  @Test
  void bearerBasicAndHeaderCredentialsAreSent() {
    server.stubFor(get(urlEqualTo("/me")).willReturn(aResponse().withStatus(200)));
    client().auth(Auth.bearer(TOKEN)).build().get("/me");
    server.verify(getRequestedFor(urlEqualTo("/me")).withHeader("Authorization", equalTo("Bearer " + TOKEN)));

    server.resetRequests();
    client().auth(Auth.basic("ann@example.com", "atl-api-token")).build().get("/me");
    server.verify(getRequestedFor(urlEqualTo("/me")).withBasicAuth(
        new com.github.tomakehurst.wiremock.client.BasicCredentials("ann@example.com", "atl-api-token")));

    server.resetRequests();
    client().auth(Auth.header("PRIVATE-TOKEN", "glpat-abcdefgh")).build().get("/me");
    server.verify(getRequestedFor(urlEqualTo("/me")).withHeader("PRIVATE-TOKEN", equalTo("glpat-abcdefgh")));
  }

  @Test
  void credentialsAreNotSentToAnotherHost() {
    // "localhost" and "127.0.0.1" reach the same server but are different hosts to the client.
    server.stubFor(get(urlEqualTo("/elsewhere")).willReturn(aResponse().withStatus(200)));
    ApiClient api = client().auth(Auth.bearer(TOKEN)).build();
    api.get("http://localhost:" + server.port() + "/elsewhere");
    server.verify(getRequestedFor(urlEqualTo("/elsewhere")).withHeader("Authorization", absent()));
  }

  @Test
  void aRefreshingTokenIsFetchedAgainOnceOnA401() {
    server.stubFor(get(urlEqualTo("/me")).withHeader("Authorization", equalTo("Bearer old-token-1"))
        .willReturn(aResponse().withStatus(401)));
    server.stubFor(get(urlEqualTo("/me")).withHeader("Authorization", equalTo("Bearer new-token-2"))
        .willReturn(aResponse().withStatus(200).withBody("{}")));
    AtomicInteger calls = new AtomicInteger();
    List<String> tokens = List.of("old-token-1", "new-token-2", "never-used-3");
    ApiClient api = client().auth(Auth.refreshing(() -> tokens.get(calls.getAndIncrement()))).build();

    assertEquals(200, api.get("/me").status());
    assertEquals(2, calls.get());

    server.stubFor(get(urlEqualTo("/me")).willReturn(aResponse().withStatus(401)));
    assertThrows(CredentialsException.class, () -> api.get("/me"));
    assertEquals(3, calls.get(), "one refresh per request, then the 401 is final");
  }

  @Test
  void refusalsAreClassifiedWithASentenceForTheOperator() {
    server.stubFor(get(urlEqualTo("/orgs/acme/repos")).willReturn(aResponse().withStatus(401)
        .withBody("{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\"}")));
    server.stubFor(get(urlEqualTo("/orgs/acme")).willReturn(aResponse().withStatus(403)
        .withBody("{\"message\":\"Resource not accessible by integration\"}")));
    server.stubFor(get(urlEqualTo("/repos/acme/gone")).willReturn(aResponse().withStatus(404)
        .withBody("{\"message\":\"Not Found\"}")));
    ApiClient api = client().credentialsHint("access_token").build();

    CredentialsException e401 = assertThrows(CredentialsException.class, () -> api.get("/orgs/acme/repos"));
    assertEquals("GET " + baseUrl() + "/orgs/acme/repos answered 401 Unauthorized: the credentials were rejected;"
        + " check access_token and its scopes", e401.getMessage());
    assertEquals(401, e401.status());
    assertEquals("GET", e401.method());

    CredentialsException e403 = assertThrows(CredentialsException.class, () -> api.get("/orgs/acme"));
    assertTrue(e403.getMessage().contains("403 Forbidden") && e403.getMessage().contains("scopes")
        && e403.getMessage().contains("Resource not accessible by integration"), e403.getMessage());

    NotFoundException e404 = assertThrows(NotFoundException.class, () -> api.get("/repos/acme/gone"));
    assertEquals(baseUrl() + "/repos/acme/gone", e404.url());
    assertTrue(e404.getMessage().contains("404 Not Found: it is gone"), e404.getMessage());
  }

  @Test
  void aMalformedRequestCarriesTheServersMessage() {
    // GitHub's 422 body, as in its REST docs on client errors.
    server.stubFor(get(urlPathEqualTo("/repos/acme/api/issues")).willReturn(aResponse().withStatus(422).withBody(
        "{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"Issue\",\"field\":\"title\",\"code\":\"missing_field\"}]}")));
    // Jira's error collection.
    server.stubFor(get(urlPathEqualTo("/rest/api/2/search")).willReturn(aResponse().withStatus(400).withBody(
        "{\"errorMessages\":[\"Field 'foo' does not exist or you do not have permission to view it.\"],\"errors\":{}}")));
    ApiClient api = client().build();

    BadRequestException gh = assertThrows(BadRequestException.class, () -> api.get("/repos/acme/api/issues"));
    assertEquals("Validation Failed; title missing_field", gh.serverMessage());
    assertTrue(gh.getMessage().contains("422 Unprocessable Entity: Validation Failed"), gh.getMessage());

    BadRequestException jira = assertThrows(BadRequestException.class, () -> api.get("/rest/api/2/search?jql=foo"));
    assertTrue(jira.serverMessage().startsWith("Field 'foo' does not exist"), jira.serverMessage());
    assertEquals(0, stats.snapshot().retries());
  }

  @Test
  void secretsNeverReachMessagesOrLogs() {
    // The server echoes what it got, as some do in error bodies.
    server.stubFor(get(urlPathEqualTo("/api/v4/projects")).willReturn(aResponse().withStatus(401)
        .withBody("{\"message\":\"token " + TOKEN + " rejected\"}")));
    server.stubFor(get(urlPathEqualTo("/api/v4/groups")).willReturn(aResponse().withStatus(500)));
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    ApiClient api = client().auth(Auth.bearer(TOKEN)).retries(2, java.time.Duration.ofMinutes(1))
        .log(new PluginLogger(new PrintStream(logged, true, StandardCharsets.UTF_8))).build();

    HttpException e1 = assertThrows(HttpException.class,
        () -> api.get("/api/v4/projects?private_token=glpat-querysecret&access_token=oauth-querysecret&page=2"));
    HttpException e2 = assertThrows(HttpException.class, () -> api.get("/api/v4/groups?private_token=glpat-querysecret"));
    String log = logged.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("request failed, retrying"), log);
    for (String text : List.of(e1.getMessage(), e1.url(), e2.getMessage(), e2.url(), log)) {
      assertFalse(text.contains(TOKEN), text);
      assertFalse(text.contains("querysecret"), text);
    }
    assertTrue(e1.getMessage().contains("private_token=REDACTED&access_token=REDACTED&page=2"), e1.getMessage());
    assertEquals("GET x Basic REDACTED", new Redactor(Auth.basic("u", "hunter22")::secrets).redact("GET x Basic "
        + java.util.Base64.getEncoder().encodeToString("u:hunter22".getBytes(StandardCharsets.UTF_8))),
        "a basic password is redacted too");
    assertEquals("https://u:REDACTED@proxy:3128", Redactor.none().redact("https://u:pw@proxy:3128"));
  }

  @Test
  void aContextPathOfTheBaseUrlIsKept() {
    server.stubFor(get(urlEqualTo("/jira/rest/api/2/myself")).willReturn(aResponse().withStatus(200).withBody("{\"name\":\"ann\"}")));
    ApiClient api = client().baseUrl(baseUrl() + "/jira/").build();
    assertEquals("ann", api.get("/rest/api/2/myself").json().path("name").asText());
    assertEquals("ann", api.send(ApiRequest.get("rest/api/2/myself")).json().path("name").asText());
  }

  @Test
  void queryParametersAreEncoded() {
    server.stubFor(get(urlPathEqualTo("/rest/api/3/search/jql")).willReturn(aResponse().withStatus(200)));
    client().build().send(ApiRequest.get("/rest/api/3/search/jql?maxResults=1").query("jql", "project = ABC & x")
        .withQuery("maxResults", 50));
    server.verify(getRequestedFor(urlPathEqualTo("/rest/api/3/search/jql"))
        .withQueryParam("jql", equalTo("project = ABC & x")).withQueryParam("maxResults", equalTo("50")));
    // Each parameter once: a replaced one leaves no empty twin behind.
    assertEquals("/rest/api/3/search/jql?jql=project%20%3D%20ABC%20%26%20x&maxResults=50",
        server.getAllServeEvents().get(0).getRequest().getUrl());
    assertInstanceOf(RequestStats.class, stats);
  }
}
