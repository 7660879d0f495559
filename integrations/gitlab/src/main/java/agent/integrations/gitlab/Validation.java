package agent.integrations.gitlab;

import agent.rpcdef.ValidationResult;
import agent.rpcdef.http.ApiClient;
import agent.rpcdef.http.ApiRequest;
import agent.rpcdef.http.HttpException;
import agent.rpcdef.http.NotFoundException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * validate-config: the token works (its user), its scopes suffice (where the instance tells them:
 * {@code /personal_access_tokens/self}, GitLab 15.5 and later), each configured group is visible (or,
 * with none configured, at least one project), and the instance's version is reported.
 */
final class Validation {
  private final ApiClient api;
  private final GitLabConfig cfg;

  Validation(ApiClient api, GitLabConfig cfg) {
    this.api = api;
    this.cfg = cfg;
  }

  ValidationResult run() {
    JsonNode me;
    try {
      me = api.get("/user").json();
    } catch (HttpException e) {
      return ValidationResult.failed(List.of(e.getMessage()));
    }
    String user = me.path("username").asText();
    List<String> problems = new ArrayList<>();
    scopes(user, problems);
    if (cfg.groups().isEmpty()) {
      try {
        JsonNode first = api.send(ApiRequest.get("/projects").query("membership", "true").query("per_page", 1)).json();
        if (first.isEmpty()) {
          problems.add(user + " is a member of no project the token can see: list the groups to export in \"groups\","
              + " or give a token of a user who is a member of them");
        }
      } catch (HttpException e) {
        problems.add("cannot list the projects of " + user + ": " + e.getMessage());
      }
    }
    Projects projects = new Projects(api, cfg, "");
    for (String group : cfg.groups()) {
      try {
        projects.group(group);
      } catch (HttpException e) {
        problems.add(Projects.unreadable(group, e));
      }
    }
    if (!problems.isEmpty()) {
      return ValidationResult.failed(problems);
    }
    return ValidationResult.ok(user + " (GitLab " + version() + ")");
  }

  private void scopes(String user, List<String> problems) {
    JsonNode self;
    try {
      self = api.get("/personal_access_tokens/self").json();
    } catch (NotFoundException e) {
      return; // Before GitLab 15.5, or not a personal access token: the probes below tell what the token can read.
    }
    Set<String> scopes = new TreeSet<>();
    self.path("scopes").forEach(s -> scopes.add(s.asText()));
    if (!scopes.contains("api") && !scopes.contains("read_api")) {
      problems.add("the token of " + user + " lacks the read_api scope (it has: " + (scopes.isEmpty() ? "none" : String.join(", ", scopes))
          + "); without it no project or merge request can be read: create a token with read_api");
    }
    if (cfg.git() && !scopes.contains("api") && !scopes.contains("read_repository") && !scopes.contains("write_repository")) {
      problems.add("the token of " + user + " lacks the read_repository scope (it has: " + String.join(", ", scopes)
          + "); without it the git history of private projects cannot be fetched: add read_repository, or set \"git\": false");
    }
  }

  private String version() {
    try {
      return api.get("/version").json().path("version").asText("unknown version");
    } catch (HttpException e) {
      return "version not readable: " + e.getMessage();
    }
  }
}
