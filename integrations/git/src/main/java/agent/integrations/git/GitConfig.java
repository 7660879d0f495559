package agent.integrations.git;

import agent.rpcdef.Config;
import agent.rpcdef.ConfigException;
import agent.rpcdef.ConfigSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The git integration's config, declared in {@link #SPEC} and listed in _docs/integrations.md (a test
 * keeps the two in step):
 *
 * <pre>
 * {"repos": ["/abs/path", "https://host/owner/repo.git", ...],   required, at least one
 *  "branches": ["main", "release/*"],                             optional globs; default every branch
 *  "exclude": ["docs/**", "*.min.js"],                            optional file globs marked excluded
 *  "max_file_size": 1048576,                                      optional bytes; larger files are excluded
 *  "code_stats": true,                                            optional; lines, code, comments, complexity, licence
 *  "blame": true,                                                 optional; who last changed each line of each changed file
 *  "max_lines": 40000, "max_line_length": 1096,                   optional; longer files are excluded
 *  "exclude_documentation": true,                                 optional; docs/, README, ... marked excluded
 *  "username": "...", "password": "..."}                          optional, for https URLs
 * </pre>
 */
record GitConfig(List<RepoLocation> repos, List<String> branches, List<String> exclude, long maxFileSize,
    boolean codeStats, boolean blame, int maxLines, int maxLineLength, boolean excludeDocumentation,
    String username, String password) {

  /** The default of {@code max_file_size}: the host's own default, 1 MiB. */
  static final long DEFAULT_MAX_FILE_SIZE = 1L << 20;

  static final ConfigSpec SPEC = ConfigSpec.builder()
      .strings("repos").required()
      .describe("absolute paths of local repositories, or clone URLs (https, http, ssh, git, file, git@host:owner/repo)")
      .strings("branches").describe("branch name globs to export; default every branch")
      .strings("exclude").describe("file globs whose files are marked excluded")
      .integer("max_file_size").defaultValue(DEFAULT_MAX_FILE_SIZE).range(0, Long.MAX_VALUE)
      .describe("files larger than this many bytes are marked excluded")
      .bool("code_stats").defaultValue(true)
      .describe("count each changed file's lines, code, comments, blanks and complexity, and detect licences")
      .bool("blame").defaultValue(true)
      .describe("export a sourcecode.Blame for each changed file: who last changed each of its lines")
      .integer("max_lines").defaultValue(40_000).range(0, Integer.MAX_VALUE)
      .describe("files with more lines are marked excluded and not counted")
      .integer("max_line_length").defaultValue(1_096).range(0, Integer.MAX_VALUE)
      .describe("files with a line longer than this many bytes are marked excluded and not counted")
      .bool("exclude_documentation").defaultValue(true)
      .describe("mark documentation paths (docs/, README, CHANGELOG, ...) excluded, leaving their lines out of commit totals")
      .string("username").describe("user name for http(s) URLs; goes with password")
      .secret("password").describe("password or token for http(s) URLs; goes with username")
      .build();

  /** Reads {@code config} after checking it against {@link #SPEC}; a {@link ConfigException} names the key at fault. */
  static GitConfig parse(Config config) {
    Config c = SPEC.check(config);
    List<String> entries = c.strings("repos");
    if (entries.isEmpty()) {
      throw new ConfigException("config key \"repos\" is empty: list at least one absolute path or clone URL, "
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
        c.integer("max_file_size"), c.bool("code_stats"), c.bool("blame"), (int) c.integer("max_lines"),
        (int) c.integer("max_line_length"), c.bool("exclude_documentation"), user, password);
  }

  @Override
  public String toString() {
    // The password must never reach a log line.
    return "GitConfig[repos=" + repos.size() + ", branches=" + branches + ", exclude=" + exclude + "]";
  }
}
