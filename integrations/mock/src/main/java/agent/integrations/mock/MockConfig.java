package agent.integrations.mock;

import agent.rpcdef.Config;
import agent.rpcdef.ConfigSpec;

/**
 * The mock integration's config, every key optional; {@link #SPEC} declares the keys, their
 * defaults and ranges, and _docs/integrations.md lists them (a test keeps the two in step):
 *
 * <pre>{@code
 * {"organizations": 2, "repos_per_org": 3, "pull_requests_per_repo": 10, "reviews_per_pr": 1,
 *  "comments_per_pr": 2, "commits_per_pr": 2, "users": 5, "token": "...", "seed": "mock",
 *  "slow_ms_per_object": 0,
 *  "fail": {"crash_after_objects": N, "exit_after_objects": N, "hang_after_objects": N,
 *           "error_after_objects": N, "oom_after_objects": N}}
 * }</pre>
 *
 * <p>A token of {@value #BAD_TOKEN} stands for credentials the source rejects. An unknown key is an
 * error, as for every integration.
 */
record MockConfig(
    int organizations,
    int reposPerOrg,
    int pullRequestsPerRepo,
    int reviewsPerPr,
    int commentsPerPr,
    int commitsPerPr,
    int users,
    String token,
    String seed,
    FailSwitches fail,
    long slowMsPerObject) {

  static final String BAD_TOKEN = "bad";

  static final ConfigSpec SPEC = ConfigSpec.builder()
      .integer("organizations").defaultValue(2).range(0, 1_000).describe("organizations")
      .integer("repos_per_org").defaultValue(3).range(0, 10_000).describe("repositories per organization")
      .integer("pull_requests_per_repo").defaultValue(10).range(0, 10_000_000).describe("pull requests per repository")
      .integer("reviews_per_pr").defaultValue(1).range(0, 100).describe("reviews of each pull request")
      .integer("comments_per_pr").defaultValue(2).range(0, 100).describe("comments of each pull request")
      .integer("commits_per_pr").defaultValue(2).range(0, 100).describe("commits of each pull request")
      .integer("users").defaultValue(5).range(0, 1_000_000).describe("users")
      .secret("token").describe("\"bad\" simulates rejected credentials (validate fails, export fails)")
      .string("seed").defaultValue("mock").describe("changes every generated value")
      .integer("slow_ms_per_object").defaultValue(0).range(0, 60_000).describe("sleep between objects")
      .object("fail", FailSwitches.SPEC).describe("failure switches, counted over all objects")
      .build();

  /** Reads {@code config} after checking it against {@link #SPEC}; a {@link agent.rpcdef.ConfigException} names the key at fault. */
  static MockConfig parse(Config config) {
    Config c = SPEC.check(config);
    String token = c.string("token");
    return new MockConfig(
        count(c, "organizations"),
        count(c, "repos_per_org"),
        count(c, "pull_requests_per_repo"),
        count(c, "reviews_per_pr"),
        count(c, "comments_per_pr"),
        count(c, "commits_per_pr"),
        count(c, "users"),
        token == null ? "" : token,
        c.string("seed"),
        FailSwitches.parse(c.object("fail")),
        c.integer("slow_ms_per_object"));
  }

  /** True when the token is the one the mock source rejects. */
  boolean tokenRejected() {
    return BAD_TOKEN.equals(token);
  }

  private static int count(Config config, String key) {
    // The spec's ranges all fit an int.
    return (int) config.integer(key);
  }
}
