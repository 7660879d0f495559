package agent.integrations.jira;

import agent.rpcdef.model.work.Changelog;
import agent.rpcdef.model.work.Issue;
import agent.rpcdef.model.work.IssueComment;
import agent.rpcdef.model.work.Project;
import agent.rpcdef.model.work.Sprint;
import agent.rpcdef.model.work.StatusCategory;
import agent.rpcdef.model.work.Worklog;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A Jira issue (as a search returns it, with {@code fields=*all} and its children read in full) as the
 * {@code work.*} objects: the issue, one changelog object per changed field of every history entry in
 * order, its comments and its worklogs.
 */
final class IssueMapper {
  private final String customerId;
  private final String site;
  private final FieldCatalog fields;
  private final JiraUsers users;
  private final WorkDurations.Settings durations;
  private final Function<String, String> epicIdOfKey;
  private final Set<String> special = new HashSet<>();

  /**
   * @param epicIdOfKey the {@code work.Issue} id of the issue with a key (Server's Epic Link names a
   *     key), or null when it cannot be read
   */
  IssueMapper(String customerId, String site, FieldCatalog fields, JiraUsers users, WorkDurations.Settings durations,
      Function<String, String> epicIdOfKey) {
    this.customerId = customerId;
    this.site = site;
    this.fields = fields;
    this.users = users;
    this.durations = durations;
    this.epicIdOfKey = epicIdOfKey;
    special.addAll(fields.storyPointFields());
    fields.sprintField().ifPresent(special::add);
    fields.epicLinkField().ifPresent(special::add);
  }

  /** The issue's objects. */
  record Mapped(Issue issue, List<Changelog> changelog, List<IssueComment> comments, List<Worklog> worklogs) {}

  Mapped map(JsonNode issue, List<JsonNode> histories, List<JsonNode> comments, List<JsonNode> worklogs) {
    JsonNode f = issue.path("fields");
    String refId = issue.path("id").asText();
    String key = issue.path("key").asText();
    String issueId = Issue.idOf(customerId, JiraIntegration.REF_TYPE, refId);
    String projectId = Project.idOf(customerId, JiraIntegration.REF_TYPE, f.path("project").path("id").asText());
    JsonNode parent = f.path("parent");
    String parentId = parent.hasNonNull("id") ? Issue.idOf(customerId, JiraIntegration.REF_TYPE, parent.get("id").asText()) : null;
    String epicId = null;
    if (parentId != null && isEpic(parent.path("fields").path("issuetype"))) {
      epicId = parentId;
    } else if (fields.epicLinkField().isPresent() && f.hasNonNull(fields.epicLinkField().get())) {
      epicId = epicIdOfKey.apply(f.get(fields.epicLinkField().get()).asText());
    }
    Double points = null;
    for (String sp : fields.storyPointFields()) {
      points = FieldCatalog.storyPoints(f.get(sp));
      if (points != null) {
        break;
      }
    }
    List<String> sprintIds = new ArrayList<>();
    fields.sprintField().ifPresent(sf -> FieldCatalog.sprintIds(f.get(sf))
        .forEach(id -> sprintIds.add(Sprint.idOf(customerId, JiraIntegration.REF_TYPE, id))));
    List<Issue.CustomField> custom = new ArrayList<>();
    f.properties().forEach(e -> {
      if (e.getKey().startsWith("customfield_") && !special.contains(e.getKey()) && !e.getValue().isNull()) {
        String value = FieldCatalog.render(e.getValue());
        if (value != null) {
          custom.add(Issue.CustomField.builder().id(e.getKey()).name(fields.name(e.getKey())).value(value).build());
        }
      }
    });
    JsonNode status = f.path("status");
    Issue mapped = Issue.builder().customerId(customerId).refType(JiraIntegration.REF_TYPE).refId(refId)
        .projectId(projectId).identifier(key).title(f.path("summary").asText())
        .description(AdfText.toText(f.get("description"))).url(site + "/browse/" + key)
        .type(JiraUsers.text(f.path("issuetype"), "name")).typeId(JiraUsers.text(f.path("issuetype"), "id"))
        .status(JiraUsers.text(status, "name")).statusId(JiraUsers.text(status, "id"))
        .statusCategory(StatusCategory.ofJiraKey(JiraUsers.text(status.path("statusCategory"), "key")))
        .priority(JiraUsers.text(f.path("priority"), "name")).priorityId(JiraUsers.text(f.path("priority"), "id"))
        .resolution(JiraUsers.text(f.path("resolution"), "name")).resolutionDate(JiraDates.date(f, "resolutiondate"))
        .assigneeRefId(users.add(f.get("assignee"))).reporterRefId(users.add(f.get("reporter")))
        .creatorRefId(users.add(f.get("creator"))).parentId(parentId).epicId(epicId)
        .tags(texts(f.path("labels"), null)).components(texts(f.path("components"), "name"))
        .fixVersions(texts(f.path("fixVersions"), "name")).dueDate(JiraDates.day(f, "duedate"))
        .createdDate(JiraDates.date(f, "created")).updatedDate(JiraDates.date(f, "updated"))
        .timeTracking(timeTracking(f)).storyPoints(points).sprintIds(sprintIds).customFields(custom).build();
    return new Mapped(mapped, changelog(histories, issueId, projectId), comments(comments, issueId, projectId, key),
        worklogs(worklogs, issueId, projectId));
  }

  private static boolean isEpic(JsonNode issueType) {
    return issueType.path("hierarchyLevel").asInt(0) == 1 || "Epic".equalsIgnoreCase(issueType.path("name").asText());
  }

  private Issue.TimeTracking timeTracking(JsonNode f) {
    JsonNode t = f.path("timetracking");
    Long original = seconds(t, "originalEstimateSeconds", "originalEstimate", f, "timeoriginalestimate");
    Long remaining = seconds(t, "remainingEstimateSeconds", "remainingEstimate", f, "timeestimate");
    Long spent = seconds(t, "timeSpentSeconds", "timeSpent", f, "timespent");
    if (original == null && remaining == null && spent == null) {
      return null;
    }
    return Issue.TimeTracking.builder().originalEstimateSeconds(original).remainingEstimateSeconds(remaining)
        .timeSpentSeconds(spent).build();
  }

  /** Seconds from the number Jira gives, else from its text with the instance's settings, else the plain field. */
  private Long seconds(JsonNode t, String secondsField, String textField, JsonNode f, String plainField) {
    if (t.hasNonNull(secondsField)) {
      return t.get(secondsField).asLong();
    }
    if (t.hasNonNull(textField)) {
      return WorkDurations.seconds(t.get(textField).asText(), durations);
    }
    return f.hasNonNull(plainField) ? f.get(plainField).asLong() : null;
  }

  private List<Changelog> changelog(List<JsonNode> histories, String issueId, String projectId) {
    List<JsonNode> ordered = new ArrayList<>(histories);
    ordered.sort(Comparator.comparing((JsonNode h) -> JiraDates.parse(h, "created"))
        .thenComparing(h -> h.path("id").asLong()));
    List<Changelog> out = new ArrayList<>();
    long ordinal = 0;
    for (JsonNode h : ordered) {
      String user = users.add(h.get("author"));
      int index = 0;
      for (JsonNode item : h.path("items")) {
        out.add(Changelog.builder().customerId(customerId).refType(JiraIntegration.REF_TYPE)
            .refId(Changelog.refIdOf(h.path("id").asText(), index++)).issueId(issueId).projectId(projectId)
            .ordinal(++ordinal).createdDate(JiraDates.date(h, "created")).userRefId(user)
            .field(JiraUsers.text(item, "field")).fieldId(JiraUsers.text(item, "fieldId"))
            .fieldType(JiraUsers.text(item, "fieldtype")).from(JiraUsers.text(item, "from"))
            .fromDisplay(JiraUsers.text(item, "fromString")).to(JiraUsers.text(item, "to"))
            .toDisplay(JiraUsers.text(item, "toString")).build());
      }
    }
    return out;
  }

  private List<IssueComment> comments(List<JsonNode> comments, String issueId, String projectId, String key) {
    List<IssueComment> out = new ArrayList<>();
    for (JsonNode c : comments) {
      String id = c.path("id").asText();
      out.add(IssueComment.builder().customerId(customerId).refType(JiraIntegration.REF_TYPE).refId(id).issueId(issueId)
          .projectId(projectId).body(AdfText.toText(c.get("body"))).userRefId(users.add(c.get("author")))
          .createdDate(JiraDates.date(c, "created")).updatedDate(JiraDates.date(c, "updated"))
          .url(site + "/browse/" + key + "?focusedCommentId=" + id).build());
    }
    return out;
  }

  private List<Worklog> worklogs(List<JsonNode> worklogs, String issueId, String projectId) {
    List<Worklog> out = new ArrayList<>();
    for (JsonNode w : worklogs) {
      long seconds = w.hasNonNull("timeSpentSeconds") ? w.get("timeSpentSeconds").asLong()
          : WorkDurations.seconds(w.path("timeSpent").asText(""), durations);
      out.add(Worklog.builder().customerId(customerId).refType(JiraIntegration.REF_TYPE).refId(w.path("id").asText())
          .issueId(issueId).projectId(projectId).userRefId(users.add(w.get("author")))
          .startedDate(JiraDates.date(w, "started")).timeSpentSeconds(seconds)
          .comment(AdfText.toText(w.get("comment"))).createdDate(JiraDates.date(w, "created"))
          .updatedDate(JiraDates.date(w, "updated")).build());
    }
    return out;
  }

  /** The texts of an array: its elements, or each element's {@code field}. */
  private static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : array) {
      String v = field == null ? e.asText() : JiraUsers.text(e, field);
      if (v != null && !v.isEmpty()) {
        out.add(v);
      }
    }
    return out;
  }
}
