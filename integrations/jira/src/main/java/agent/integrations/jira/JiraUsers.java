package agent.integrations.jira;

import agent.rpcdef.model.work.User;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everyone an export saw (assignees, reporters, creators, commenters, authors of changes and
 * worklogs): Cloud accounts by {@code accountId}, Server users by {@code key}. An e-mail address only
 * when Jira shows it; never guessed. Not thread-safe.
 */
final class JiraUsers {
  private final String customerId;
  private final JiraFlavor flavor;
  private final Map<String, User> byRefId = new LinkedHashMap<>();

  JiraUsers(String customerId, JiraFlavor flavor) {
    this.customerId = customerId;
    this.flavor = flavor;
  }

  /** Records a user object; its ref id, or null for none (an anonymous change, a deleted account). */
  String add(JsonNode u) {
    if (u == null || u.isNull() || !u.isObject()) {
      return null;
    }
    String refId = text(u, flavor == JiraFlavor.CLOUD ? "accountId" : "key");
    if (refId == null) {
      refId = text(u, "name"); // Old Server payloads without a key.
    }
    if (refId == null) {
      return null;
    }
    if (!byRefId.containsKey(refId)) {
      byRefId.put(refId, User.builder().customerId(customerId).refType(JiraIntegration.REF_TYPE).refId(refId)
          .name(text(u, "displayName")).username(flavor == JiraFlavor.HOSTED ? text(u, "name") : null)
          .email(text(u, "emailAddress")).avatarUrl(text(u.path("avatarUrls"), "48x48"))
          .active(u.path("active").asBoolean(true))
          .type(flavor == JiraFlavor.CLOUD ? User.Type.ofJiraAccountType(text(u, "accountType")) : User.Type.HUMAN)
          .timeZone(text(u, "timeZone")).build());
    }
    return refId;
  }

  List<User> all() {
    return new ArrayList<>(byRefId.values());
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
  }
}
