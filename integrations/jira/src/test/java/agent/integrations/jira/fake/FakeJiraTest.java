package agent.integrations.jira.fake;

import static agent.integrations.jira.fake.JiraHttp.header;
import static agent.integrations.jira.fake.JiraHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.integrations.jira.fake.FakeJira.Flavor;
import agent.testkit.fake.Fault;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The fake itself, over real HTTP: the platform endpoints, authentication, context path, faults, Agile. */
class FakeJiraTest {
  private FakeJira fake;

  @AfterEach
  void stop() {
    if (fake != null) {
      fake.close();
    }
  }

  private JiraHttp start(Flavor flavor) {
    fake = FakeJira.start(flavor, JiraFixtures.small(flavor));
    return new JiraHttp(fake);
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void myselfAndServerInfoSayWhoAndWhat(Flavor flavor) throws Exception {
    JiraHttp http = start(flavor);
    JsonNode me = http.apiJson("/myself");
    assertEquals("Ann Admin", me.path("displayName").asText());
    assertEquals("ann@example.com", me.path("emailAddress").asText());
    assertEquals("Europe/Berlin", me.path("timeZone").asText());
    JsonNode info = http.apiJson("/serverInfo");
    assertEquals(fake.url(), info.path("baseUrl").asText());
    if (flavor == Flavor.CLOUD) {
      assertEquals(JiraFixtures.ANN.accountId(), me.path("accountId").asText());
      assertEquals("atlassian", me.path("accountType").asText());
      assertFalse(me.has("key"));
      assertEquals("Cloud", info.path("deploymentType").asText());
      assertEquals(1001, info.path("versionNumbers").get(0).asInt());
    } else {
      assertEquals("JIRAUSER10000", me.path("key").asText());
      assertEquals("ann", me.path("name").asText());
      assertFalse(me.has("accountId"));
      assertEquals("Server", info.path("deploymentType").asText());
      assertEquals("[9,12,15]", info.path("versionNumbers").toString());
      fake.serverInfo("DataCenter", "10.3.1");
      assertEquals("DataCenter", http.apiJson("/serverInfo").path("deploymentType").asText());
    }
  }

  @Test
  void cloudPagesProjectsAndHidesTheUnbrowsable() throws Exception {
    JiraHttp http = start(Flavor.CLOUD);
    JsonNode first = http.apiJson("/project/search?startAt=0&maxResults=1");
    assertEquals(2, first.path("total").asInt());
    assertFalse(first.path("isLast").asBoolean());
    assertEquals("ENG", first.path("values").get(0).path("key").asText());
    assertEquals("Development", first.path("values").get(0).path("projectCategory").path("name").asText());
    assertFalse(first.path("values").get(0).has("lead"), "the lead only with expand=lead");
    assertTrue(first.path("nextPage").asText().contains("startAt=1"));
    JsonNode second = http.apiJson("/project/search?startAt=1&maxResults=1&expand=lead,description");
    assertTrue(second.path("isLast").asBoolean());
    assertEquals("OPS", second.path("values").get(0).path("key").asText());
    assertEquals("bob", second.path("values").get(0).path("lead").path("emailAddress").asText().split("@")[0]);
    assertEquals(50, http.apiJson("/project/search?maxResults=500").path("maxResults").asInt(), "capped and said so");
    assertEquals(1, http.apiJson("/project/search?keys=OPS").path("total").asInt());
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void projectsAndPermissions(Flavor flavor) throws Exception {
    JiraHttp http = start(flavor);
    JsonNode all = http.apiJson("/project");
    assertTrue(all.isArray());
    assertEquals(List.of("ENG", "OPS"), texts(all, "key"));
    JsonNode eng = http.apiJson("/project/ENG");
    assertEquals("Everything the product team builds.", eng.path("description").asText());
    assertEquals("Ann Admin", eng.path("lead").path("displayName").asText());
    assertEquals("software", eng.path("projectTypeKey").asText());
    HttpResponse<String> sec = http.api("/project/SEC");
    assertEquals(404, sec.statusCode());
    assertEquals("No project could be found with key 'SEC'.", json(sec).path("errorMessages").get(0).asText());

    JsonNode browse = http.apiJson("/mypermissions?projectKey=ENG&permissions=BROWSE_PROJECTS");
    assertTrue(browse.path("permissions").path("BROWSE_PROJECTS").path("havePermission").asBoolean());
    assertFalse(http.apiJson("/mypermissions?projectKey=SEC&permissions=BROWSE_PROJECTS")
        .path("permissions").path("BROWSE_PROJECTS").path("havePermission").asBoolean(true));
    assertEquals(404, http.api("/mypermissions?projectKey=NOPE&permissions=BROWSE_PROJECTS").statusCode());
    assertEquals(flavor == Flavor.CLOUD ? 400 : 200, http.api("/mypermissions?projectKey=ENG").statusCode());
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void theWorkflowConfigurationAndTimeTracking(Flavor flavor) throws Exception {
    JiraHttp http = start(flavor);
    JsonNode types = http.apiJson("/issuetype");
    JsonNode subtask = types.get(3);
    assertEquals("Sub-task", subtask.path("name").asText());
    assertTrue(subtask.path("subtask").asBoolean());
    assertEquals(flavor == Flavor.CLOUD, subtask.has("hierarchyLevel"));
    JsonNode statuses = http.apiJson("/status");
    assertEquals(List.of("new", "indeterminate", "indeterminate", "done"), new ArrayList<>(
        statuses.findValues("statusCategory").stream().map(c -> c.path("key").asText()).toList()));
    assertEquals(5, http.apiJson("/priority").size());
    assertEquals("Won't Do", http.apiJson("/resolution").get(1).path("name").asText());
    JsonNode config = http.apiJson("/configuration").path("timeTrackingConfiguration");
    assertEquals(7.5, config.path("workingHoursPerDay").asDouble());
    assertEquals(5.0, config.path("workingDaysPerWeek").asDouble());
    HttpResponse<String> options = http.api("/configuration/timetracking/options");
    if (flavor == Flavor.CLOUD) {
      assertEquals(7.5, json(options).path("workingHoursPerDay").asDouble());
      assertEquals("minute", json(options).path("defaultUnit").asText());
    } else {
      assertEquals(404, options.statusCode());
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void fieldsListSystemAndCustomFieldsWithTheirSchemas(Flavor flavor) throws Exception {
    JiraHttp http = start(flavor);
    JsonNode fields = http.apiJson("/field");
    JsonNode sprint = byId(fields, JiraFixtures.sprint(flavor));
    assertEquals("Sprint", sprint.path("name").asText());
    assertEquals("com.pyxis.greenhopper.jira:gh-sprint", sprint.path("schema").path("custom").asText());
    JsonNode points = byId(fields, JiraFixtures.storyPoints(flavor));
    assertEquals("number", points.path("schema").path("type").asText());
    assertEquals(flavor == Flavor.CLOUD ? "Story point estimate" : "Story Points", points.path("name").asText());
    JsonNode reviewers = byId(fields, JiraFixtures.REVIEWERS);
    assertEquals("user", reviewers.path("schema").path("items").asText());
    assertEquals(10201, reviewers.path("schema").path("customId").asInt());
    assertEquals("option", byId(fields, JiraFixtures.SEVERITY).path("schema").path("type").asText());
    assertEquals(flavor == Flavor.SERVER, byId(fields, JiraFixtures.EPIC_LINK) != null);
    assertEquals("summary", byId(fields, "summary").path("schema").path("system").asText());
    assertFalse(byId(fields, "summary").path("custom").asBoolean());
  }

  @Test
  void cloudWantsEmailAndApiToken() throws Exception {
    JiraHttp http = start(Flavor.CLOUD);
    fake.requireBasic("ann@example.com", "token-1");
    HttpResponse<String> none = http.api("/myself");
    assertEquals(401, none.statusCode());
    assertEquals(FakeJira.CLOUD_UNAUTHORIZED, none.body());
    assertEquals(401, http.basic("ann@example.com", "wrong").api("/myself").statusCode());
    assertEquals(401, http.bearer("token-1").api("/myself").statusCode(), "Cloud takes no PAT");
    assertEquals(200, http.basic("ann@example.com", "token-1").api("/myself").statusCode());
  }

  @Test
  void serverTakesPasswordOrPatAndAsksForACaptchaAfterFailedLogins() throws Exception {
    JiraHttp http = start(Flavor.SERVER);
    fake.requireBasic("ann", "secret").requireBearer("pat-1").captchaAfter(2);
    assertEquals(200, http.bearer("pat-1").api("/myself").statusCode());
    assertEquals(401, http.bearer("pat-2").api("/myself").statusCode());
    assertEquals(200, http.basic("ann", "secret").api("/myself").statusCode());
    for (int i = 0; i < 2; i++) {
      HttpResponse<String> wrong = http.basic("ann", "nope").api("/myself");
      assertEquals(401, wrong.statusCode());
      assertEquals("AUTHENTICATED_FAILED", header(wrong, "X-Seraph-LoginReason"));
    }
    HttpResponse<String> denied = http.basic("ann", "secret").api("/myself");
    assertEquals(403, denied.statusCode(), "right password, but a CAPTCHA stands in the way");
    assertEquals("AUTHENTICATION_DENIED", header(denied, "X-Seraph-LoginReason"));
    assertEquals("CAPTCHA_CHALLENGE; login-url=" + fake.url() + "/login.jsp",
        header(denied, "X-Authentication-Denied-Reason"));
    assertEquals(200, http.bearer("pat-1").api("/myself").statusCode(), "a PAT is no login");
    fake.reset();
    assertEquals(200, http.basic("ann", "secret").api("/myself").statusCode());
  }

  @Test
  void aContextPathIsPartOfTheSite() throws Exception {
    JiraHttp http = start(Flavor.SERVER);
    fake.withContextPath("/jira/");
    assertTrue(fake.url().endsWith("/jira"));
    assertEquals(fake.url(), http.apiJson("/serverInfo").path("baseUrl").asText());
    assertTrue(http.apiJson("/project/ENG").path("self").asText().startsWith(fake.url() + "/rest/api/2/"));
    HttpResponse<String> outside = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(fake.url().replace("/jira", "") + "/rest/api/2/myself")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(404, outside.statusCode());
    assertEquals(1, fake.requestsTo("/rest/api/2/serverInfo"));
    assertEquals("GET /rest/api/2/project/ENG", fake.requestLog().get(1));
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void tooManyRequestsCarriesRetryAfterAndThenPasses(Flavor flavor) throws Exception {
    JiraHttp http = start(flavor);
    Fault<FakeRequest> fault = fake.tooManyRequestsNext("GET", ".*/myself", 7);
    HttpResponse<String> limited = http.api("/myself");
    assertEquals(429, limited.statusCode());
    assertEquals("7", header(limited, "Retry-After"));
    assertEquals("0", header(limited, "X-RateLimit-Remaining"));
    if (flavor == Flavor.CLOUD) {
      assertTrue(header(limited, "X-RateLimit-Reset").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\dZ"));
      assertEquals("jira-burst-based", header(limited, "RateLimit-Reason"));
    }
    assertTrue(fault.spent());
    assertEquals(200, http.api("/myself").statusCode());
    assertEquals(2, fake.requestsTo(fake.api() + "/myself"));
  }

  @Test
  void cloudMayGiveOnlyTheResetInstant() throws Exception {
    JiraHttp http = start(Flavor.CLOUD);
    fake.rateLimitedUntilNext("*", ".*", Instant.parse("2030-01-01T10:15:00Z"));
    HttpResponse<String> limited = http.api("/field");
    assertEquals(429, limited.statusCode());
    assertNull(header(limited, "Retry-After"));
    assertEquals("2030-01-01T10:15Z", header(limited, "X-RateLimit-Reset"));
  }

  @Test
  void faultsFireTheirTimesAndOnlyWhenTheirConditionHolds() throws Exception {
    JiraHttp http = start(Flavor.SERVER);
    Fault<FakeRequest> unavailable = fake.unavailableNext("GET", "/rest/api/2/issue/.*", 30).times(2);
    Fault<FakeRequest> onlySecondPage = fake.failNext("GET", "/rest/api/2/search", 500, "{}")
        .when(r -> "50".equals(r.param("startAt")));
    assertEquals(503, http.api("/issue/ENG-1").statusCode());
    HttpResponse<String> again = http.api("/issue/ENG-1/comment");
    assertEquals(503, again.statusCode());
    assertEquals("30", header(again, "Retry-After"));
    assertEquals(200, http.api("/issue/ENG-1").statusCode());
    assertEquals(2, unavailable.fired());
    assertEquals(200, http.api("/search?jql=project%3DENG").statusCode());
    assertEquals(500, http.api("/search?jql=project%3DENG&startAt=50").statusCode());
    assertEquals(1, onlySecondPage.fired());
    assertEquals(5, fake.requests());
    assertEquals(3, fake.requestsTo("/rest/api/2/issue/"));
    fake.reset();
    assertEquals(0, fake.requests());
    assertTrue(fake.requestLog().isEmpty());
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void agileBoardsAndSprints(Flavor flavor) throws Exception {
    JiraHttp http = start(flavor);
    JsonNode boards = json(http.get("/rest/agile/1.0/board"));
    assertEquals(2, boards.path("total").asInt());
    assertTrue(boards.path("isLast").asBoolean());
    assertEquals("ENG", boards.path("values").get(0).path("location").path("projectKey").asText());
    assertEquals(1, json(http.get("/rest/agile/1.0/board?projectKeyOrId=OPS")).path("values").size());
    JsonNode sprints = json(http.get("/rest/agile/1.0/board/1/sprint?maxResults=2"));
    assertFalse(sprints.path("isLast").asBoolean());
    assertEquals(2, sprints.path("values").size());
    JsonNode closed = sprints.path("values").get(0);
    assertEquals("closed", closed.path("state").asText());
    assertEquals("2024-03-01T09:00:00.000Z", closed.path("startDate").asText());
    assertEquals("2024-03-15T10:00:00.000Z", closed.path("completeDate").asText());
    assertEquals(1, closed.path("originBoardId").asInt());
    JsonNode future = json(http.get("/rest/agile/1.0/board/1/sprint?startAt=2")).path("values").get(0);
    assertFalse(future.has("startDate"));
    assertEquals("ENG Sprint 2", json(http.get("/rest/agile/1.0/board/1/sprint?state=active"))
        .path("values").get(0).path("name").asText());
    HttpResponse<String> kanban = http.get("/rest/agile/1.0/board/2/sprint");
    assertEquals(400, kanban.statusCode());
    assertEquals("The board does not support sprints", json(kanban).path("errorMessages").get(0).asText());
    assertEquals(404, http.get("/rest/agile/1.0/board/99").statusCode());
  }

  static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.path(field).asText()));
    return out;
  }

  static JsonNode byId(JsonNode array, String id) {
    for (JsonNode n : array) {
      if (n.path("id").asText().equals(id)) {
        return n;
      }
    }
    return null;
  }
}
