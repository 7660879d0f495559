package agent.integrations.mock;

import agent.rpcdef.Config;
import agent.rpcdef.ConfigException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The mock integration's config, every key optional:
 *
 * <pre>{@code
 * {"organizations": 2, "repos_per_org": 3, "pull_requests_per_repo": 10, "reviews_per_pr": 1,
 *  "comments_per_pr": 2, "commits_per_pr": 2, "users": 5, "token": "...", "seed": "mock",
 *  "slow_ms_per_object": 0,
 *  "fail": {"crash_after_objects": N, "exit_after_objects": N, "hang_after_objects": N,
 *           "error_after_objects": N}}
 * }</pre>
 *
 * <p>A token of {@value #BAD_TOKEN} stands for credentials the source rejects. Unknown keys are
 * reported in {@link #unknownKeys()} (an export logs them) rather than refused.
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
    long slowMsPerObject,
    List<String> unknownKeys) {

  static final String BAD_TOKEN = "bad";

  private static final Set<String> KEYS = Set.of("organizations", "repos_per_org", "pull_requests_per_repo",
      "reviews_per_pr", "comments_per_pr", "commits_per_pr", "users", "token", "seed", "fail", "slow_ms_per_object");

  MockConfig {
    unknownKeys = List.copyOf(unknownKeys);
  }

  /** Reads and checks {@code config}; throws a {@link ConfigException} naming the key at fault. */
  static MockConfig parse(Config config) {
    Config fail = config.object("fail");
    List<String> unknown = new ArrayList<>();
    unknownKeys(config, "", KEYS, unknown);
    unknownKeys(fail, "fail.", FailSwitches.KEYS, unknown);
    return new MockConfig(
        count(config, "organizations", 2, 1_000),
        count(config, "repos_per_org", 3, 10_000),
        count(config, "pull_requests_per_repo", 10, 10_000_000),
        count(config, "reviews_per_pr", 1, 100),
        count(config, "comments_per_pr", 2, 100),
        count(config, "commits_per_pr", 2, 100),
        count(config, "users", 5, 1_000_000),
        config.string("token", ""),
        config.string("seed", "mock"),
        FailSwitches.parse(fail),
        config.integer("slow_ms_per_object", 0, 0, 60_000),
        unknown);
  }

  /** True when the token is the one the mock source rejects. */
  boolean tokenRejected() {
    return BAD_TOKEN.equals(token);
  }

  private static int count(Config config, String key, int fallback, int max) {
    return (int) config.integer(key, fallback, 0, max);
  }

  private static void unknownKeys(Config config, String prefix, Set<String> known, List<String> out) {
    for (Iterator<String> it = config.node().fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!known.contains(k)) {
        out.add(prefix + k);
      }
    }
  }
}
