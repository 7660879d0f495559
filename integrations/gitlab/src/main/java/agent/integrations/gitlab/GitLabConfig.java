package agent.integrations.gitlab;

import agent.rpcdef.Config;
import agent.rpcdef.ConfigException;
import agent.rpcdef.ConfigSpec;
import agent.rpcdef.ConfigUrl;
import agent.rpcdef.RepoFilter;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The gitlab integration's config, declared in {@link #SPEC} and listed in _docs/integrations.md (a
 * test keeps the two in step). Unknown keys are an error (the SDK checks them against the spec).
 *
 * @param webUrl the instance's base URL without a trailing slash, with its relative path if it has
 *     one: {@code https://gitlab.com}, {@code https://git.example.com/gitlab}
 * @param accessToken the token, or empty with {@code oauth}
 * @param oauth true to take tokens from the backend through the host
 * @param groups full paths of the groups to export (subgroups included); empty for every project
 *     the token's user is a member of
 * @param repos which projects to export, by {@code group/subgroup/name} globs
 * @param includeArchived export archived projects too
 * @param git export commits and branches through the host's git export
 */
record GitLabConfig(String webUrl, String accessToken, boolean oauth, List<String> groups, RepoFilter repos,
    boolean includeArchived, boolean git) {

  static final String DEFAULT_URL = "https://gitlab.com";
  // GitLab's path rule: letters, digits, '_', '-', '.'; not starting with '-' or '.'.
  private static final Pattern GROUP_PATH = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*");

  static final ConfigSpec SPEC = ConfigSpec.builder()
      .string("url").defaultValue(DEFAULT_URL)
      .describe("the instance's base URL; self-managed: https://HOST, with its relative path if it has one (the API is <url>/api/v4)")
      .secret("access_token").describe("a personal, group or project access token with read_api (and read_repository for git); or set oauth instead")
      .bool("oauth").defaultValue(false).describe("take access tokens from the backend through the agent (service mode only)")
      .strings("groups").describe("full paths of the groups to export, subgroups included; default every project the token's user is a member of")
      .strings("repos").describe("group/subgroup/name globs of the projects to export; default all")
      .strings("exclude_repos").describe("group/subgroup/name globs of projects to leave out")
      .bool("include_archived").defaultValue(true).describe("also export archived projects")
      .bool("git").defaultValue(true).describe("export commits and branches through the agent's git export")
      .build();

  /** Reads {@code config} after checking it against {@link #SPEC}; a {@link ConfigException} names the key at fault. */
  static GitLabConfig parse(Config config) {
    Config c = SPEC.check(config);
    String token = c.string("access_token", "");
    boolean oauth = c.bool("oauth");
    if (token.isEmpty() == !oauth) {
      throw new ConfigException(oauth
          ? "config keys \"access_token\" and \"oauth\" exclude each other: give a token, or set oauth to take tokens from the backend"
          : "config key \"access_token\" is missing: give a personal access token (User settings > Access tokens on GitLab,"
              + " with the read_api and read_repository scopes), or set \"oauth\": true under service mode");
    }
    List<String> groups = c.strings("groups").stream().map(GitLabConfig::groupPath).toList();
    return new GitLabConfig(webUrl(c.string("url")), token, oauth, groups,
        RepoFilter.of(c.strings("repos"), c.strings("exclude_repos")), c.bool("include_archived"), c.bool("git"));
  }

  /** The REST v4 root: {@code <url>/api/v4}. */
  String apiUrl() {
    return webUrl + "/api/v4";
  }

  /** The instance's base URL without a trailing slash or an {@code /api/v4}, after checking it is an http(s) URL. */
  static String webUrl(String url) {
    URI uri = ConfigUrl.parse("url", url, "the instance's base URL, " + DEFAULT_URL + " or https://HOST for a"
        + " self-managed instance", "put the token in \"access_token\" instead");
    if (uri.getQuery() != null || uri.getFragment() != null) {
      throw new ConfigException("config key \"url\" is \"" + url + "\": give the base URL without a query or fragment");
    }
    String u = uri.toString();
    if (u.toLowerCase(Locale.ROOT).endsWith("/api/v4")) {
      u = u.substring(0, u.length() - "/api/v4".length()); // the API root given for the instance: what the user meant.
    }
    return u;
  }

  private static String groupPath(String g) {
    String p = g.trim();
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (!GROUP_PATH.matcher(p).matches()) {
      throw new ConfigException("config key \"groups\" lists \"" + g + "\", which is not a group's full path: give it as"
          + " in the group's URL after the host, such as \"acme\" or \"acme/platform\"");
    }
    return p;
  }

  @Override
  public String toString() {
    // The token must never reach a log line.
    return "GitLabConfig[url=" + webUrl + ", groups=" + groups + ", oauth=" + oauth + ", git=" + git + "]";
  }
}
