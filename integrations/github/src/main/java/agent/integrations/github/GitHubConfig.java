package agent.integrations.github;

import agent.rpcdef.Config;
import agent.rpcdef.ConfigException;
import agent.rpcdef.ConfigSpec;
import agent.rpcdef.ConfigUrl;
import agent.rpcdef.RepoFilter;
import java.util.List;
import java.util.Locale;

/**
 * The github integration's config, declared in {@link #SPEC} and listed in _docs/integrations.md (a
 * test keeps the two in step). Unknown keys are an error (the SDK checks them against the spec).
 *
 * @param restUrl the REST API root without a trailing slash: {@code https://api.github.com} or
 *     {@code https://HOST/api/v3}
 * @param graphqlUrl where GraphQL lives: {@code https://api.github.com/graphql} or {@code
 *     https://HOST/api/graphql}
 * @param accessToken the token, or empty with {@code oauth}
 * @param oauth true to take tokens from the backend through the host
 * @param organizations logins to export; empty for every organization the token can see
 * @param includeUserRepos also export the token owner's own repositories
 * @param repos which repositories to export, by {@code owner/name} globs
 * @param includeForks export forks too
 * @param includeArchived export archived repositories too
 * @param git export commits and branches through the host's git export
 * @param mode where pull-request data comes from
 */
record GitHubConfig(String restUrl, String graphqlUrl, String accessToken, boolean oauth, List<String> organizations,
    boolean includeUserRepos, RepoFilter repos, boolean includeForks, boolean includeArchived,
    boolean git, Mode mode) {

  static final String DEFAULT_URL = "https://api.github.com";

  /** Where pull requests and their children are read from. */
  enum Mode {
    GRAPHQL,
    REST
  }

  static final ConfigSpec SPEC = ConfigSpec.builder()
      .string("url").defaultValue(DEFAULT_URL)
      .describe("the REST API root; GitHub Enterprise Server: https://HOST/api/v3 (GraphQL is then at https://HOST/api/graphql)")
      .secret("access_token").describe("a personal access token (classic or fine-grained); or set oauth instead")
      .bool("oauth").defaultValue(false).describe("take access tokens from the backend through the agent (service mode only)")
      .strings("organizations").describe("organization logins to export; default every organization the token can see")
      .bool("include_user_repos").defaultValue(false).describe("also export the repositories the token's user owns")
      .strings("repos").describe("owner/name globs of the repositories to export; default all")
      .strings("exclude_repos").describe("owner/name globs of repositories to leave out")
      .bool("include_forks").defaultValue(false).describe("also export forks")
      .bool("include_archived").defaultValue(true).describe("also export archived repositories")
      .bool("git").defaultValue(true).describe("export commits and branches through the agent's git export")
      .string("pull_requests_api").defaultValue("graphql")
      .describe("graphql, or rest to read pull requests with REST v3 only (where GraphQL is restricted)")
      .build();

  /** Reads {@code config} after checking it against {@link #SPEC}; a {@link ConfigException} names the key at fault. */
  static GitHubConfig parse(Config config) {
    Config c = SPEC.check(config);
    String token = c.string("access_token", "");
    boolean oauth = c.bool("oauth");
    if (token.isEmpty() == !oauth) {
      throw new ConfigException(oauth
          ? "config keys \"access_token\" and \"oauth\" exclude each other: give a token, or set oauth to take tokens from the backend"
          : "config key \"access_token\" is missing: give a personal access token (Settings > Developer settings > "
              + "Personal access tokens on GitHub, with the repo and read:org scopes), or set \"oauth\": true under service mode");
    }
    String url = restUrl(c.string("url"));
    String mode = c.string("pull_requests_api").toLowerCase(Locale.ROOT);
    if (!mode.equals("graphql") && !mode.equals("rest")) {
      throw new ConfigException("config key \"pull_requests_api\" is \"" + c.string("pull_requests_api")
          + "\": use \"graphql\" (the default) or \"rest\"");
    }
    List<String> orgs = c.strings("organizations");
    for (String org : orgs) {
      if (!org.matches("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})")) {
        throw new ConfigException("config key \"organizations\" lists \"" + org + "\", which is not an organization login"
            + " (letters, digits and hyphens, as in https://github.com/<login>)");
      }
    }
    return new GitHubConfig(url, graphqlUrl(url), token, oauth, orgs, c.bool("include_user_repos"),
        RepoFilter.of(c.strings("repos"), c.strings("exclude_repos")), c.bool("include_forks"),
        c.bool("include_archived"), c.bool("git"), mode.equals("rest") ? Mode.REST : Mode.GRAPHQL);
  }

  /** The REST root without a trailing slash, after checking it is an http(s) URL. */
  static String restUrl(String url) {
    String u = ConfigUrl.parse("url", url, "the API root, " + DEFAULT_URL
        + " or https://HOST/api/v3 for GitHub Enterprise Server", "put the token in \"access_token\" instead").toString();
    if (u.equalsIgnoreCase("https://github.com") || u.equalsIgnoreCase("https://www.github.com")) {
      return DEFAULT_URL; // the web site given for the API: what the user meant.
    }
    return u;
  }

  /** GraphQL beside the REST root: {@code /graphql} on github.com, {@code /api/graphql} on Enterprise Server. */
  static String graphqlUrl(String restUrl) {
    if (restUrl.toLowerCase(Locale.ROOT).endsWith("/api/v3")) {
      return restUrl.substring(0, restUrl.length() - "/v3".length()) + "/graphql";
    }
    return restUrl + "/graphql";
  }

  /** The web site beside the API: https://github.com for api.github.com, https://HOST for HOST/api/v3. */
  static String webUrl(String restUrl) {
    if (restUrl.equalsIgnoreCase(DEFAULT_URL)) {
      return "https://github.com";
    }
    if (restUrl.toLowerCase(Locale.ROOT).endsWith("/api/v3")) {
      return restUrl.substring(0, restUrl.length() - "/api/v3".length());
    }
    return restUrl;
  }

  @Override
  public String toString() {
    // The token must never reach a log line.
    return "GitHubConfig[url=" + restUrl + ", organizations=" + organizations + ", mode=" + mode + ", oauth=" + oauth + "]";
  }
}
