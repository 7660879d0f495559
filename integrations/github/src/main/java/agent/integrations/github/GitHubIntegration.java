package agent.integrations.github;

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
import agent.rpcdef.http.GraphQl;
import agent.rpcdef.http.GraphQlException;
import agent.rpcdef.http.HttpException;
import agent.rpcdef.http.NotFoundException;
import agent.rpcdef.model.sourcecode.Repo;
import agent.rpcdef.model.sourcecode.User;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * GitHub and GitHub Enterprise Server: repositories, users, pull requests with their reviews,
 * comments and commits, and git history through the host. Pull requests come through GraphQL (nested
 * connections, a few points per hundred pull requests) or, with {@code pull_requests_api: rest},
 * through REST v3 only; everything else through REST, whose 304s cost nothing.
 *
 * <p>Sessions: {@code organization/<login>} (or {@code user/<login>} for the token user's own
 * repositories) with the {@code sourcecode.Repo} model session and one {@code repo/<owner/name>}
 * tracking session per repository under it ({@link RepoExport}); {@code sourcecode.User} at the top,
 * sent last, once everyone was seen.
 */
public final class GitHubIntegration implements Integration {
  static final String REF_TYPE = "github";

  @Override
  public ConfigSpec configSpec() {
    return GitHubConfig.SPEC;
  }

  @Override
  public void export(ExportContext ctx) {
    GitHubConfig cfg = GitHubConfig.parse(ctx.config());
    Supplier<String> token = tokens(ctx, cfg);
    ApiClient rest = GitHubClients.rest(ctx.http(), cfg, token);
    GraphQl gql = cfg.mode() == GitHubConfig.Mode.GRAPHQL ? GitHubClients.graphQl(ctx.http(), cfg, token) : null;
    Accounts accounts = new Accounts(ctx.customerId());
    Organizations orgs = new Organizations(rest, gql, ctx.customerId());
    PullRequestSource source = gql != null ? new GraphQlPullRequests(gql, accounts, ctx.customerId())
        : new RestPullRequests(rest, accounts, ctx.customerId());
    RepoExport repos = new RepoExport(ctx, rest, source, new RepoComments(rest, accounts, ctx.customerId()), cfg, token);

    List<String> logins = cfg.organizations().isEmpty() ? orgs.visible() : cfg.organizations();
    List<String> unreadable = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String org : logins) {
      List<JsonNode> listed;
      try {
        listed = orgs.repos(org);
        orgs.members(org, accounts);
      } catch (HttpException e) {
        String why = Organizations.unreadable(org, e);
        ctx.log().warn(why, "organization", org);
        unreadable.add(why);
        continue;
      }
      exportRepos(ctx, cfg, ctx.tracking("organization", org), listed, orgs, repos, seen);
    }
    if (cfg.includeUserRepos()) {
      String login = rest.get("/user").json().path("login").asText();
      exportRepos(ctx, cfg, ctx.tracking("user", login), orgs.userRepos(), orgs, repos, seen);
    }
    if (!logins.isEmpty() && unreadable.size() == logins.size() && !cfg.includeUserRepos()) {
      throw new IntegrationException("no organization could be read: " + String.join("; ", unreadable));
    }
    // Names of the accounts only REST payloads showed: all of them in REST mode, few in GraphQL mode.
    orgs.details(accounts);
    ModelSession users = ctx.model(User.MODEL);
    accounts.all().forEach(users::send);
    users.done();
    if (gql != null && gql.lastRateLimit() != null) {
      ctx.log().info("GraphQL budget", "remaining", gql.lastRateLimit().remaining(), "limit", gql.lastRateLimit().limit());
    }
  }

  private static void exportRepos(ExportContext ctx, GitHubConfig cfg, TrackingSession owner, List<JsonNode> listed,
      Organizations orgs, RepoExport repos, Set<String> seen) {
    List<JsonNode> chosen = new ArrayList<>();
    for (JsonNode r : listed) {
      String name = r.path("full_name").asText();
      if (seen.contains(name) || !cfg.repos().accepts(name)
          || (r.path("fork").asBoolean() && !cfg.includeForks())
          || (r.path("archived").asBoolean() && !cfg.includeArchived())) {
        continue;
      }
      seen.add(name);
      chosen.add(r);
    }
    ModelSession repoModel = owner.model(Repo.MODEL);
    List<Repo> mapped = new ArrayList<>();
    for (JsonNode r : chosen) {
      Repo repo = orgs.repo(r);
      repoModel.send(repo);
      mapped.add(repo);
    }
    repoModel.done();
    for (int i = 0; i < chosen.size(); i++) {
      JsonNode r = chosen.get(i);
      Repo repo = mapped.get(i);
      RepoRef ref = new RepoRef(r.path("owner").path("login").asText(), r.path("name").asText(), repo.id());
      TrackingSession rs = owner.tracking("repo", ref.fullName());
      try {
        repos.export(rs, ref, Accounts.text(r, "clone_url"), r.path("size").asLong(1) == 0);
        rs.done();
      } catch (NotFoundException e) {
        ctx.log().warn("repository disappeared during the export; skipped, the next export tries it again",
            "repo", ref.fullName(), "error", e.getMessage());
      } catch (GraphQlException e) {
        if (!e.types().contains("NOT_FOUND")) {
          throw e;
        }
        ctx.log().warn("repository disappeared during the export; skipped, the next export tries it again",
            "repo", ref.fullName(), "error", e.getMessage());
      }
      owner.progress(i + 1, chosen.size());
    }
    owner.done();
  }

  @Override
  public ValidationResult validate(Config config) {
    GitHubConfig cfg = GitHubConfig.parse(config);
    if (cfg.oauth()) {
      return ValidationResult.ok("oauth (tokens come from the backend at export time)");
    }
    return new Validation(GitHubClients.rest(ApiClient.builder(), cfg, cfg::accessToken), cfg).run();
  }

  @Override
  public List<?> onboard(Config config, String objectType, String customerId) {
    GitHubConfig cfg = GitHubConfig.parse(config);
    if (cfg.oauth()) {
      throw new ConfigException("onboarding needs an access_token: OAuth tokens are only handed out during an export");
    }
    ApiClient rest = GitHubClients.rest(ApiClient.builder(), cfg, cfg::accessToken);
    Organizations orgs = new Organizations(rest, null, customerId);
    List<String> logins = cfg.organizations().isEmpty() ? orgs.visible() : cfg.organizations();
    return switch (objectType) {
      case "repos" -> {
        List<Repo> out = new ArrayList<>();
        for (String org : logins) {
          for (JsonNode r : orgs.repos(org)) {
            if (cfg.repos().accepts(r.path("full_name").asText())) {
              out.add(orgs.repo(r));
            }
          }
        }
        yield out;
      }
      case "users" -> {
        Accounts accounts = new Accounts(customerId);
        for (String org : logins) {
          orgs.members(org, accounts);
        }
        orgs.details(accounts);
        yield accounts.all();
      }
      default -> throw new ConfigException("the github integration onboards \"users\" and \"repos\", not \"" + objectType + "\"");
    };
  }

  /** The token of each request: the configured one, or a fresh OAuth token from the backend. */
  private static Supplier<String> tokens(ExportContext ctx, GitHubConfig cfg) {
    return cfg.oauth() ? () -> ctx.oauthAccessToken("github") : cfg::accessToken;
  }
}
