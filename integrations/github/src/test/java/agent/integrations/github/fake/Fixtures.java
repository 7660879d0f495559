package agent.integrations.github.fake;

import agent.integrations.github.fake.FakeData.Comment;
import agent.integrations.github.fake.FakeData.Commit;
import agent.integrations.github.fake.FakeData.Org;
import agent.integrations.github.fake.FakeData.PullRequest;
import agent.integrations.github.fake.FakeData.Repo;
import agent.integrations.github.fake.FakeData.Review;
import agent.integrations.github.fake.FakeData.ReviewComment;
import agent.integrations.github.fake.FakeData.User;
import agent.integrations.github.fake.FakeData.World;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Test data for {@link FakeGitHub}: a small organization covering every case, and a large seeded one. */
public final class Fixtures {
  private Fixtures() {}

  public static final Instant EPOCH_2025 = Instant.parse("2025-01-06T09:00:00Z");

  public static final User ANN = new User(1, "ann", "Ann Viewer", "ann@example.com", "User");
  public static final User BOB = new User(2, "bob", "Bob Builder", "bob@example.com", "User");
  /** Keeps no public email: GraphQL gives "" and REST null. */
  public static final User CAROL = new User(3, "carol", "Carol", null, "User");
  /** REST shows a bot's login with {@code [bot]}, GraphQL without. */
  public static final User DEPENDABOT = new User(49699333, "dependabot[bot]", null, null, "Bot");
  /** A placeholder for an imported author who never claimed it. */
  public static final User MONA_IMPORTED = new User(77, "mona-imported", null, "mona@old.example.com", "Mannequin");

  /**
   * The viewer {@link #ANN} with one repository of her own ({@code ann/dotfiles}) and the organization
   * {@code acme}: members {@link #BOB} and {@link #DEPENDABOT}; repositories {@code acme/api} (six
   * pull requests: open, merged, closed by a deleted account, a draft by a bot, a locked merged one
   * merged by a deleted account, and one from a deleted fork; reviews of every state including pending
   * and dismissed; conversation and review comments), {@code acme/empty} (no commits),
   * {@code acme/old} (archived, one merged pull request) and {@code acme/forked} (a fork).
   */
  public static World small() {
    Ids ids = new Ids(1000);
    Org acme = new Org(100, "acme");
    acme.members().addAll(List.of(BOB, DEPENDABOT));

    Repo api = repo(ids, "acme", "api", false, false, false, "Java", "The public API", day(0));
    Instant t = day(1);
    // #1 open, reviewed by carol, a pending review by the viewer that nobody else sees, a review comment.
    PullRequest p1 = pr(ids, 1, "Add rate limits", "Adds **limits**.", "OPEN", false, false, BOB, null, t, t.plus(hours(30)),
        null, null, false);
    p1.commits().addAll(commits(ids, 2, BOB, t));
    Review r1 = review(ids, "APPROVED", CAROL, t.plus(hours(4)));
    p1.reviews().addAll(List.of(r1, review(ids, "PENDING", ANN, null), review(ids, "COMMENTED", BOB, t.plus(hours(5)))));
    p1.reviewComments().add(new ReviewComment(ids.next(), r1.id(), "Why 100?", CAROL, t.plus(hours(4)), t.plus(hours(29)),
        "src/Limits.java"));
    p1.comments().add(new Comment(ids.next(), "LGTM once CI passes", CAROL, t.plus(hours(6)), t.plus(hours(6))));

    // #2 merged by the viewer after changes were requested; comments of both kinds.
    t = day(3);
    PullRequest p2 = pr(ids, 2, "Fix pagination", "Fixes #1", "MERGED", false, false, CAROL, ANN, t, t.plus(hours(50)),
        t.plus(hours(48)), t.plus(hours(48)), false);
    p2.commits().addAll(commits(ids, 3, CAROL, t));
    Review r2a = review(ids, "CHANGES_REQUESTED", BOB, t.plus(hours(2)));
    Review r2b = review(ids, "APPROVED", BOB, t.plus(hours(40)));
    p2.reviews().addAll(List.of(r2a, r2b));
    p2.reviewComments().add(new ReviewComment(ids.next(), r2a.id(), "Off by one", BOB, t.plus(hours(2)), t.plus(hours(2)),
        "src/Pages.java"));
    p2.reviewComments().add(new ReviewComment(ids.next(), r2b.id(), "Thanks", BOB, t.plus(hours(40)), t.plus(hours(41)),
        "src/Pages.java"));
    p2.comments().add(new Comment(ids.next(), "Rebased", CAROL, t.plus(hours(20)), t.plus(hours(21))));
    p2.comments().add(new Comment(ids.next(), "Ping", MONA_IMPORTED, t.plus(hours(22)), t.plus(hours(22))));

    // #3 closed unmerged; its author has deleted their account, and so has a commenter.
    t = day(6);
    PullRequest p3 = pr(ids, 3, "Experiment", "", "CLOSED", false, false, null, null, t, t.plus(hours(10)),
        t.plus(hours(9)), null, false);
    p3.commits().addAll(commits(ids, 1, null, t));
    p3.comments().add(new Comment(ids.next(), "Closing, see #2", null, t.plus(hours(9)), t.plus(hours(9))));
    p3.reviews().add(review(ids, "COMMENTED", null, t.plus(hours(3))));

    // #4 an open draft by a bot, whose commits GitHub links to no account.
    t = day(9);
    PullRequest p4 = pr(ids, 4, "Bump jackson from 2.17 to 2.20", null, "OPEN", true, false, DEPENDABOT, null, t, t.plus(hours(1)),
        null, null, false);
    p4.commits().add(new Commit(ids.sha(), "Bump jackson", 3, 3, t, "dependabot[bot]", "support@github.com", null, null));

    // #5 merged, then locked; merged by an account deleted since; a dismissed review.
    t = day(12);
    PullRequest p5 = pr(ids, 5, "Heated debate", "...", "MERGED", false, true, BOB, null, t, t.plus(hours(70)),
        t.plus(hours(60)), t.plus(hours(60)), false);
    p5.commits().addAll(commits(ids, 4, BOB, t));
    Review r5 = review(ids, "DISMISSED", CAROL, t.plus(hours(5)));
    p5.reviews().addAll(List.of(r5, review(ids, "APPROVED", ANN, t.plus(hours(59)))));
    p5.reviewComments().add(new ReviewComment(ids.next(), r5.id(), "No.", CAROL, t.plus(hours(5)), t.plus(hours(5)), "README.md"));

    // #6 closed, from a fork deleted since.
    t = day(15);
    PullRequest p6 = pr(ids, 6, "Typo", "teh -> the", "CLOSED", false, false, CAROL, null, t, t.plus(hours(12)),
        t.plus(hours(11)), null, true);
    p6.commits().addAll(commits(ids, 1, CAROL, t));
    api.pullRequests().addAll(List.of(p1, p2, p3, p4, p5, p6));

    Repo old = repo(ids, "acme", "old", false, true, false, "C", "Retired", day(-300));
    t = day(-200);
    PullRequest o1 = pr(ids, 1, "Last change", "", "MERGED", false, false, BOB, BOB, t, t.plus(hours(3)), t.plus(hours(2)),
        t.plus(hours(2)), false);
    o1.commits().addAll(commits(ids, 1, BOB, t));
    old.pullRequests().add(o1);

    acme.repos().addAll(List.of(api,
        repo(ids, "acme", "empty", false, false, true, null, null, day(2)),
        old,
        repo(ids, "acme", "forked", true, false, false, "Go", "A fork of upstream/forked", day(4))));
    Repo dotfiles = repo(ids, "ann", "dotfiles", false, false, false, "Shell", null, day(-30));
    return new World(ANN, new ArrayList<>(List.of(dotfiles)), new ArrayList<>(List.of(acme)));
  }

  /**
   * A large organization {@code budget} for cost and volume tests: {@code repos} repositories sharing
   * {@code prs} pull requests, deterministic for a {@code seed}. Authors come from about 40 accounts (3
   * bots, a mannequin, and a deleted account that shows as null); each pull request has 1-12 commits
   * (four have 120 and one has 300, past GitHub's cap of 250), 0-4 reviews, 0-6 conversation comments
   * (three have 51-70, past a nested page of 50) and 0-5 review comments. Every date is in 2025 and
   * every {@code updatedAt} distinct. The viewer {@link #ANN} is a member.
   */
  public static World budgetOrg(int repos, int prs, long seed) {
    Random random = new Random(seed);
    Ids ids = new Ids(100_000);
    List<User> people = new ArrayList<>();
    for (int i = 0; i < 35; i++) {
      people.add(new User(10_000 + i, "dev" + i, "Developer " + i, i % 3 == 0 ? null : "dev" + i + "@example.com", "User"));
    }
    people.add(ANN);
    people.add(DEPENDABOT);
    people.add(new User(29110, "renovate[bot]", null, null, "Bot"));
    people.add(new User(41898282, "github-actions[bot]", null, null, "Bot"));
    people.add(MONA_IMPORTED);
    people.add(null);

    Org org = new Org(500, "budget");
    people.stream().filter(u -> u != null && u.type().equals("User")).forEach(org.members()::add);
    for (int r = 0; r < repos; r++) {
      org.repos().add(repo(ids, "budget", "repo" + r, false, false, false, "Java", "Budget repository " + r, day(-5).plus(hours(r))));
    }
    Set<Integer> big = new HashSet<>();
    while (big.size() < Math.min(5, prs)) {
      big.add(random.nextInt(prs));
    }
    List<Integer> bigList = new ArrayList<>(big);
    int over250 = bigList.get(0);
    Set<Integer> chatty = new HashSet<>();
    while (chatty.size() < Math.min(3, prs)) {
      chatty.add(random.nextInt(prs));
    }
    Set<Instant> updated = new HashSet<>();
    int[] numbers = new int[repos];
    for (int i = 0; i < prs; i++) {
      Repo repo = org.repos().get(random.nextInt(repos));
      int number = ++numbers[org.repos().indexOf(repo)];
      Instant created = day(0).plus(Duration.ofMinutes(i * 300L + random.nextInt(240)));
      Instant updatedAt = created.plus(Duration.ofMinutes(10 + random.nextInt(60 * 24 * 20)));
      while (!updated.add(updatedAt)) {
        updatedAt = updatedAt.plusSeconds(1);
      }
      User author = pick(random, people);
      int roll = random.nextInt(100);
      String state = roll < 15 ? "OPEN" : roll < 25 ? "CLOSED" : "MERGED";
      boolean draft = state.equals("OPEN") && random.nextInt(3) == 0;
      Instant closed = state.equals("OPEN") ? null : updatedAt.minusSeconds(random.nextInt(3600));
      PullRequest pr = pr(ids, number, "Change " + i + " in " + repo.name(), "Body of change " + i, state, draft,
          random.nextInt(50) == 0, author, state.equals("MERGED") ? pick(random, people) : null, created, updatedAt,
          closed, state.equals("MERGED") ? closed : null, random.nextInt(50) == 0);
      int commits = i == over250 ? 300 : big.contains(i) ? 120 : 1 + random.nextInt(12);
      for (int c = 0; c < commits; c++) {
        User u = pick(random, people);
        pr.commits().add(new Commit(ids.sha(), "Commit " + c + " of change " + i, random.nextInt(200), random.nextInt(80),
            created.plusSeconds(c * 60L), u == null ? "Someone" : u.login(), u == null ? "someone@example.com"
                : u.login() + "@users.noreply.github.com", random.nextInt(10) == 0 ? null : u, u));
      }
      Instant horizon = closed != null ? closed : updatedAt;
      int reviews = random.nextInt(5);
      for (int v = 0; v < reviews; v++) {
        String reviewState = List.of("APPROVED", "CHANGES_REQUESTED", "COMMENTED", "COMMENTED", "DISMISSED", "PENDING")
            .get(random.nextInt(6));
        pr.reviews().add(review(ids, reviewState, pick(random, people),
            reviewState.equals("PENDING") ? null : between(random, created, horizon)));
      }
      int comments = chatty.contains(i) ? 51 + random.nextInt(20) : random.nextInt(7);
      for (int c = 0; c < comments; c++) {
        Instant at = between(random, created, horizon);
        pr.comments().add(new Comment(ids.next(), "Comment " + c + " on change " + i, pick(random, people), at,
            random.nextInt(5) == 0 ? between(random, at, horizon) : at));
      }
      List<Review> submitted = pr.reviews().stream().filter(v -> !v.state().equals("PENDING")).toList();
      int reviewComments = submitted.isEmpty() ? 0 : random.nextInt(6);
      for (int c = 0; c < reviewComments; c++) {
        Review on = submitted.get(random.nextInt(submitted.size()));
        pr.reviewComments().add(new ReviewComment(ids.next(), on.id(), "Nit " + c, on.author(), on.submittedAt(),
            on.submittedAt(), "src/File" + random.nextInt(20) + ".java"));
      }
      repo.pullRequests().add(pr);
    }
    return new World(ANN, new ArrayList<>(), new ArrayList<>(List.of(org)));
  }

  // -- builders

  public static Repo repo(Ids ids, String owner, String name, boolean fork, boolean archived, boolean empty, String language,
      String description, Instant created) {
    return new Repo(ids.next(), owner, name, fork, archived, empty, "main", language, description, created,
        created.plus(Duration.ofDays(20)), "https://github.com/" + owner + "/" + name + ".git", new ArrayList<>());
  }

  public static PullRequest pr(Ids ids, int number, String title, String body, String state, boolean draft, boolean locked,
      User author, User mergedBy, Instant created, Instant updated, Instant closed, Instant merged, boolean headRepoDeleted) {
    return new PullRequest(ids.next(), number, title, body, state, draft, locked, author, mergedBy,
        merged == null ? null : ids.sha(), "feature-" + number, ids.sha(), "main", ids.sha(), headRepoDeleted,
        created, updated, closed, merged, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
  }

  public static Review review(Ids ids, String state, User author, Instant submitted) {
    return new Review(ids.next(), state, author, submitted);
  }

  /** {@code n} commits by {@code author} (null: an author GitHub links to no account), an hour apart from {@code from}. */
  public static List<Commit> commits(Ids ids, int n, User author, Instant from) {
    List<Commit> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String name = author == null ? "Former Member" : author.name() == null ? author.login() : author.name();
      String email = author == null ? "former@example.com" : author.login() + "@users.noreply.github.com";
      out.add(new Commit(ids.sha(), "Change " + (i + 1), 10 * (i + 1), i, from.plus(hours(i)), name, email, author, author));
    }
    return out;
  }

  /** Ids unique within one world, and commit shas derived from them. */
  public static final class Ids {
    private long next;

    public Ids(long first) {
      this.next = first;
    }

    public long next() {
      return next++;
    }

    public String sha() {
      byte[] bytes = new byte[20];
      new Random(next()).nextBytes(bytes);
      return HexFormat.of().formatHex(bytes);
    }
  }

  private static Instant day(int n) {
    return EPOCH_2025.plus(Duration.ofDays(n)).truncatedTo(ChronoUnit.SECONDS);
  }

  private static Duration hours(long n) {
    return Duration.ofHours(n);
  }

  private static Instant between(Random random, Instant from, Instant to) {
    long span = Math.max(1, to.getEpochSecond() - from.getEpochSecond());
    return from.plusSeconds((long) (random.nextDouble() * span));
  }

  private static User pick(Random random, List<User> people) {
    return people.get(random.nextInt(people.size()));
  }
}
