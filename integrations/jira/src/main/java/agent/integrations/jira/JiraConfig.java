package agent.integrations.jira;

import agent.rpcdef.Config;
import agent.rpcdef.ConfigException;
import agent.rpcdef.ConfigSpec;
import agent.rpcdef.ConfigUrl;
import agent.rpcdef.http.Auth;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The config of either Jira plugin, declared in {@link #spec} and listed in _docs/integrations.md (a
 * test keeps them in step). Unknown keys are an error.
 *
 * @param url the site without a trailing slash, with its context path if any
 * @param auth how requests authenticate
 * @param credentialsHint which keys to check when the credentials are refused
 * @param projects project keys to export; empty for every project the account can browse
 * @param excludeProjects project keys to leave out
 * @param jql an extra filter ANDed to every search, or empty
 */
record JiraConfig(String url, Auth auth, String credentialsHint, List<String> projects, Set<String> excludeProjects,
    String jql) {

  static final ConfigSpec CLOUD = ConfigSpec.builder()
      .string("url").required().describe("the site: https://acme.atlassian.net")
      .string("username").required().describe("the e-mail address of the Atlassian account")
      .secret("api_token").required().describe("an API token of that account (id.atlassian.com > Security > API tokens)")
      .strings("projects").describe("project keys to export; default every project the account can browse")
      .strings("exclude_projects").describe("project keys to leave out")
      .string("jql").describe("an extra JQL filter ANDed to every search")
      .build();

  static final ConfigSpec HOSTED = ConfigSpec.builder()
      .string("url").required().describe("the site, with its context path if it has one: https://jira.example.com/jira")
      .string("username").describe("the user name, with password")
      .secret("password").describe("the password of username")
      .secret("personal_access_token").describe("a personal access token (Jira 8.14 or newer), sent as a bearer token; instead of username and password")
      .strings("projects").describe("project keys to export; default every project the account can browse")
      .strings("exclude_projects").describe("project keys to leave out")
      .string("jql").describe("an extra JQL filter ANDed to every search")
      .build();

  static ConfigSpec spec(JiraFlavor flavor) {
    return flavor == JiraFlavor.CLOUD ? CLOUD : HOSTED;
  }

  /** Reads {@code config} after checking it against the flavour's spec; a {@link ConfigException} names the key at fault. */
  static JiraConfig parse(JiraFlavor flavor, Config config) {
    Config c = spec(flavor).check(config);
    String url = siteUrl(c.requireString("url"));
    Auth auth;
    String hint;
    if (flavor == JiraFlavor.CLOUD) {
      auth = Auth.basic(c.requireString("username"), c.requireString("api_token"));
      hint = "username and api_token";
    } else {
      String pat = c.string("personal_access_token", "");
      String user = c.string("username", "");
      String password = c.string("password", "");
      if (!pat.isEmpty() && (!user.isEmpty() || !password.isEmpty())) {
        throw new ConfigException("config keys \"personal_access_token\" and \"username\"/\"password\" exclude each other:"
            + " give a personal access token, or a user name and password");
      }
      if (!pat.isEmpty()) {
        auth = Auth.bearer(pat);
        hint = "personal_access_token";
      } else if (!user.isEmpty() && !password.isEmpty()) {
        auth = Auth.basic(user, password);
        hint = "username and password (after several failed logins Jira asks for a CAPTCHA: log in once in a browser)";
      } else {
        throw new ConfigException("config needs credentials: \"personal_access_token\", or \"username\" with \"password\"");
      }
    }
    List<String> projects = keys("projects", c.strings("projects"));
    Set<String> excluded = Set.copyOf(keys("exclude_projects", c.strings("exclude_projects")));
    String jql = c.string("jql", "").trim();
    return new JiraConfig(url, auth, hint, projects, excluded, jql);
  }

  private static List<String> keys(String key, List<String> values) {
    for (String v : values) {
      if (!v.matches("[A-Za-z][A-Za-z0-9_]*")) {
        throw new ConfigException("config key \"" + key + "\" lists \"" + v + "\", which is not a project key (such as ENG)");
      }
    }
    return values.stream().map(v -> v.toUpperCase(Locale.ROOT)).toList();
  }

  /** The site without a trailing slash, after checking it is an http(s) URL without credentials. */
  static String siteUrl(String url) {
    URI uri = ConfigUrl.parse("url", url, "the site's address, such as https://acme.atlassian.net or"
        + " https://jira.example.com/jira", "put them in their own keys");
    if (uri.getPath() != null && uri.getPath().contains("/rest/")) {
      throw new ConfigException("config key \"url\" is an API address (" + url + "): give the site only, without /rest/...");
    }
    return uri.toString();
  }

  @Override
  public String toString() {
    // Credentials must never reach a log line.
    return "JiraConfig[url=" + url + ", projects=" + projects + ", exclude=" + excludeProjects + "]";
  }
}
