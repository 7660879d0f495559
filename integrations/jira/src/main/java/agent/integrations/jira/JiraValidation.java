package agent.integrations.jira;

import agent.rpcdef.ValidationResult;
import agent.rpcdef.http.HttpException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * validate-config: the credentials ({@code /myself}), the deployment type and version ({@code
 * /serverInfo}), and each configured project visible with the browse permission.
 */
final class JiraValidation {
  private final JiraSite site;
  private final JiraConfig cfg;

  JiraValidation(JiraSite site, JiraConfig cfg) {
    this.site = site;
    this.cfg = cfg;
  }

  ValidationResult run() {
    JsonNode me;
    JsonNode info;
    try {
      me = site.get("/myself");
      info = site.get("/serverInfo");
    } catch (HttpException e) {
      return ValidationResult.failed(List.of(e.getMessage()));
    }
    String deployment = info.path("deploymentType").asText("");
    List<String> problems = new ArrayList<>();
    boolean cloud = deployment.equalsIgnoreCase("Cloud");
    if (cloud != (site.flavor() == JiraFlavor.CLOUD)) {
      problems.add(site.url() + " is Jira " + (deployment.isEmpty() ? "of an unknown deployment" : deployment)
          + ": use the " + (cloud ? "jira-cloud" : "jira-hosted") + " integration for it");
    }
    for (String key : cfg.projects()) {
      try {
        JsonNode p = site.get("/mypermissions?projectKey=" + key + "&permissions=BROWSE_PROJECTS");
        if (!p.path("permissions").path("BROWSE_PROJECTS").path("havePermission").asBoolean(false)) {
          problems.add("the account may not browse project " + key + ": grant it the Browse Projects permission");
        }
      } catch (HttpException e) {
        problems.add("project " + key + " cannot be checked: " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      return ValidationResult.failed(problems);
    }
    String who = me.path("displayName").asText(me.path("emailAddress").asText(""));
    String version = info.path("version").asText("");
    return ValidationResult.ok(who + " (Jira " + (deployment.isEmpty() ? "" : deployment + " ") + version + ")");
  }
}
