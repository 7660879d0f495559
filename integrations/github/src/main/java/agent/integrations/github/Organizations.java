package agent.integrations.github;

import agent.rpcdef.http.ApiClient;
import agent.rpcdef.http.ApiRequest;
import agent.rpcdef.http.CredentialsException;
import agent.rpcdef.http.GraphQl;
import agent.rpcdef.http.GraphQlPageSize;
import agent.rpcdef.http.HttpException;
import agent.rpcdef.http.NotFoundException;
import agent.rpcdef.http.Pages;
import agent.rpcdef.model.sourcecode.Repo;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the token can see: its organizations, their repositories and members, and the user's own
 * repositories; all through REST lists except members' names, which REST lists leave out (GraphQL
 * mode reads members with their names, REST mode asks for each member's record).
 */
final class Organizations {
  private final ApiClient rest;
  private final GraphQl gql;
  private final String customerId;

  /** {@code gql} null in REST mode. */
  Organizations(ApiClient rest, GraphQl gql, String customerId) {
    this.rest = rest;
    this.gql = gql;
    this.customerId = customerId;
  }

  /** The logins of every organization the token's user belongs to. */
  List<String> visible() {
    List<String> out = new ArrayList<>();
    for (JsonNode o : Pages.items(Pages.link(rest, ApiRequest.get("/user/orgs").query("per_page", 100)), "")) {
      out.add(o.path("login").asText());
    }
    return out;
  }

  /** An organization's repositories, as GitHub lists them. */
  List<JsonNode> repos(String org) {
    return list(ApiRequest.get("/orgs/" + org + "/repos").query("type", "all").query("per_page", 100));
  }

  /** The repositories the token's user owns. */
  List<JsonNode> userRepos() {
    return list(ApiRequest.get("/user/repos").query("affiliation", "owner").query("per_page", 100));
  }

  /** Records an organization's members in {@code accounts}, with their names. */
  void members(String org, Accounts accounts) {
    if (gql != null) {
      for (JsonNode u : gql.nodes(Queries.MEMBERS, Map.of("org", org), "/organization/membersWithRole",
          new GraphQlPageSize(100, 10))) {
        accounts.member(accounts.graphQl(u));
      }
      return;
    }
    for (JsonNode u : Pages.items(Pages.link(rest, ApiRequest.get("/orgs/" + org + "/members").query("per_page", 100)), "")) {
      accounts.member(accounts.rest(u));
    }
  }

  /** Fetches the record of every account seen only in REST payloads, for its name; one request each. */
  void details(Accounts accounts) {
    for (String login : accounts.loginsWithoutDetails().values()) {
      try {
        // A bot's login ends in "[bot]": brackets are not path characters.
        accounts.restDetails(rest.get("/users/" + URLEncoder.encode(login, StandardCharsets.UTF_8)).json());
      } catch (NotFoundException e) {
        // Renamed or deleted since it was seen: what the payload said stands.
      }
    }
  }

  /** The {@code sourcecode.Repo} of a REST repository object. */
  Repo repo(JsonNode r) {
    return Repo.builder().customerId(customerId).refType(GitHubIntegration.REF_TYPE).refId(r.path("id").asText())
        .name(r.path("full_name").asText()).url(Accounts.text(r, "html_url")).description(Accounts.text(r, "description"))
        .language(Accounts.text(r, "language")).active(!r.path("archived").asBoolean() && !r.path("disabled").asBoolean())
        .fork(r.path("fork").asBoolean()).defaultBranch(Accounts.text(r, "default_branch"))
        .createdDate(Dates.of(r, "created_at")).updatedDate(Dates.of(r, "updated_at")).build();
  }

  /**
   * The sentence for an organization that cannot be read, or rethrows what is not about access: SAML
   * single sign-on not authorized for the token, or an organization the token cannot see.
   */
  static String unreadable(String org, HttpException e) {
    if (e instanceof CredentialsException && e.getMessage().contains("SAML")) {
      return "organization " + org + " uses SAML single sign-on and the token is not authorized for it: on GitHub, open"
          + " Settings > Developer settings > Personal access tokens, choose Configure SSO next to the token and"
          + " authorize " + org + "; its repositories are skipped until then";
    }
    if (e instanceof NotFoundException || e instanceof CredentialsException) {
      return "organization " + org + " cannot be read with this token (" + e.getMessage() + "): check the login and"
          + " that the token's user is a member with the read:org scope; its repositories are skipped";
    }
    throw e;
  }

  private List<JsonNode> list(ApiRequest first) {
    List<JsonNode> out = new ArrayList<>();
    Pages.items(Pages.link(rest, first), "").forEach(out::add);
    return out;
  }
}
