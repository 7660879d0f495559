package agent.integrations.jira;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.integrations.jira.fake.FakeJira;
import agent.integrations.jira.fake.JiraData;
import agent.integrations.jira.fake.JiraFixtures;
import agent.rpcdef.IntegrationException;
import agent.rpcdef.model.work.Changelog;
import agent.rpcdef.model.work.Issue;
import agent.rpcdef.model.work.IssueComment;
import agent.rpcdef.model.work.IssueType;
import agent.rpcdef.model.work.Priority;
import agent.rpcdef.model.work.Project;
import agent.rpcdef.model.work.Resolution;
import agent.rpcdef.model.work.Sprint;
import agent.rpcdef.model.work.Status;
import agent.rpcdef.model.work.User;
import agent.rpcdef.model.work.Worklog;
import agent.rpcdef.testing.FakeClock;
import agent.rpcdef.testing.IntegrationHarness;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Both Jira plugins against the fake Jira on loopback, through the SDK's harness. */
class JiraExportTest {
  private FakeJira jira;
  private IntegrationHarness harness;

  private void start(FakeJira.Flavor flavor) {
    start(flavor, null);
  }

  /** With {@code clock} (not null), every wait of the export is virtual: rate limits cost no real time. */
  private void start(FakeJira.Flavor flavor, FakeClock clock) {
    jira = flavor == FakeJira.Flavor.CLOUD ? FakeJira.cloud(JiraFixtures.small(flavor)).requireBasic("ann@example.com", "tok3n")
        : FakeJira.server(JiraFixtures.small(flavor)).withContextPath("/jira").requireBearer("p4t");
    JiraIntegration it = flavor == FakeJira.Flavor.CLOUD ? JiraIntegration.cloud() : JiraIntegration.hosted();
    String id = flavor == FakeJira.Flavor.CLOUD ? "jira-cloud" : "jira-hosted";
    harness = clock == null ? IntegrationHarness.start(it, id) : IntegrationHarness.start(it, id, clock);
  }

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
    if (jira != null) {
      jira.close();
    }
  }

  private String config(String extra) {
    String creds = jira.flavor() == FakeJira.Flavor.CLOUD ? "\"username\":\"ann@example.com\",\"api_token\":\"tok3n\""
        : "\"personal_access_token\":\"p4t\"";
    return "{\"url\":\"" + jira.url() + "\"," + creds + extra + "}";
  }

  static Map<String, JsonNode> byKey(List<JsonNode> issues) {
    return issues.stream().collect(Collectors.toMap(i -> i.path("identifier").asText(), Function.identity()));
  }

  static long count(List<JsonNode> objects, String field, String value) {
    return objects.stream().filter(o -> o.path(field).asText().equals(value)).count();
  }

  @ParameterizedTest
  @EnumSource(FakeJira.Flavor.class)
  void exportsEveryIssueWithItsWholeChangelogCommentsAndWorklogs(FakeJira.Flavor flavor) {
    start(flavor);
    IntegrationHarness.Result r = harness.export(config(""));

    assertEquals(Set.of("ENG", "OPS"), r.objects(Project.MODEL).stream().map(p -> p.path("identifier").asText())
        .collect(Collectors.toSet()), "SEC cannot be browsed");
    Map<String, JsonNode> issues = byKey(r.objects(Issue.MODEL));
    assertEquals(Set.of("ENG-1", "ENG-2", "ENG-3", "ENG-4", "ENG-5", "ENG-6", "ENG-7", "ENG-8", "OPS-1"), issues.keySet(),
        "ENG-7 is gone only for follow-ups, and it needed none: the search gave all of it");

    JsonNode story = issues.get("ENG-2");
    assertEquals(5.0, story.path("story_points").asDouble());
    assertEquals(2, story.path("sprint_ids").size());
    assertEquals(issues.get("ENG-1").path("id").asText(), story.path("epic_id").asText());
    assertEquals("in_progress", story.path("status_category").asText());
    assertEquals(List.of("backend", "search"), strings(story.path("tags")));
    assertEquals(27000, story.path("time_tracking").path("original_estimate_seconds").asLong());
    Map<String, String> custom = customFields(story);
    assertEquals("Major", custom.get("Severity"));
    assertTrue(custom.get("Reviewers").contains("Bob Builder"), custom.toString());
    assertFalse(custom.containsKey("Sprint"), "sprints and story points have fields of their own");
    assertTrue(story.path("description").asText().startsWith("Index every issue."), story.toString());
    assertFalse(story.path("description").asText().contains("\"type\""), "no ADF left in the text");

    JsonNode sub = issues.get("ENG-3");
    assertEquals(story.path("id").asText(), sub.path("parent_id").asText());
    // Time given only as text, with this site's 7.5-hour day.
    assertEquals(2 * 7.5 * 3600, sub.path("time_tracking").path("original_estimate_seconds").asDouble());
    assertEquals((7.5 + 4) * 3600, sub.path("time_tracking").path("remaining_estimate_seconds").asDouble());

    List<JsonNode> changelog = r.objects(Changelog.MODEL);
    assertEquals(130, count(changelog, "issue_id", issues.get("ENG-4").path("id").asText()),
        "past the 100 histories a search embeds");
    List<Long> ordinals = changelog.stream().filter(c -> c.path("issue_id").asText().equals(issues.get("ENG-4").path("id").asText()))
        .map(c -> c.path("ordinal").asLong()).toList();
    assertEquals(java.util.stream.LongStream.rangeClosed(1, 130).boxed().toList(), ordinals, "in order");
    assertTrue(changelog.stream().anyMatch(c -> c.path("issue_id").asText().equals(story.path("id").asText())
        && !c.has("user_ref_id")), "a history entry without an author has none");

    List<JsonNode> comments = r.objects(IssueComment.MODEL);
    assertEquals(25, count(comments, "issue_id", issues.get("ENG-5").path("id").asText()), "past the 20 embedded");
    List<JsonNode> worklogs = r.objects(Worklog.MODEL);
    assertEquals(22, count(worklogs, "issue_id", issues.get("ENG-6").path("id").asText()), "past the 20 embedded");
    JsonNode textOnly = worklogs.stream().filter(w -> w.path("ref_id").asText().equals("50001")).findFirst().orElseThrow();
    assertEquals((5 * 7.5 + 2 * 7.5 + 3) * 3600, textOnly.path("time_spent_seconds").asDouble(), "1w 2d 3h on this site");

    Map<String, JsonNode> users = r.objects(User.MODEL).stream()
        .collect(Collectors.toMap(u -> u.path("name").asText(), Function.identity(), (a, b) -> a));
    assertFalse(users.get(JiraFixtures.CAROL.displayName()).has("email"), "a hidden e-mail is never guessed");
    assertTrue(users.get(JiraFixtures.BOB.displayName()).has("email"));

    assertEquals(3, r.objects(Sprint.MODEL).size());
    assertEquals(5, r.objects(IssueType.MODEL).size());
    assertEquals(4, r.objects(Status.MODEL).size());
    assertEquals(5, r.objects(Priority.MODEL).size());
    assertEquals(3, r.objects(Resolution.MODEL).size());
  }

  @ParameterizedTest
  @EnumSource(FakeJira.Flavor.class)
  void aSecondExportSendsOnlyWhatChangedWithAllOfItsChildren(FakeJira.Flavor flavor) {
    start(flavor);
    harness.export(config(",\"projects\":[\"ENG\"]"));
    IntegrationHarness.Result same = harness.export(config(",\"projects\":[\"ENG\"]"));
    Instant newest = jira.data().issues().stream().filter(i -> i.key().startsWith("ENG-")).map(JiraData.Issue::updated)
        .max(Instant::compareTo).orElseThrow();
    Set<String> withinMargin = jira.data().issues().stream().filter(i -> i.key().startsWith("ENG-"))
        .filter(i -> !i.updated().isBefore(newest.minus(ProjectExport.MARGIN).minus(Duration.ofMinutes(1))))
        .filter(i -> !jira.data().deletedAfterSearch().contains(i.key()))
        .map(JiraData.Issue::key).collect(Collectors.toSet());
    assertEquals(withinMargin, byKey(same.objects(Issue.MODEL)).keySet(), "only the margin before the token");

    JiraData.Issue talk = jira.data().issue("ENG-5").orElseThrow();
    Instant later = newest.plus(Duration.ofDays(1));
    talk.comments().add(new JiraData.Comment("49999", JiraFixtures.BOB, "One more", later, later));
    talk.set("updated", later);
    IntegrationHarness.Result changed = harness.export(config(",\"projects\":[\"ENG\"]"));
    Map<String, JsonNode> issues = byKey(changed.objects(Issue.MODEL));
    Set<String> expected = new java.util.HashSet<>(withinMargin);
    expected.add("ENG-5");
    assertEquals(expected, issues.keySet(), "the changed issue, and the margin before the last token");
    assertEquals(26, count(changed.objects(IssueComment.MODEL), "issue_id", issues.get("ENG-5").path("id").asText()),
        "every comment of the changed issue");
  }

  @ParameterizedTest
  @EnumSource(FakeJira.Flavor.class)
  void aServerThatCapsMaxResultsLosesNothing(FakeJira.Flavor flavor) {
    start(flavor);
    jira.searchCap(3);
    IntegrationHarness.Result r = harness.export(config(""));
    assertEquals(9, r.objects(Issue.MODEL).size());
  }

  @ParameterizedTest
  @EnumSource(FakeJira.Flavor.class)
  void anIssueUpdatedDuringTheWalkPassesNoOtherOver(FakeJira.Flavor flavor) {
    start(flavor);
    jira.searchCap(3);
    // When the second page is asked for, the first issue read is updated: it moves to the end of the
    // list, and every issue behind it moves up a place.
    boolean[] moved = {false};
    jira.failNext("*", ".*/search.*", 500, "{}").when(req -> {
      boolean secondPage = req.param("nextPageToken") != null
          || (req.param("startAt") != null && !req.param("startAt").equals("0"));
      if (secondPage && !moved[0]) {
        moved[0] = true;
        JiraData.Issue first = jira.data().issues().stream().filter(x -> x.key().startsWith("ENG-"))
            .min(java.util.Comparator.comparing(JiraData.Issue::updated)).orElseThrow();
        first.set("updated", jira.data().issues().stream().map(JiraData.Issue::updated).max(Instant::compareTo)
            .orElseThrow().plus(Duration.ofHours(1)));
      }
      return false;
    });
    IntegrationHarness.Result r = harness.export(config(",\"projects\":[\"ENG\"]"));
    assertTrue(moved[0], "the walk read a second page");
    assertEquals(Set.of("ENG-1", "ENG-2", "ENG-3", "ENG-4", "ENG-5", "ENG-6", "ENG-7", "ENG-8"),
        byKey(r.objects(Issue.MODEL)).keySet());
  }

  @ParameterizedTest
  @EnumSource(FakeJira.Flavor.class)
  void anIssueDeletedBeforeItsFollowUpIsSkippedAndTheRestExported(FakeJira.Flavor flavor) {
    start(flavor);
    jira.embedCaps(100, 0, 20); // Every comment list needs its own request, ENG-7's too.
    IntegrationHarness.Result r = harness.export(config(""));
    Map<String, JsonNode> issues = byKey(r.objects(Issue.MODEL));
    assertFalse(issues.containsKey("ENG-7"), issues.keySet().toString());
    assertEquals(8, issues.size());
    assertEquals(25, count(r.objects(IssueComment.MODEL), "issue_id", issues.get("ENG-5").path("id").asText()));
  }

  @ParameterizedTest
  @EnumSource(FakeJira.Flavor.class)
  void aRateLimitIsWaitedOutAndTheExportCompletes(FakeJira.Flavor flavor) {
    // The fake dates its resets on the wall clock: the virtual one starts there.
    start(flavor, new FakeClock(Instant.now()));
    jira.tooManyRequestsNext("GET", ".*/search.*", 1);
    IntegrationHarness.Result r = harness.export(config(""));
    assertEquals(9, r.objects(Issue.MODEL).size());
    assertTrue(harness.agent().events().stream().anyMatch(e -> e.startsWith("pause ")), harness.agent().events().toString());
  }

  @ParameterizedTest
  @EnumSource(FakeJira.Flavor.class)
  void a503AndA429WithOnlyItsResetTimeAreWaitedOutToo(FakeJira.Flavor flavor) {
    // The fake dates its resets on the wall clock: the virtual one starts there.
    start(flavor, new FakeClock(Instant.now()));
    jira.unavailableNext("GET", ".*/field", 1);
    jira.rateLimitedUntilNext("GET", ".*/issuetype", Instant.now().plusSeconds(2));
    IntegrationHarness.Result r = harness.export(config(""));
    assertEquals(9, r.objects(Issue.MODEL).size());
    assertEquals(5, r.objects(IssueType.MODEL).size());
    assertTrue(harness.agent().events().stream().filter(e -> e.startsWith("pause ")).count() >= 2,
        harness.agent().events().toString());
  }

  @ParameterizedTest
  @EnumSource(FakeJira.Flavor.class)
  void refusedCredentialsNameTheKeysToCheck(FakeJira.Flavor flavor) {
    start(flavor);
    String bad = jira.flavor() == FakeJira.Flavor.CLOUD ? "\"username\":\"ann@example.com\",\"api_token\":\"wrong\""
        : "\"personal_access_token\":\"wrong\"";
    IntegrationException e = assertThrows(IntegrationException.class,
        () -> harness.export("{\"url\":\"" + jira.url() + "\"," + bad + "}"));
    assertTrue(e.getMessage().contains(flavor == FakeJira.Flavor.CLOUD ? "api_token" : "personal_access_token"),
        e.getMessage());
    assertFalse(e.getMessage().contains("wrong"), e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void aServerAskingForACaptchaSaysToLogInOnceInABrowser() {
    jira = FakeJira.server(JiraFixtures.small(FakeJira.Flavor.SERVER)).requireBasic("ann", "right").captchaAfter(1);
    harness = IntegrationHarness.start(JiraIntegration.hosted(), "jira-hosted");
    String wrong = "{\"url\":\"" + jira.url() + "\",\"username\":\"ann\",\"password\":\"wrong\"}";
    assertThrows(IntegrationException.class, () -> harness.export(wrong));
    IntegrationException e = assertThrows(IntegrationException.class,
        () -> harness.export("{\"url\":\"" + jira.url() + "\",\"username\":\"ann\",\"password\":\"right\"}"));
    assertTrue(e.getMessage().contains("403"), e.getMessage());
    assertTrue(e.getMessage().contains("CAPTCHA"), e.getMessage());
    assertFalse(e.getMessage().contains("right"), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(FakeJira.Flavor.class)
  void aProjectTheAccountCannotBrowseStopsTheExportInWords(FakeJira.Flavor flavor) {
    start(flavor);
    agent.rpcdef.ConfigException e = assertThrows(agent.rpcdef.ConfigException.class,
        () -> harness.export(config(",\"projects\":[\"ENG\",\"SEC\"]")));
    assertTrue(e.getMessage().contains("SEC"), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(FakeJira.Flavor.class)
  void validateReportsTheAccountAndTheDeployment(FakeJira.Flavor flavor) {
    start(flavor);
    agent.rpcdef.ValidationResult ok = harness.validate(config(",\"projects\":[\"ENG\"]"));
    assertTrue(ok.success(), ok.errors().toString());
    assertNotNull(ok.account());
    agent.rpcdef.ValidationResult sec = harness.validate(config(",\"projects\":[\"SEC\"]"));
    assertFalse(sec.success());
    assertTrue(sec.errors().get(0).contains("SEC"), sec.errors().toString());
  }

  @ParameterizedTest
  @EnumSource(FakeJira.Flavor.class)
  void onboardingListsProjectsAndTheWorkflowConfiguration(FakeJira.Flavor flavor) {
    start(flavor);
    assertEquals(2, harness.onboard(config(""), "projects").size());
    assertEquals(5 + 4 + 5 + 3, harness.onboard(config(""), "workconfig").size());
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new java.util.ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static Map<String, String> customFields(JsonNode issue) {
    Map<String, String> out = new java.util.HashMap<>();
    issue.path("custom_fields").forEach(f -> out.put(f.path("name").asText(), f.path("value").asText()));
    return out;
  }
}
