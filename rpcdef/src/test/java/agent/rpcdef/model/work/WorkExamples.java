package agent.rpcdef.model.work;

import agent.rpcdef.model.Date;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The {@code work.*} examples of {@code _docs/exported_data.md}: no integration exports these models
 * yet, so the documented lines are these objects, built with the builders, as {@code Json.bytes}
 * writes them. {@link WorkModelTest#documentedExamplesAreTheseObjects} keeps the two equal.
 */
final class WorkExamples {
  static final String CUSTOMER = "test-customer";
  static final String JIRA = "jira";
  static final String SITE = "https://acme.atlassian.net";
  static final String ADA = "5b10ac8d82e05b22cc7d4ef5";
  static final String GRACE = "557058:f58131cb-b67d-43c7-b30d-6b58d40bd077";

  private WorkExamples() {}

  static Date at(String rfc3339) {
    return Date.of(OffsetDateTime.parse(rfc3339));
  }

  static Project project() {
    return Project.builder().customerId(CUSTOMER).refType(JIRA).refId("10003").identifier("ABC").name("Billing")
        .description("Invoices, payments and refunds").category("Finance").leadRefId(ADA).type("software")
        .url(SITE + "/browse/ABC").active(true).build();
  }

  static Issue issue() {
    return Issue.builder().customerId(CUSTOMER).refType(JIRA).refId("10042").projectId(project().id())
        .identifier("ABC-12").title("Refund a partial payment")
        .description("Support needs to refund part of a payment.\nThe customer keeps the rest of the order.")
        .url(SITE + "/browse/ABC-12").type("Story").typeId("10001").status("In Review").statusId("10002")
        .statusCategory(StatusCategory.IN_PROGRESS).priority("Medium").priorityId("3").assigneeRefId(ADA)
        .reporterRefId(GRACE).creatorRefId(GRACE)
        .parentId(Issue.idOf(CUSTOMER, JIRA, "10040")).epicId(Issue.idOf(CUSTOMER, JIRA, "10040"))
        .tags(List.of("payments", "support")).components(List.of("API")).fixVersions(List.of("2024.3"))
        .dueDate(at("2024-03-15T00:00:00Z")).createdDate(at("2024-03-01T10:15:00+01:00"))
        .updatedDate(at("2024-03-05T16:42:10+01:00"))
        .timeTracking(Issue.TimeTracking.builder().originalEstimateSeconds(28800L).remainingEstimateSeconds(14400L)
            .timeSpentSeconds(18000L).build())
        .storyPoints(5.0).sprintIds(List.of(Sprint.idOf(CUSTOMER, JIRA, "14")))
        .customFields(List.of(
            Issue.CustomField.builder().id("customfield_10050").name("Team")
                .value("{\"self\":\"" + SITE + "/rest/api/3/customFieldOption/10100\",\"value\":\"Payments\",\"id\":\"10100\"}")
                .build(),
            Issue.CustomField.builder().id("customfield_10061").name("Customer impact").value("High").build()))
        .build();
  }

  static Changelog changelog() {
    return Changelog.builder().customerId(CUSTOMER).refType(JIRA).refId(Changelog.refIdOf("10234", 0))
        .issueId(issue().id()).projectId(project().id()).ordinal(3).createdDate(at("2024-03-05T16:42:10+01:00"))
        .userRefId(ADA).field("status").fieldId("status").fieldType("jira").from("3").fromDisplay("In Progress")
        .to("10002").toDisplay("In Review").build();
  }

  static IssueComment comment() {
    return IssueComment.builder().customerId(CUSTOMER).refType(JIRA).refId("10050").issueId(issue().id())
        .projectId(project().id()).body("Refunds over 1000 EUR need a second approval.").userRefId(GRACE)
        .createdDate(at("2024-03-04T11:20:00+01:00")).updatedDate(at("2024-03-04T11:20:00+01:00"))
        .url(SITE + "/browse/ABC-12?focusedCommentId=10050").build();
  }

  static Worklog worklog() {
    return Worklog.builder().customerId(CUSTOMER).refType(JIRA).refId("10070").issueId(issue().id())
        .projectId(project().id()).userRefId(ADA).startedDate(at("2024-03-04T09:30:00+01:00"))
        .timeSpentSeconds(18000).comment("Refund API and its tests").createdDate(at("2024-03-04T15:02:11+01:00"))
        .updatedDate(at("2024-03-04T15:02:11+01:00")).build();
  }

  static User user() {
    return User.builder().customerId(CUSTOMER).refType(JIRA).refId(ADA).name("Ada Lovelace")
        .email("ada@example.com").avatarUrl("https://avatar-management.example.com/" + ADA + "/48").active(true)
        .type(User.Type.HUMAN).timeZone("Europe/London").build();
  }

  static Sprint sprint() {
    return Sprint.builder().customerId(CUSTOMER).refType(JIRA).refId("14").boardRefId("1").name("ABC Sprint 14")
        .goal("Refunds in the customer portal").status(Sprint.Status.ACTIVE)
        .startedDate(at("2024-03-04T08:00:00Z")).endedDate(at("2024-03-18T08:00:00Z"))
        .url(SITE + "/secure/RapidBoard.jspa?rapidView=1&sprint=14").build();
  }

  static IssueType issueType() {
    return IssueType.builder().customerId(CUSTOMER).refType(JIRA).refId("10001").name("Story")
        .description("Functionality or a feature expressed as a user goal.").subtask(false).hierarchyLevel(0)
        .iconUrl(SITE + "/rest/api/2/universal_avatar/view/type/issuetype/avatar/10315?size=medium").build();
  }

  static Status status() {
    return Status.builder().customerId(CUSTOMER).refType(JIRA).refId("10002").name("In Review")
        .category(StatusCategory.IN_PROGRESS).description("Waiting for a reviewer").build();
  }

  static Priority priority() {
    return Priority.builder().customerId(CUSTOMER).refType(JIRA).refId("3").name("Medium")
        .description("Has the potential to affect progress.").ordinal(3)
        .iconUrl(SITE + "/images/icons/priorities/medium.svg").build();
  }

  static Resolution resolution() {
    return Resolution.builder().customerId(CUSTOMER).refType(JIRA).refId("10000").name("Done")
        .description("Work has been completed on this issue.").build();
  }

  /** Every example, by model name, in the order of the documentation. */
  static List<Object> all() {
    return List.of(project(), issue(), changelog(), comment(), worklog(), user(), sprint(), issueType(), status(),
        priority(), resolution());
  }
}
