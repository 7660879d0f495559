package agent.integrations.git;

import agent.rpcdef.Config;
import agent.rpcdef.ConfigException;
import java.util.ArrayList;
import java.util.List;

/**
 * The git integration's config:
 *
 * <pre>
 * {"repos": ["/abs/path", "https://host/owner/repo.git", ...],   required, at least one
 *  "branches": ["main", "release/*"],                             optional globs; default every branch
 *  "exclude": ["docs/**", "*.min.js"],                            optional file globs marked excluded
 *  "max_file_size": 1048576,                                      optional bytes; larger files are excluded
 *  "username": "...", "password": "..."}                          optional, for https URLs
 * </pre>
 */
record GitConfig(List<RepoLocation> repos, List<String> branches, List<String> exclude, long maxFileSize, String username,
    String password) {

  static GitConfig parse(Config c) {
    List<String> entries = c.strings("repos");
    if (entries.isEmpty()) {
      throw new ConfigException("config key \"repos\" is required: a list of absolute paths or clone URLs, "
          + "e.g. {\"repos\": [\"/home/me/src/api\"]}");
    }
    List<RepoLocation> repos = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      RepoLocation r = RepoLocation.parse(entries.get(i), i);
      for (RepoLocation seen : repos) {
        if (seen.refId().equals(r.refId())) {
          throw new ConfigException("config key \"repos\" lists " + r.refId() + " twice");
        }
      }
      repos.add(r);
    }
    String user = c.string("username", "");
    String password = c.string("password", "");
    if (user.isEmpty() != password.isEmpty()) {
      throw new ConfigException("config keys \"username\" and \"password\" go together: give both or neither");
    }
    return new GitConfig(repos, c.strings("branches"), c.strings("exclude"),
        c.integer("max_file_size", 0, 0, Long.MAX_VALUE), user, password);
  }

  @Override
  public String toString() {
    // The password must never reach a log line.
    return "GitConfig[repos=" + repos.size() + ", branches=" + branches + ", exclude=" + exclude + "]";
  }
}
