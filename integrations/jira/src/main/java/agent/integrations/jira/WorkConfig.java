package agent.integrations.jira;

import agent.rpcdef.model.work.IssueType;
import agent.rpcdef.model.work.Priority;
import agent.rpcdef.model.work.Resolution;
import agent.rpcdef.model.work.Status;
import agent.rpcdef.model.work.StatusCategory;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The workflow configuration: issue types, statuses with their categories, priorities, resolutions. */
final class WorkConfig {
  private WorkConfig() {}

  /** The model type of a workflow configuration record's class. */
  static String model(Class<?> type) {
    if (type == IssueType.class) {
      return IssueType.MODEL;
    }
    if (type == Status.class) {
      return Status.MODEL;
    }
    if (type == Priority.class) {
      return Priority.MODEL;
    }
    if (type == Resolution.class) {
      return Resolution.MODEL;
    }
    throw new IllegalArgumentException("not a workflow configuration record: " + type);
  }

  static List<Object> read(JiraSite site, String customerId) {
    List<Object> out = new ArrayList<>();
    for (JsonNode t : site.array("/issuetype")) {
      out.add(IssueType.builder().customerId(customerId).refType(JiraIntegration.REF_TYPE).refId(t.path("id").asText())
          .name(t.path("name").asText()).description(JiraUsers.text(t, "description")).subtask(t.path("subtask").asBoolean())
          .hierarchyLevel(t.hasNonNull("hierarchyLevel") ? t.get("hierarchyLevel").asInt() : null)
          .iconUrl(JiraUsers.text(t, "iconUrl")).build());
    }
    for (JsonNode s : site.array("/status")) {
      out.add(Status.builder().customerId(customerId).refType(JiraIntegration.REF_TYPE).refId(s.path("id").asText())
          .name(s.path("name").asText()).description(JiraUsers.text(s, "description"))
          .category(StatusCategory.ofJiraKey(JiraUsers.text(s.path("statusCategory"), "key"))).build());
    }
    int ordinal = 0;
    for (JsonNode p : site.array("/priority")) {
      out.add(Priority.builder().customerId(customerId).refType(JiraIntegration.REF_TYPE).refId(p.path("id").asText())
          .name(p.path("name").asText()).description(JiraUsers.text(p, "description")).ordinal(++ordinal)
          .iconUrl(JiraUsers.text(p, "iconUrl")).build());
    }
    for (JsonNode r : site.array("/resolution")) {
      out.add(Resolution.builder().customerId(customerId).refType(JiraIntegration.REF_TYPE).refId(r.path("id").asText())
          .name(r.path("name").asText()).description(JiraUsers.text(r, "description")).build());
    }
    return out;
  }
}
