package agent.integrations.gitlab;

import agent.rpcdef.Config;
import agent.rpcdef.ConfigException;
import agent.rpcdef.ConfigSpec;
import agent.rpcdef.ExportContext;
import agent.rpcdef.Integration;
import agent.rpcdef.IntegrationException;
import agent.rpcdef.ModelSession;
import agent.rpcdef.TrackingSession;
import agent.rpcdef.ValidationResult;
import agent.rpcdef.http.ApiClient;
import agent.rpcdef.http.CredentialsException;
import agent.rpcdef.http.HttpException;
import agent.rpcdef.http.NotFoundException;
import agent.rpcdef.model.sourcecode.Repo;
import agent.rpcdef.model.sourcecode.User;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * GitLab.com and self-managed GitLab through REST v4: projects, users, merge requests with their
 * approvals, notes and commits, and git history through the host (merge request heads from {@code
 * refs/merge-requests/N/head}).
 *
 * <p>Sessions: {@code group/<top-level group>} (or {@code user/<username>} for projects in a personal
 * namespace) with the {@code sourcecode.Repo} model session and one {@code repo/<full path>} tracking
 * session per project under it ({@link ProjectExport}). Keyed by the top-level namespace, a project's
 * tokens stay the same whichever of its groups the config names. {@code sourcecode.User} at the top,
 * sent last, once everyone was seen.
 */
public final class GitLabIntegration implements Integration {
  static final String REF_TYPE = "gitlab";

  @Override
  public ConfigSpec configSpec() {
    return GitLabConfig.SPEC;
  }

  @Override
  public void export(ExportContext ctx) {
    GitLabConfig cfg = GitLabConfig.parse(ctx.config());
    Supplier<String> token = tokens(ctx, cfg);
    ApiClient api = GitLabClient.rest(ctx.http(), cfg, token);
    Accounts accounts = new Accounts(ctx.customerId());
    Projects projects = new Projects(api, cfg, ctx.customerId());
    ProjectExport export = new ProjectExport(ctx, new MergeRequests(api, accounts, ctx.customerId()), cfg, token);

    List<JsonNode> groups = new ArrayList<>();
    List<JsonNode> listed = new ArrayList<>();
    if (cfg.groups().isEmpty()) {
      listed.addAll(projects.memberProjects());
    } else {
      List<String> unreadable = new ArrayList<>();
      for (String path : cfg.groups()) {
        try {
          JsonNode g = projects.group(path);
          List<JsonNode> inGroup = projects.groupProjects(g);
          if (inGroup.isEmpty()) {
            ctx.log().warn("group has no project this token can see", "group", path);
          }
          listed.addAll(inGroup);
          groups.add(g);
        } catch (HttpException e) {
          String why = Projects.unreadable(path, e);
          ctx.log().warn(why, "group", path);
          unreadable.add(why);
        }
      }
      if (groups.isEmpty()) {
        throw new IntegrationException("no group could be read: " + String.join("; ", unreadable));
      }
    }
    for (JsonNode g : Projects.memberGroups(listed)) {
      if (!projects.members(g, accounts)) {
        ctx.log().debug("group members not readable with this token", "group", g.path("full_path").asText());
      }
    }

    // One tracking session per top-level namespace, each project once (configured groups may overlap).
    Map<String, List<JsonNode>> byOwner = new LinkedHashMap<>();
    Map<String, JsonNode> unique = new LinkedHashMap<>();
    for (JsonNode p : listed) {
      String name = p.path("path_with_namespace").asText();
      if (cfg.repos().accepts(name) && (cfg.includeArchived() || !p.path("archived").asBoolean())) {
        unique.putIfAbsent(p.path("id").asText(), p);
      }
    }
    for (JsonNode p : unique.values()) {
      byOwner.computeIfAbsent(owner(p), k -> new ArrayList<>()).add(p);
    }
    int forbidden = 0;
    for (Map.Entry<String, List<JsonNode>> e : byOwner.entrySet()) {
      forbidden += exportProjects(ctx, e.getKey(), e.getValue(), projects, export);
    }
    if (forbidden > 0 && forbidden == unique.size()) {
      throw new IntegrationException("the merge requests of no project could be read (403 Forbidden on each):"
          + " the token's user needs at least the Reporter role in the projects, and the token the read_api scope");
    }

    ModelSession users = ctx.model(User.MODEL);
    accounts.all().forEach(users::send);
    users.done();
  }

  /** The session key of a project's top-level namespace: {@code group/acme}, or {@code user/ada} for a personal project. */
  static String owner(JsonNode p) {
    JsonNode ns = p.path("namespace");
    String full = ns.path("full_path").asText(p.path("path_with_namespace").asText());
    int slash = full.indexOf('/');
    String top = slash < 0 ? full : full.substring(0, slash);
    return (ns.path("kind").asText("group").equals("user") ? "user/" : "group/") + top;
  }

  /** Exports {@code list} under the owner's session; the number of projects skipped for a 403. */
  private static int exportProjects(ExportContext ctx, String owner, List<JsonNode> list, Projects projects,
      ProjectExport export) {
    int forbidden = 0;
    int slash = owner.indexOf('/');
    TrackingSession ownerSession = ctx.tracking(owner.substring(0, slash), owner.substring(slash + 1));
    ModelSession repoModel = ownerSession.model(Repo.MODEL);
    List<Repo> mapped = new ArrayList<>();
    for (JsonNode p : list) {
      Repo repo = projects.repo(p);
      repoModel.send(repo);
      mapped.add(repo);
    }
    repoModel.done();
    for (int i = 0; i < list.size(); i++) {
      JsonNode p = list.get(i);
      ProjectRef ref = new ProjectRef(p.path("id").asLong(), p.path("path_with_namespace").asText(), mapped.get(i).id());
      TrackingSession ps = ownerSession.tracking("repo", ref.fullPath());
      try {
        export.export(ps, ref, p);
        ps.done();
      } catch (NotFoundException e) {
        ctx.log().warn("project disappeared during the export; skipped, the next export tries it again",
            "project", ref.fullPath(), "error", e.getMessage());
      } catch (CredentialsException e) {
        if (e.status() != 403) {
          throw e;
        }
        // Merge requests off for the project, or a role below Reporter in a private one: the others go on.
        forbidden++;
        ctx.log().warn("merge requests of the project cannot be read with this token (403); skipped: give the"
            + " token's user the Reporter role or more, or leave the project out with exclude_repos",
            "project", ref.fullPath());
      }
      ownerSession.progress(i + 1, list.size());
    }
    ownerSession.done();
    return forbidden;
  }

  @Override
  public ValidationResult validate(Config config) {
    GitLabConfig cfg = GitLabConfig.parse(config);
    if (cfg.oauth()) {
      return ValidationResult.ok("oauth (tokens come from the backend at export time)");
    }
    return new Validation(GitLabClient.rest(ApiClient.builder(), cfg, cfg::accessToken), cfg).run();
  }

  @Override
  public List<?> onboard(Config config, String objectType, String customerId) {
    GitLabConfig cfg = GitLabConfig.parse(config);
    if (cfg.oauth()) {
      throw new ConfigException("onboarding needs an access_token: OAuth tokens are only handed out during an export");
    }
    ApiClient api = GitLabClient.rest(ApiClient.builder(), cfg, cfg::accessToken);
    Projects projects = new Projects(api, cfg, customerId);
    List<JsonNode> listed = new ArrayList<>();
    if (cfg.groups().isEmpty()) {
      listed.addAll(projects.memberProjects());
    } else {
      for (String path : cfg.groups()) {
        listed.addAll(projects.groupProjects(projects.group(path)));
      }
    }
    return switch (objectType) {
      case "repos" -> {
        Map<String, Repo> out = new LinkedHashMap<>();
        for (JsonNode p : listed) {
          if (cfg.repos().accepts(p.path("path_with_namespace").asText())) {
            out.putIfAbsent(p.path("id").asText(), projects.repo(p));
          }
        }
        yield new ArrayList<>(out.values());
      }
      case "users" -> {
        Accounts accounts = new Accounts(customerId);
        for (JsonNode g : Projects.memberGroups(listed)) {
          projects.members(g, accounts);
        }
        yield accounts.all();
      }
      default -> throw new ConfigException("the gitlab integration onboards \"users\" and \"repos\", not \"" + objectType + "\"");
    };
  }

  /** The token of each request: the configured one, or a fresh OAuth token from the backend. */
  private static Supplier<String> tokens(ExportContext ctx, GitLabConfig cfg) {
    return cfg.oauth() ? () -> ctx.oauthAccessToken("gitlab") : cfg::accessToken;
  }
}
