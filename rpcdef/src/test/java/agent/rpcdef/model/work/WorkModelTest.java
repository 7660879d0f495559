package agent.rpcdef.model.work;

import static agent.rpcdef.model.work.WorkExamples.CUSTOMER;
import static agent.rpcdef.model.work.WorkExamples.JIRA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.Json;
import agent.rpcdef.model.ExportedObject;
import agent.rpcdef.model.Ids;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class WorkModelTest {
  private static final Path DOC = Path.of("..", "_docs", "exported_data.md");

  private static JsonNode json(Object o) throws Exception {
    return Json.mapper().readTree(Json.bytes(o));
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static IssueBuilder issue(String refId) {
    return Issue.builder().customerId(CUSTOMER).refType(JIRA).refId(refId).projectId("project-id");
  }

  /** The documented examples are these objects, as the agent writes them: rebuild them here to change them. */
  @Test
  void documentedExamplesAreTheseObjects() throws Exception {
    List<String> lines = Files.readAllLines(DOC);
    for (Object example : WorkExamples.all()) {
      String model = (String) example.getClass().getField("MODEL").get(null);
      int heading = lines.indexOf("## " + model);
      assertTrue(heading >= 0, model + " has a section");
      int json = lines.subList(heading, lines.size()).indexOf("```json") + heading;
      assertEquals(new String(Json.bytes(example), StandardCharsets.UTF_8), lines.get(json + 1), model);
    }
  }

  @Test
  void serializesSnakeCaseInComponentOrder() throws Exception {
    assertEquals(List.of("id", "ref_id", "ref_type", "customer_id", "hashcode", "project_id", "identifier", "title",
        "description", "url", "type", "type_id", "status", "status_id", "status_category", "priority", "priority_id",
        "assignee_ref_id", "reporter_ref_id", "creator_ref_id", "parent_id", "epic_id", "tags", "components",
        "fix_versions", "due_date", "created_date", "updated_date", "time_tracking", "story_points", "sprint_ids",
        "custom_fields"), fieldNames(json(WorkExamples.issue())));
    JsonNode issue = json(WorkExamples.issue());
    assertEquals(List.of("original_estimate_seconds", "remaining_estimate_seconds", "time_spent_seconds"),
        fieldNames(issue.get("time_tracking")));
    assertEquals(List.of("id", "name", "value"), fieldNames(issue.get("custom_fields").get(0)));
    assertEquals(5.0, issue.get("story_points").asDouble());
    assertEquals(List.of("id", "ref_id", "ref_type", "customer_id", "hashcode", "issue_id", "project_id", "ordinal",
        "created_date", "user_ref_id", "field", "field_id", "field_type", "from", "from_string", "to", "to_string"),
        fieldNames(json(WorkExamples.changelog())));
    assertEquals(List.of("id", "ref_id", "ref_type", "customer_id", "hashcode", "board_ref_id", "name", "goal",
        "status", "started_date", "ended_date", "url"), fieldNames(json(WorkExamples.sprint())));
  }

  @Test
  void leavesOutNullsAndWritesEmptyListsAsEmptyArrays() throws Exception {
    JsonNode bare = json(issue("1").build());
    assertEquals(List.of("id", "ref_id", "ref_type", "customer_id", "hashcode", "project_id", "tags", "components",
        "fix_versions", "sprint_ids", "custom_fields"), fieldNames(bare));
    for (String list : List.of("tags", "components", "fix_versions", "sprint_ids", "custom_fields")) {
      assertTrue(bare.get(list).isArray() && bare.get(list).isEmpty(), list);
    }
    JsonNode spent = json(issue("2").timeTracking(Issue.TimeTracking.builder().timeSpentSeconds(60L).build()).build());
    assertEquals(List.of("time_spent_seconds"), fieldNames(spent.get("time_tracking")));
    Issue noTracking = issue("3").timeTracking(Issue.TimeTracking.builder().build()).build();
    assertEquals(null, noTracking.timeTracking(), "a time tracking without values is no time tracking");
    assertFalse(json(noTracking).has("time_tracking"));
    JsonNode user = json(User.builder().customerId(CUSTOMER).refType(JIRA).refId("u").name("Ada").active(true).build());
    assertFalse(user.has("email") || user.has("username") || user.has("type"), user.toString());
    JsonNode type = json(IssueType.builder().customerId(CUSTOMER).refType(JIRA).refId("5").name("Sub-task")
        .subtask(true).build());
    assertFalse(type.has("hierarchy_level"), "Server has no hierarchy level");
  }

  @Test
  void idsAreDerivedFromTheirIdentityAndParent() {
    Project project = WorkExamples.project();
    assertEquals(Ids.of(CUSTOMER, JIRA, "10003"), project.id());
    assertEquals(Project.idOf(CUSTOMER, JIRA, "10003"), project.id());
    Issue issue = WorkExamples.issue();
    assertEquals(Ids.of(CUSTOMER, JIRA, "10042"), issue.id());
    assertEquals(Issue.idOf(CUSTOMER, JIRA, "10042"), issue.id());
    assertEquals(issue.id(), IssueBuilder.builder(issue).id(null).projectId("another-project").build().id(),
        "an issue moved to another project keeps its id");
    assertEquals(Ids.of(CUSTOMER, JIRA, "10234/0", issue.id()), WorkExamples.changelog().id());
    assertEquals("10234/0", Changelog.refIdOf("10234", 0));
    assertEquals(Ids.of(CUSTOMER, JIRA, "10050", issue.id()), WorkExamples.comment().id());
    assertEquals(Ids.of(CUSTOMER, JIRA, "10070", issue.id()), WorkExamples.worklog().id());
    assertNotEquals(WorkExamples.worklog().id(),
        WorklogBuilder.builder(WorkExamples.worklog()).id(null).issueId("other-issue").build().id(),
        "the issue's id is part of a worklog's id");
    assertEquals(Sprint.idOf(CUSTOMER, JIRA, "14"), WorkExamples.sprint().id());
    assertEquals(List.of(WorkExamples.sprint().id()), issue.sprintIds());
    for (ExportedObject o : List.of(WorkExamples.user(), WorkExamples.issueType(), WorkExamples.status(),
        WorkExamples.priority(), WorkExamples.resolution())) {
      assertEquals(Ids.of(CUSTOMER, JIRA, o.refId()), o.id(), o.getClass().getSimpleName());
    }
  }

  @Test
  void refusesObjectsWithoutIdentity() {
    List<Supplier<Object>> noRefId = List.of(
        () -> Project.builder().customerId(CUSTOMER).refType(JIRA).build(),
        () -> Issue.builder().customerId(CUSTOMER).refType(JIRA).projectId("p").build(),
        () -> Changelog.builder().customerId(CUSTOMER).refType(JIRA).issueId("i").projectId("p").build(),
        () -> IssueComment.builder().customerId(CUSTOMER).refType(JIRA).issueId("i").projectId("p").build(),
        () -> Worklog.builder().customerId(CUSTOMER).refType(JIRA).issueId("i").projectId("p").build(),
        () -> User.builder().customerId(CUSTOMER).refType(JIRA).build(),
        () -> Sprint.builder().customerId(CUSTOMER).refType(JIRA).build(),
        () -> IssueType.builder().customerId(CUSTOMER).refType(JIRA).build(),
        () -> Status.builder().customerId(CUSTOMER).refType(JIRA).build(),
        () -> Priority.builder().customerId(CUSTOMER).refType(JIRA).build(),
        () -> Resolution.builder().customerId(CUSTOMER).refType(JIRA).build());
    List<String> models = List.of("Project", "Issue", "Changelog", "IssueComment", "Worklog", "User", "Sprint",
        "IssueType", "Status", "Priority", "Resolution");
    for (int i = 0; i < noRefId.size(); i++) {
      Supplier<Object> build = noRefId.get(i);
      assertEquals("work." + models.get(i) + " needs a ref_id",
          assertThrows(NullPointerException.class, build::get).getMessage());
    }
    assertEquals("work.Issue needs a project_id",
        assertThrows(NullPointerException.class, () -> issue("1").projectId(null).build()).getMessage());
    assertEquals("work.Project needs a customer_id", assertThrows(NullPointerException.class,
        () -> Project.builder().refType(JIRA).refId("1").build()).getMessage());
    assertEquals("work.Status needs a ref_type", assertThrows(NullPointerException.class,
        () -> Status.builder().customerId(CUSTOMER).refId("1").build()).getMessage());
    assertEquals("work.Changelog needs an issue_id", assertThrows(NullPointerException.class,
        () -> ChangelogBuilder.builder(WorkExamples.changelog()).issueId(null).build()).getMessage());
    assertEquals("work.IssueComment needs a project_id", assertThrows(NullPointerException.class,
        () -> IssueCommentBuilder.builder(WorkExamples.comment()).projectId(null).build()).getMessage());
    assertEquals("work.Worklog needs an issue_id", assertThrows(NullPointerException.class,
        () -> WorklogBuilder.builder(WorkExamples.worklog()).issueId(null).build()).getMessage());
    assertEquals("work.Issue custom field needs an id", assertThrows(NullPointerException.class,
        () -> Issue.CustomField.builder().name("Team").value("x").build()).getMessage());
  }

  @Test
  void refusesStoryPointsThatAreNoNumber() {
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> issue("1").storyPoints(bad).build());
      assertTrue(e.getMessage().startsWith("work.Issue story_points must be a finite number"), e.getMessage());
    }
  }

  @Test
  void writesEnumsInLowercase() throws Exception {
    assertEquals(List.of("to_do", "in_progress", "done", "unknown"),
        List.of(StatusCategory.values()).stream().map(StatusCategory::value).toList());
    assertEquals("in_progress", json(WorkExamples.issue()).get("status_category").asText());
    assertEquals("in_progress", json(WorkExamples.status()).get("category").asText());
    assertEquals("active", json(WorkExamples.sprint()).get("status").asText());
    assertEquals(List.of("future", "active", "closed"),
        List.of(Sprint.Status.values()).stream().map(Sprint.Status::value).toList());
    assertEquals(List.of("human", "app", "customer", "unknown"),
        List.of(User.Type.values()).stream().map(User.Type::value).toList());
    assertEquals(StatusCategory.IN_PROGRESS,
        Json.mapper().readValue("\"in_progress\"", StatusCategory.class), "reads back");
  }

  @Test
  void mapsJiraKeysToEnums() {
    assertEquals(StatusCategory.TO_DO, StatusCategory.ofJiraKey("new"));
    assertEquals(StatusCategory.IN_PROGRESS, StatusCategory.ofJiraKey("indeterminate"));
    assertEquals(StatusCategory.DONE, StatusCategory.ofJiraKey("done"));
    assertEquals(StatusCategory.UNKNOWN, StatusCategory.ofJiraKey("undefined"));
    assertEquals(StatusCategory.UNKNOWN, StatusCategory.ofJiraKey(null));
    assertEquals(User.Type.HUMAN, User.Type.ofJiraAccountType("atlassian"));
    assertEquals(User.Type.APP, User.Type.ofJiraAccountType("app"));
    assertEquals(User.Type.CUSTOMER, User.Type.ofJiraAccountType("customer"));
    assertEquals(User.Type.UNKNOWN, User.Type.ofJiraAccountType("robot"));
    assertEquals(User.Type.HUMAN, User.Type.ofJiraAccountType(null), "Server and Data Center have no account types");
  }

  @Test
  void listsAreImmutableCopiesAndCustomFieldsAreOrderedById() {
    List<String> tags = new ArrayList<>(List.of("payments"));
    Issue.CustomField b = Issue.CustomField.builder().id("customfield_10050").name("Team").value("Payments").build();
    Issue.CustomField a = Issue.CustomField.builder().id("customfield_10021").name("Flagged").build();
    Issue issue = issue("1").tags(tags).customFields(List.of(b, a)).build();
    tags.add("support");
    assertEquals(List.of("payments"), issue.tags());
    assertThrows(UnsupportedOperationException.class, () -> issue.tags().add("x"));
    assertEquals(List.of(a, b), issue.customFields());
    assertEquals(issue.hashcode(), issue("1").tags(List.of("payments")).customFields(List.of(a, b)).build().hashcode(),
        "the order Jira's fields came in does not change the hashcode");
  }

  @Test
  void roundTripsThroughJson() throws Exception {
    for (Object example : WorkExamples.all()) {
      assertEquals(example, Json.mapper().readValue(Json.bytes(example), example.getClass()),
          example.getClass().getSimpleName());
    }
  }
}
