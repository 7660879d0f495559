package agent.integrations.jira;

import agent.rpcdef.ConfigException;
import agent.rpcdef.model.work.Project;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The projects to export: every one the account can browse (Cloud pages them), filtered by the config. */
final class Projects {
  private Projects() {}

  static List<JsonNode> list(JiraSite site, JiraConfig cfg) {
    List<JsonNode> all = site.flavor() == JiraFlavor.CLOUD
        ? site.offsetList(site.request("/project/search").query("expand", "description,lead"), "values", 50)
        : site.array("/project?expand=description,lead");
    List<JsonNode> out = new ArrayList<>();
    Set<String> found = new HashSet<>();
    for (JsonNode p : all) {
      String key = p.path("key").asText().toUpperCase(Locale.ROOT);
      found.add(key);
      if ((cfg.projects().isEmpty() || cfg.projects().contains(key)) && !cfg.excludeProjects().contains(key)) {
        out.add(p);
      }
    }
    List<String> missing = cfg.projects().stream().filter(k -> !found.contains(k)).toList();
    if (!missing.isEmpty()) {
      throw new ConfigException("config key \"projects\" names " + missing + ", which the account cannot browse on "
          + site.url() + " (it sees " + found.size() + " projects): check the keys and the account's permissions");
    }
    return out;
  }

  static Project map(JsonNode p, String customerId, String site, JiraUsers users) {
    String key = p.path("key").asText();
    return Project.builder().customerId(customerId).refType(JiraIntegration.REF_TYPE).refId(p.path("id").asText())
        .identifier(key).name(p.path("name").asText()).description(JiraUsers.text(p, "description"))
        .category(JiraUsers.text(p.path("projectCategory"), "name")).leadRefId(users.add(p.get("lead")))
        .type(JiraUsers.text(p, "projectTypeKey")).url(site + "/browse/" + key)
        .active(!p.path("archived").asBoolean(false)).build();
  }
}
