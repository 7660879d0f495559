package agent.integrations.gitlab;

import agent.rpcdef.http.ApiClient;
import agent.rpcdef.http.ApiRequest;
import agent.rpcdef.http.CredentialsException;
import agent.rpcdef.http.HttpException;
import agent.rpcdef.http.NotFoundException;
import agent.rpcdef.http.Pages;
import agent.rpcdef.model.sourcecode.Repo;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the token can see: the configured groups' projects (subgroups included) or every project the
 * token's user is a member of, and the members of the groups they live in.
 *
 * <p>Pagination: the instance-wide project list is read with GitLab's keyset pagination (ordered by
 * id, the only order it offers keyset for, with no offset limit); group project lists and member
 * lists have offset pages only, followed by {@code X-Next-Page}. {@code X-Total} is never used:
 * GitLab leaves it out above 10,000 items.
 */
final class Projects {
  private final ApiClient api;
  private final GitLabConfig cfg;
  private final String customerId;

  Projects(ApiClient api, GitLabConfig cfg, String customerId) {
    this.api = api;
    this.cfg = cfg;
    this.customerId = customerId;
  }

  /** A configured group by its full path; a {@link NotFoundException} when the token cannot see it. */
  JsonNode group(String fullPath) {
    return api.get("/groups/" + GitLabClient.id(fullPath)).json();
  }

  /** A group's projects and its subgroups', as GitLab lists them (archived ones left out unless configured). */
  List<JsonNode> groupProjects(JsonNode group) {
    ApiRequest first = ApiRequest.get("/groups/" + group.path("id").asText() + "/projects")
        .query("include_subgroups", "true").query("with_shared", "false")
        .query("order_by", "id").query("sort", "asc").query("per_page", 100);
    return list(Pages.nextPageHeader(api, archived(first)));
  }

  /** Every project the token's user is a member of, directly or through a group. */
  List<JsonNode> memberProjects() {
    ApiRequest first = ApiRequest.get("/projects").query("membership", "true").query("pagination", "keyset")
        .query("order_by", "id").query("sort", "asc").query("per_page", 100);
    return list(Pages.link(api, archived(first)));
  }

  /**
   * The groups whose members to list for {@code projects}: the namespace of each project that lives
   * in a group, once. A group's member list ({@code members/all}) holds its direct members and those
   * it inherits from its ancestors, not its subgroups' members: each project's own group is asked.
   */
  static List<JsonNode> memberGroups(List<JsonNode> projects) {
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    for (JsonNode p : projects) {
      JsonNode ns = p.path("namespace");
      if (ns.path("kind").asText().equals("group") && ns.hasNonNull("id")) {
        byId.putIfAbsent(ns.path("id").asText(), ns);
      }
    }
    return new ArrayList<>(byId.values());
  }

  /** Records the members of {@code group} (direct and inherited) in {@code accounts}; false when they cannot be read. */
  boolean members(JsonNode group, Accounts accounts) {
    ApiRequest first = ApiRequest.get("/groups/" + group.path("id").asText() + "/members/all").query("per_page", 100);
    try {
      for (JsonNode m : Pages.items(Pages.nextPageHeader(api, first), "")) {
        accounts.member(m);
      }
      return true;
    } catch (NotFoundException | CredentialsException e) {
      return false; // A group the user sees through a project only: its members are not the user's to list.
    }
  }

  /** The {@code sourcecode.Repo} of a project object. */
  Repo repo(JsonNode p) {
    return Repo.builder().customerId(customerId).refType(GitLabIntegration.REF_TYPE).refId(p.path("id").asText())
        .name(p.path("path_with_namespace").asText()).url(Fields.text(p, "web_url"))
        .description(Fields.text(p, "description")).active(!p.path("archived").asBoolean())
        .fork(p.path("forked_from_project").isObject()).defaultBranch(Fields.text(p, "default_branch"))
        .createdDate(Fields.date(p, "created_at")).updatedDate(Fields.date(p, "last_activity_at")).build();
  }

  /** The sentence for a configured group that cannot be read, or rethrows what is not about access. */
  static String unreadable(String group, HttpException e) {
    if (e instanceof NotFoundException || e instanceof CredentialsException) {
      return "group " + group + " cannot be read with this token (" + e.getMessage() + "): check its full path (as in"
          + " its URL) and that the token's user is a member of it or it is public; its projects are skipped";
    }
    throw e;
  }

  private ApiRequest archived(ApiRequest r) {
    return cfg.includeArchived() ? r : r.query("archived", "false");
  }

  private static List<JsonNode> list(Iterable<agent.rpcdef.http.ApiResponse> pages) {
    List<JsonNode> out = new ArrayList<>();
    Pages.items(pages, "").forEach(out::add);
    return out;
  }
}
