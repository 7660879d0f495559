package agent.integrations.mock;

import agent.rpcdef.model.Date;
import agent.rpcdef.model.Ids;
import agent.rpcdef.model.sourcecode.Repo;
import agent.rpcdef.model.sourcecode.User;
import agent.rpcdef.model.sourcecode.UserBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The made-up source system the mock exports from: organizations, repositories and users, all a
 * pure function of the config's shape and seed, so that the same config always gives the same
 * objects and ids. Nothing reads the clock: dates count from {@link #BASE_EPOCH_MS}.
 *
 * <p>An object depends on its own indexes (organization, repository, user, pull request number)
 * and not on how many organizations, repositories or pull requests there are, so raising those
 * counts adds objects without changing the others. Two exceptions: references to users are picked
 * among the {@code users} configured (so changing {@code users} changes who authored existing pull
 * requests, though every reference stays valid since users are only ever added), and a pull
 * request's {@code commit_shas} follow {@code commits_per_pr}.
 *
 * <p>Ref ids look like GitHub node ids and carry a tag derived from the seed: {@code U_<tag>_<user>},
 * {@code R_<tag>_<org>_<repo>}; see {@link RepoPullRequests} for pull requests.
 */
final class MockSource {
  /** Ref type of every object the mock exports. */
  static final String REF_TYPE = "mock";

  /** The first repository's creation time; every other date counts from here. */
  static final long BASE_EPOCH_MS = Instant.parse("2023-01-02T09:00:00Z").toEpochMilli();

  static final long MINUTE_MS = 60_000L;
  static final long HOUR_MS = 60 * MINUTE_MS;
  static final long DAY_MS = 24 * HOUR_MS;

  static final String WEB = "https://git.example.com/";

  private final MockConfig config;
  private final String customerId;
  private final String tag;
  private final long seedHash;

  MockSource(MockConfig config, String customerId) {
    this.config = config;
    this.customerId = customerId;
    String seedId = Ids.of("mock-seed", config.seed());
    this.tag = seedId.substring(0, 6);
    this.seedHash = Long.parseUnsignedLong(seedId, 16);
  }

  MockConfig config() {
    return config;
  }

  String customerId() {
    return customerId;
  }

  /** The seed's tag in ref ids: six hex characters. */
  String tag() {
    return tag;
  }

  /** A well-mixed 64-bit hash of the seed, {@code a} and {@code b}; the source of every pick. */
  long hash(long a, long b) {
    return mix(mix(seedHash ^ a) + b);
  }

  /** SplitMix64's finalizer: cheap, and every input bit affects every output bit. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** An index in [0, n) taken from the bits of {@code h} above {@code shift} (at least 1). */
  static int pick(long h, int shift, int n) {
    return (int) ((h >>> shift) % n);
  }

  static Date date(long epochMs) {
    return Date.ofEpochMillis(epochMs, 0);
  }

  /** Names repeat the vocabulary with a numeric suffix once it runs out: acme, ..., acme-1. */
  private static String name(String[] words, int index) {
    String w = words[index % words.length];
    return index < words.length ? w : w + "-" + index / words.length;
  }

  String orgName(int org) {
    return name(Vocabulary.ORGANIZATIONS, org);
  }

  /** A repository's name within its organization: {@code api}. */
  String repoName(int repo) {
    return name(Vocabulary.REPOSITORIES, repo);
  }

  long repoCreatedMs(int org, int repo) {
    return BASE_EPOCH_MS + org * 7 * DAY_MS + repo * DAY_MS;
  }

  Repo repo(int org, int repo) {
    String fullName = orgName(org) + "/" + repoName(repo);
    long h = hash(org, repo);
    long created = repoCreatedMs(org, repo);
    return Repo.builder().customerId(customerId).refType(REF_TYPE).refId("R_" + tag + "_" + org + "_" + repo)
        .name(fullName).url(WEB + fullName)
        .description(Vocabulary.REPO_DESCRIPTIONS[repo % Vocabulary.REPO_DESCRIPTIONS.length])
        .language(Vocabulary.LANGUAGES[pick(h, 1, Vocabulary.LANGUAGES.length)])
        .active(repo % 5 != 4).defaultBranch(pick(h, 8, 4) == 0 ? "master" : "main")
        .createdDate(date(created)).updatedDate(date(created + 30 * DAY_MS)).build();
  }

  /** Every repository of every organization, organization by organization. */
  List<Repo> repos() {
    List<Repo> out = new ArrayList<>();
    for (int org = 0; org < config.organizations(); org++) {
      for (int r = 0; r < config.reposPerOrg(); r++) {
        out.add(repo(org, r));
      }
    }
    return out;
  }

  /** The ref id of user {@code index}, or null for -1 (no user). */
  String userRefId(int index) {
    return index < 0 ? null : "U_" + tag + "_" + index;
  }

  /** A user index picked by the bits of {@code h}, or -1 when the source has no users. */
  int anyUser(long h) {
    return config.users() == 0 ? -1 : pick(h, 1, config.users());
  }

  /** The ref id of a user picked by the bits of {@code h}, or null when there are no users. */
  String anyUserRefId(long h) {
    return userRefId(anyUser(h));
  }

  /** The UTC offset, in minutes, that user {@code index} works in (0 for -1, no user). */
  static int utcOffsetMinutes(int index) {
    return index < 0 ? 0 : Vocabulary.OFFSETS[index % Vocabulary.OFFSETS.length];
  }

  /** True for the users that are bots: every tenth. */
  static boolean isBot(int index) {
    return index % 10 == 9;
  }

  /**
   * User {@code index}. Humans combine a first and a last name (256 distinct pairs, then a numeric
   * suffix); every tenth user is a bot; every seventh human is an outside collaborator.
   */
  User user(int index) {
    String refId = userRefId(index);
    String avatar = "https://avatars.example.com/u/" + refId + ".png";
    if (isBot(index)) {
      String username = Vocabulary.BOTS[(index / 10) % Vocabulary.BOTS.length]
          + (index >= 40 ? "-" + index / 40 : "");
      return user(refId).name(username).username(username).avatarUrl(avatar).type(User.Type.BOT).member(false)
          .build();
    }
    int n = Vocabulary.FIRST_NAMES.length;
    String first = Vocabulary.FIRST_NAMES[index % n];
    String last = Vocabulary.LAST_NAMES[(index / n + index % n) % n];
    String username = (first + last).toLowerCase(java.util.Locale.ROOT) + (index >= n * n ? index / (n * n) : "");
    return user(refId).name(first + " " + last).username(username).email(username + "@example.com")
        .avatarUrl(avatar).type(User.Type.HUMAN).member(index % 7 != 6).build();
  }

  private UserBuilder user(String refId) {
    return User.builder().customerId(customerId).refType(REF_TYPE).refId(refId);
  }

  /** Every user, by index. */
  List<User> users() {
    List<User> out = new ArrayList<>(config.users());
    for (int i = 0; i < config.users(); i++) {
      out.add(user(i));
    }
    return out;
  }

  /** The pull requests of one repository. */
  RepoPullRequests pullRequests(int org, int repo) {
    return new RepoPullRequests(this, org, repo, repo(org, repo));
  }
}
