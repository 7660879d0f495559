package agent.integrations.jira.fake;

import static agent.integrations.jira.fake.FakeJiraTest.texts;
import static agent.integrations.jira.fake.JiraHttp.json;
import static agent.integrations.jira.fake.JiraHttp.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.integrations.jira.fake.FakeJira.Flavor;
import agent.integrations.jira.fake.JiraData.Issue;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Search over real HTTP: caps, both pagings, JQL and its time zone, embedded lists, follow-ups, deletion. */
class FakeJiraSearchTest {
  private FakeJira fake;

  @AfterEach
  void stop() {
    if (fake != null) {
      fake.close();
    }
  }

  private JiraHttp start(Flavor flavor, JiraData data) {
    fake = FakeJira.start(flavor, data);
    return new JiraHttp(fake);
  }

  /** The flavour's search path with {@code query}. */
  private String search(String query) {
    return (fake.flavor() == Flavor.CLOUD ? "/search/jql?" : "/search?") + query;
  }

  /** Every issue of a search for {@code jql} with {@code extra} parameters, keyed by key. */
  private Map<String, JsonNode> all(JiraHttp http, String jql, String extra) throws Exception {
    Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
    JsonNode page = http.apiJson(search("jql=" + q(jql) + "&maxResults=100&" + extra));
    page.path("issues").forEach(i -> out.put(i.path("key").asText(), i));
    return out;
  }

  @Test
  void serverCapsMaxResultsSilentlyAndSaysSoInTheAnswer() throws Exception {
    JiraHttp http = start(Flavor.SERVER, JiraFixtures.budget(Flavor.SERVER, 120, 1));
    Set<String> keys = new LinkedHashSet<>();
    int startAt = 0;
    int pages = 0;
    while (true) {
      JsonNode page = http.apiJson(search("jql=" + q("project = ENG ORDER BY updated ASC") + "&fields=summary"
          + "&maxResults=100&startAt=" + startAt));
      assertEquals(50, page.path("maxResults").asInt());
      assertEquals(120, page.path("total").asInt());
      assertEquals(startAt, page.path("startAt").asInt());
      page.path("issues").forEach(i -> keys.add(i.path("key").asText()));
      pages++;
      startAt += page.path("issues").size();
      if (startAt >= page.path("total").asInt()) {
        break;
      }
    }
    assertEquals(3, pages);
    assertEquals(120, keys.size());
    assertEquals("ENG-1", keys.iterator().next());
    fake.searchCap(1000);
    assertEquals(100, http.apiJson(search("jql=project%3DENG&maxResults=100")).path("issues").size());
  }

  @Test
  void cloudPagesByNextPageTokenWithoutATotal() throws Exception {
    JiraHttp http = start(Flavor.CLOUD, JiraFixtures.budget(Flavor.CLOUD, 250, 1));
    String jql = "project = ENG ORDER BY updated ASC";
    JsonNode first = http.apiJson(search("jql=" + q(jql) + "&fields=summary,updated&maxResults=500"));
    assertEquals(100, first.path("issues").size(), "capped at 100");
    assertFalse(first.has("total"));
    assertFalse(first.path("isLast").asBoolean());
    Set<String> keys = new LinkedHashSet<>(texts(first.path("issues"), "key"));
    String token = first.path("nextPageToken").asText();
    // The next pages by POST, as the integration may send them.
    while (true) {
      HttpResponse<String> r = http.post(fake.api() + "/search/jql", Map.of("jql", jql, "fields", List.of("summary"),
          "maxResults", 500, "nextPageToken", token));
      JsonNode page = json(r);
      keys.addAll(texts(page.path("issues"), "key"));
      if (page.path("isLast").asBoolean()) {
        assertFalse(page.has("nextPageToken"), "Cloud leaves the key out on the last page");
        break;
      }
      token = page.path("nextPageToken").asText();
    }
    assertEquals(250, keys.size());
    HttpResponse<String> replayed = http.api(search("jql=" + q("project = OPS") + "&nextPageToken=" + token));
    assertEquals(400, replayed.statusCode());
  }

  @Test
  void cloudAnswersIdsOnlyWithoutFieldsRefusesUnboundedAndTheOldSearch() throws Exception {
    JiraHttp http = start(Flavor.CLOUD, JiraFixtures.small(Flavor.CLOUD));
    JsonNode bare = http.apiJson(search("jql=" + q("project = OPS")));
    assertEquals("{\"id\":\"10100\"}", bare.path("issues").get(0).toString());
    HttpResponse<String> unbounded = http.api(search("jql=" + q("ORDER BY updated ASC")));
    assertEquals(400, unbounded.statusCode());
    assertTrue(unbounded.body().contains("Unbounded JQL queries are not allowed"));
    assertEquals(410, http.api("/search?jql=project%3DENG").statusCode());
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void jqlOutsideTheSubsetIsRefusedAsJiraRefusesIt(Flavor flavor) throws Exception {
    JiraHttp http = start(flavor, JiraFixtures.small(flavor));
    Map<String, String> refused = Map.of(
        "project = ENG AND summary ~ \"x\"", "Error in the JQL Query: Field 'summary' does not exist or you do not "
            + "have permission to view it.",
        "project = NOPE", "Error in the JQL Query: The value 'NOPE' does not exist for the field 'project'.",
        "project in (ENG, SEC)", "Error in the JQL Query: The value 'SEC' does not exist for the field 'project'.",
        "project = ENG AND updated >= \"yesterday\"", "Error in the JQL Query: Date value 'yesterday' for field "
            + "'updated' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', "
            + "'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.",
        "project = ENG ORDER BY rank", "Error in the JQL Query: Field 'rank' does not exist or you do not have "
            + "permission to view it.");
    for (Map.Entry<String, String> e : refused.entrySet()) {
      HttpResponse<String> r = http.api(search("jql=" + q(e.getKey())));
      assertEquals(400, r.statusCode(), e.getKey());
      assertEquals(e.getValue(), json(r).path("errorMessages").get(0).asText());
    }
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void jqlFiltersAndOrdersByUpdatedThenKey(Flavor flavor) throws Exception {
    JiraHttp http = start(flavor, JiraFixtures.small(flavor));
    assertEquals(List.of("ENG-1", "ENG-2", "ENG-3", "ENG-4", "ENG-5", "ENG-6", "ENG-7", "ENG-8", "OPS-1"),
        new ArrayList<>(all(http, "project in (ENG, OPS) ORDER BY updated ASC, key ASC", "fields=updated").keySet()));
    assertEquals(List.of("ENG-8"), new ArrayList<>(all(http, "project = ENG AND (labels = customer)", "fields=key")
        .keySet()));
    assertEquals(List.of("OPS-1"), new ArrayList<>(all(http, "project not in (ENG)", "fields=key").keySet()));
    assertEquals(List.of("ENG-2", "OPS-1"), new ArrayList<>(all(http,
        "project in (ENG, OPS) AND (label = search OR labels = ops) ORDER BY key ASC", "fields=key").keySet()));
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void jqlDatesAreReadInTheUsersTimeZone(Flavor flavor) throws Exception {
    JiraData data = JiraFixtures.small(flavor);
    JiraHttp http = start(flavor, data);
    // ENG-2 was updated at 2024-03-03T11:00Z: noon in Berlin (the user's zone), 06:00 in New York.
    JsonNode eng2 = all(http, "key = ENG-2", "fields=updated").get("ENG-2");
    assertEquals("2024-03-03T12:00:00.000+0100", eng2.path("fields").path("updated").asText());
    String window = "project = ENG AND updated >= \"%s\" AND updated < \"2024-03-03 23:00\"";
    assertTrue(all(http, String.format(window, "2024-03-03 12:00"), "fields=key").containsKey("ENG-2"));
    assertFalse(all(http, String.format(window, "2024-03-03 12:01"), "fields=key").containsKey("ENG-2"));
    data.myself(JiraFixtures.BOB);
    assertTrue(all(http, "project = ENG AND updated >= \"2024/03/03 06:00\"", "fields=key").containsKey("ENG-2"));
    assertFalse(all(http, "project = ENG AND updated >= \"2024/03/03 06:01\"", "fields=key").containsKey("ENG-2"));
    assertEquals("2024-03-03T06:00:00.000-0500", all(http, "key = ENG-2", "fields=updated").get("ENG-2")
        .path("fields").path("updated").asText());
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void searchEmbedsChangelogCommentsAndWorklogsUpToTheirCaps(Flavor flavor) throws Exception {
    JiraHttp http = start(flavor, JiraFixtures.small(flavor));
    Map<String, JsonNode> issues = all(http, "project = ENG", "fields=*all&expand=changelog");
    JsonNode busy = issues.get("ENG-4").path("changelog");
    assertEquals(130, busy.path("total").asInt());
    assertEquals(100, busy.path("histories").size());
    assertEquals(0, busy.path("startAt").asInt());
    JsonNode comments = issues.get("ENG-5").path("fields").path("comment");
    assertEquals(25, comments.path("total").asInt());
    assertEquals(20, comments.path("comments").size());
    JsonNode worklogs = issues.get("ENG-6").path("fields").path("worklog");
    assertEquals(22, worklogs.path("total").asInt());
    assertEquals(20, worklogs.path("maxResults").asInt());
    JsonNode stringOnly = worklogs.path("worklogs").get(1);
    assertEquals("1w 2d 3h", stringOnly.path("timeSpent").asText());
    assertFalse(stringOnly.has("timeSpentSeconds"));
    assertEquals(3600, worklogs.path("worklogs").get(0).path("timeSpentSeconds").asInt());
    JsonNode authorless = issues.get("ENG-2").path("changelog").path("histories").get(1);
    assertFalse(authorless.has("author"));
    assertEquals("ENG Sprint 1", authorless.path("items").get(0).path("toString").asText());
    assertTrue(authorless.path("items").get(0).path("from").isNull());
    assertEquals(flavor == Flavor.CLOUD, authorless.path("items").get(0).has("fieldId"));
    fake.embedCaps(10, 5, 5);
    assertEquals(10, all(http, "key = ENG-4", "fields=summary&expand=changelog").get("ENG-4").path("changelog")
        .path("histories").size());
    assertFalse(all(http, "key = ENG-5", "fields=summary").get("ENG-5").path("fields").has("comment"));
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void issueFieldsInEachFlavoursShape(Flavor flavor) throws Exception {
    JiraHttp http = start(flavor, JiraFixtures.small(flavor));
    Map<String, JsonNode> issues = all(http, "project = ENG", "fields=*all");
    JsonNode story = issues.get("ENG-2").path("fields");
    boolean cloud = flavor == Flavor.CLOUD;
    assertEquals(cloud, story.path("description").isObject());
    if (cloud) {
      assertEquals("doc", story.path("description").path("type").asText());
      assertEquals("ENG-1", story.path("parent").path("key").asText());
      JsonNode sprint = story.path(JiraFixtures.sprint(flavor)).get(1);
      assertEquals("active", sprint.path("state").asText());
      assertEquals(1, sprint.path("boardId").asInt());
      assertEquals(JiraFixtures.CAROL.accountId(), story.path(JiraFixtures.REVIEWERS).get(0).path("accountId").asText());
    } else {
      assertEquals("Index every issue.\nKeep it fresh.\n\nSee `IndexWriter`.", story.path("description").asText());
      assertFalse(story.has("parent"));
      assertEquals("ENG-1", story.path(JiraFixtures.EPIC_LINK).asText());
      String sprint = story.path(JiraFixtures.sprint(flavor)).get(1).asText();
      assertTrue(sprint.startsWith("com.atlassian.greenhopper.service.sprint.Sprint@"), sprint);
      assertTrue(sprint.contains("[id=2,rapidViewId=1,state=ACTIVE,name=ENG Sprint 2,"), sprint);
      assertEquals("carol", story.path(JiraFixtures.REVIEWERS).get(0).path("name").asText());
    }
    assertFalse(story.path(JiraFixtures.REVIEWERS).get(0).has("emailAddress"), "carol hides her email");
    assertEquals(5.0, story.path(JiraFixtures.storyPoints(flavor)).asDouble());
    assertEquals("Major", story.path(JiraFixtures.SEVERITY).path("value").asText());
    assertEquals("indeterminate", story.path("status").path("statusCategory").path("key").asText());
    assertEquals(27000, story.path("timetracking").path("originalEstimateSeconds").asInt());
    assertEquals("[\"backend\",\"search\"]", story.path("labels").toString());
    JsonNode sub = issues.get("ENG-3").path("fields");
    assertEquals("ENG-2", sub.path("parent").path("key").asText());
    assertEquals("1d 4h", sub.path("timetracking").path("remainingEstimate").asText());
    assertFalse(sub.path("timetracking").has("remainingEstimateSeconds"));
    JsonNode done = issues.get("ENG-6").path("fields");
    assertEquals("Done", done.path("resolution").path("name").asText());
    assertEquals("2024-03-15", done.path("duedate").asText());
    assertTrue(issues.get("ENG-1").path("fields").path("resolution").isNull());
    assertTrue(issues.get("ENG-8").path("fields").path("assignee").isNull());
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void followUpsPageByStartAtUpToThePageCap(Flavor flavor) throws Exception {
    JiraHttp http = start(flavor, JiraFixtures.small(flavor));
    JsonNode first = http.apiJson("/issue/ENG-4/changelog?maxResults=1000");
    assertEquals(100, first.path("maxResults").asInt());
    assertEquals(130, first.path("total").asInt());
    assertFalse(first.path("isLast").asBoolean());
    JsonNode rest = http.apiJson("/issue/10004/changelog?startAt=100&maxResults=100");
    assertEquals(30, rest.path("values").size());
    assertTrue(rest.path("isLast").asBoolean());
    assertEquals("30129", rest.path("values").get(29).path("id").asText());
    JsonNode comments = http.apiJson("/issue/ENG-5/comment?startAt=20");
    assertEquals(5, comments.path("comments").size());
    assertEquals(25, comments.path("total").asInt());
    fake.pageCap(5);
    JsonNode worklogs = http.apiJson("/issue/ENG-6/worklog?maxResults=50");
    assertEquals(5, worklogs.path("maxResults").asInt());
    assertEquals(5, worklogs.path("worklogs").size());
    assertEquals(22, worklogs.path("total").asInt());
    assertEquals("Time logged", http.apiJson("/issue/ENG-6?fields=summary").path("fields").path("summary").asText());
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void anIssueDeletedAfterTheSearchIsListedThenGone(Flavor flavor) throws Exception {
    JiraHttp http = start(flavor, JiraFixtures.small(flavor));
    assertTrue(all(http, "project = ENG", "fields=summary").containsKey("ENG-7"));
    for (String path : List.of("/issue/ENG-7", "/issue/10007/comment", "/issue/ENG-7/worklog", "/issue/ENG-7/changelog")) {
      HttpResponse<String> r = http.api(path);
      assertEquals(404, r.statusCode(), path);
      assertEquals("{\"errorMessages\":[\"Issue does not exist or you do not have permission to see it.\"],"
          + "\"errors\":{}}", r.body());
    }
  }

  @Test
  void cloudBulkChangelogPagesHistoriesOfManyIssues() throws Exception {
    JiraHttp http = start(Flavor.CLOUD, JiraFixtures.small(Flavor.CLOUD));
    Map<String, Integer> histories = new java.util.HashMap<>();
    String token = null;
    int pages = 0;
    do {
      Map<String, Object> body = new java.util.HashMap<>(Map.of("issueIdsOrKeys", List.of("ENG-2", "ENG-4", "ENG-7"),
          "maxResults", 50));
      if (token != null) {
        body.put("nextPageToken", token);
      }
      JsonNode page = json(http.post(fake.api() + "/changelog/bulkfetch", body));
      page.path("issueChangeLogs").forEach(l -> histories.merge(l.path("issueId").asText(),
          l.path("changeHistories").size(), Integer::sum));
      token = page.has("nextPageToken") ? page.path("nextPageToken").asText() : null;
      pages++;
    } while (token != null);
    assertEquals(Map.of("10002", 3, "10004", 130), histories, "ENG-7 is gone");
    assertEquals(3, pages);
    assertEquals(3, fake.requestsTo("/rest/api/3/changelog/bulkfetch"));
  }

  @ParameterizedTest
  @EnumSource(Flavor.class)
  void aChangeBetweenExportsShowsInTheNextIncrementalSearch(Flavor flavor) throws Exception {
    JiraData data = JiraFixtures.small(flavor);
    JiraHttp http = start(flavor, data);
    String since = "project in (ENG, OPS) AND updated >= \"2024-03-18 22:01\" ORDER BY updated ASC";
    assertEquals(List.of("OPS-1"), new ArrayList<>(all(http, since, "fields=updated").keySet()));
    Issue sub = data.issue("ENG-3").orElseThrow();
    sub.set("updated", JiraFixtures.T0.plusSeconds(3600L * 500));
    sub.comments().add(new JiraData.Comment("49999", JiraFixtures.BOB, "Later", sub.updated(), sub.updated()));
    Map<String, JsonNode> again = all(http, since, "fields=updated,comment");
    assertEquals(List.of("OPS-1", "ENG-3"), new ArrayList<>(again.keySet()));
    assertEquals(1, again.get("ENG-3").path("fields").path("comment").path("total").asInt());
  }

  @Test
  void theBudgetFixtureIsMostlyOrdinaryWithAFewOverflows() {
    JiraData data = JiraFixtures.budget(Flavor.CLOUD, 1000, 42);
    assertEquals(1000, data.issues().size());
    long overflowing = data.issues().stream().filter(i -> i.histories().size() > 100 || i.comments().size() > 20
        || i.worklogs().size() > 20).count();
    assertTrue(overflowing > 10 && overflowing < 120, "overflowing: " + overflowing);
    assertTrue(data.issues().stream().anyMatch(i -> i.worklogs().stream().anyMatch(w -> w.timeSpentSeconds() == null)));
    assertEquals(JiraFixtures.budget(Flavor.CLOUD, 1000, 42).issues().get(500).histories().size(),
        data.issues().get(500).histories().size(), "the seed decides");
  }
}
