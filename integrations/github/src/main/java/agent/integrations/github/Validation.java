package agent.integrations.github;

import agent.rpcdef.ValidationResult;
import agent.rpcdef.http.ApiClient;
import agent.rpcdef.http.ApiRequest;
import agent.rpcdef.http.ApiResponse;
import agent.rpcdef.http.HttpException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * validate-config: the token works (its login), its scopes suffice (a classic token's {@code
 * X-OAuth-Scopes}; a fine-grained token has none, so listing its organizations is the probe), each
 * configured organization is visible, and the GitHub Enterprise Server version is reported.
 */
final class Validation {
  private final ApiClient rest;
  private final GitHubConfig cfg;

  Validation(ApiClient rest, GitHubConfig cfg) {
    this.rest = rest;
    this.cfg = cfg;
  }

  ValidationResult run() {
    ApiResponse me;
    try {
      me = rest.get("/user");
    } catch (HttpException e) {
      return ValidationResult.failed(List.of(e.getMessage()));
    }
    String login = me.json().path("login").asText();
    List<String> problems = new ArrayList<>();
    String scopesHeader = me.header("X-OAuth-Scopes");
    if (scopesHeader != null) {
      Set<String> scopes = Arrays.stream(scopesHeader.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT))
          .filter(s -> !s.isEmpty()).collect(Collectors.toSet());
      if (!scopes.contains("repo") && !scopes.contains("public_repo")) {
        problems.add("the token of " + login + " lacks the repo scope (it has: " + (scopes.isEmpty() ? "none" : scopesHeader)
            + "); without it private repositories and their pull requests are invisible: add repo to the token");
      }
      if (!scopes.contains("read:org") && !scopes.contains("admin:org") && !scopes.contains("write:org")) {
        problems.add("the token of " + login + " lacks the read:org scope (it has: " + (scopes.isEmpty() ? "none" : scopesHeader)
            + "); without it organization members and private memberships are invisible: add read:org to the token");
      }
    }
    Organizations orgs = new Organizations(rest, null, "");
    List<String> logins;
    try {
      logins = cfg.organizations().isEmpty() ? orgs.visible() : cfg.organizations();
    } catch (HttpException e) {
      return ValidationResult.failed(List.of("cannot list the organizations of " + login + ": " + e.getMessage()));
    }
    for (String org : logins) {
      try {
        rest.get("/orgs/" + org);
        // The organization's own record is public; its repositories show what the token may read.
        rest.send(ApiRequest.get("/orgs/" + org + "/repos").query("per_page", 1));
      } catch (HttpException e) {
        problems.add(Organizations.unreadable(org, e));
      }
    }
    if (logins.isEmpty() && !cfg.includeUserRepos()) {
      problems.add(login + " belongs to no organization the token can see: list them in \"organizations\", or set"
          + " \"include_user_repos\": true to export the user's own repositories");
    }
    if (!problems.isEmpty()) {
      return ValidationResult.failed(problems);
    }
    String version = me.header("X-GitHub-Enterprise-Version");
    return ValidationResult.ok(version == null ? login : login + " (GitHub Enterprise Server " + version + ")");
  }
}
