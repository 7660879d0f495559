package agent.integrations.gitlab.fake;

import static agent.integrations.gitlab.fake.GitLabWorld.DEVELOPER;
import static agent.integrations.gitlab.fake.GitLabWorld.GUEST;
import static agent.integrations.gitlab.fake.GitLabWorld.MAINTAINER;
import static agent.integrations.gitlab.fake.GitLabWorld.OWNER;
import static agent.integrations.gitlab.fake.GitLabWorld.REPORTER;

import agent.integrations.gitlab.fake.GitLabWorld.Commit;
import agent.integrations.gitlab.fake.GitLabWorld.Group;
import agent.integrations.gitlab.fake.GitLabWorld.MergeRequest;
import agent.integrations.gitlab.fake.GitLabWorld.Note;
import agent.integrations.gitlab.fake.GitLabWorld.Project;
import agent.integrations.gitlab.fake.GitLabWorld.User;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Worlds for {@link FakeGitLab}: a small hand-written one with GitLab's awkward cases, and a large seeded one. */
public final class GitLabFixtures {
  private GitLabFixtures() {}

  public static final Instant EPOCH_2025 = Instant.parse("2025-01-06T09:00:00Z");

  /**
   * The viewer {@code ann}, a developer in {@code acme}, and:
   * <ul>
   *   <li>groups {@code acme}, {@code acme/platform}, {@code acme/platform/infra},
   *       {@code acme/platform/infra/edge} (four levels), and {@code outside}, which ann is not in;
   *   <li>members of {@code acme}: ann, bob, blocked {@code eve} and the bot {@code group_<id>_bot_...};
   *       {@code acme/platform} adds carol and gives bob a lower level than he inherits;
   *   <li>projects {@code acme/api} (the merge requests below), {@code acme/platform/empty} (no commits,
   *       {@code default_branch} null), {@code acme/platform/infra/terraform} (archived, one merged merge
   *       request), {@code acme/platform/infra/edge/proxy}, {@code acme/platform/api-fork} (a fork of api),
   *       {@code ann/dotfiles} (in ann's user namespace) and {@code outside/secret};
   *   <li>in {@code acme/api}: !1 open, approved by carol, commits pushed, every kind of note; !2 merged by
   *       ann after an approval withdrawn and given again, a note edited later; !3 closed by its author
   *       dave, whose account is deleted since (the ghost); !4 a draft by the bot; !5 merged, imported,
   *       by nobody known; !6 locked; !7 open with the discussion locked, labels, no description.
   * </ul>
   */
  public static GitLabWorld small() {
    GitLabWorld w = new GitLabWorld(new User(1000, "ann", "Ann Viewer"), 1001);
    User ann = w.viewer;
    User bob = w.user("bob", "Bob Builder");
    User carol = w.user("carol", "Carol Reviewer");
    User dave = w.user("dave", "Dave Departed");
    User eve = w.user("eve", "Eve Blocked");
    eve.state = "blocked";
    Instant t0 = day(-100);

    Group acme = w.group("Acme", "acme", null);
    acme.description = "Acme Corp";
    Group platform = w.group("Platform", "platform", acme);
    Group infra = w.group("Infra", "infra", platform);
    Group edge = w.group("Edge", "edge", infra);
    Group outside = w.group("Outside", "outside", null);
    outside.visibility = "internal";
    User bot = w.user("group_" + acme.id + "_bot_3f2a9c1e4b7d8a6f0c5e2d1b9a8f7e6d", "Acme export bot");
    bot.bot = true;
    w.member(acme, ann, DEVELOPER, t0);
    w.member(acme, bob, MAINTAINER, t0);
    w.member(acme, eve, REPORTER, t0);
    w.member(acme, bot, MAINTAINER, t0);
    w.member(platform, carol, OWNER, t0);
    w.member(platform, bob, GUEST, t0);
    w.member(infra, dave, DEVELOPER, t0);
    w.member(outside, carol, OWNER, t0);

    Project api = w.project("API", acme, bob, day(-90));
    api.path = "api";
    api.description = "The public API";
    api.visibility = "internal";
    Project empty = w.project("Empty", platform, bob, day(-80));
    empty.emptyRepo = true;
    empty.description = null;
    Project terraform = w.project("Terraform", infra, carol, day(-300));
    terraform.archived = true;
    Project proxy = w.project("Proxy", edge, carol, day(-70));
    Project fork = w.project("API fork", platform, carol, day(-60));
    fork.path = "api-fork";
    fork.forkedFrom = api;
    Project dotfiles = w.project("dotfiles", null, ann, day(-50));
    dotfiles.visibility = "public";
    w.project("Secret", outside, carol, day(-40));

    Ids ids = new Ids(7);
    // !1 open: bob pushes, carol reviews and approves, ann comments on the diff.
    Instant t = day(1);
    MergeRequest mr1 = w.mergeRequest(api, "Add rate limits", bob, t);
    mr1.description = "Adds **limits**.\n\nCloses #12";
    mr1.reviewers.add(carol);
    mr1.assignees.add(bob);
    mr1.approvalsRequired = 1;
    w.push(mr1, bob, commits(ids, 2, bob, t, null), t.plus(hours(1)));
    w.note(mr1, "DiffNote", ann, "Why 100?", t.plus(hours(2)), false);
    w.note(mr1, "DiscussionNote", carol, "Shall we make it configurable?", t.plus(hours(3)), false).resolved = true;
    w.comment(mr1, carol, "Looks good", t.plus(hours(4)));
    w.approve(mr1, carol, t.plus(hours(5)));
    w.note(mr1, null, bob, "changed the description", t.plus(hours(6)), true);
    mr1.upvotes = 2;

    // !2 merged by ann; bob approved, withdrew, approved again; carol edited her note a day later.
    t = day(3);
    MergeRequest mr2 = w.mergeRequest(api, "Fix pagination", carol, t);
    mr2.description = "Fixes the last page.";
    w.push(mr2, carol, commits(ids, 3, carol, t, null), t.plus(hours(1)));
    Note edited = w.comment(mr2, bob, "Off by one?", t.plus(hours(2)));
    w.approve(mr2, bob, t.plus(hours(3)));
    w.unapprove(mr2, bob, t.plus(hours(4)));
    w.approve(mr2, bob, t.plus(hours(8)));
    w.editNote(mr2, edited, "Off by one? (fixed)", t.plus(hours(20)));
    w.merge(mr2, ann, ids.sha(), t.plus(hours(24)));
    w.note(mr2, null, ann, "merged", t.plus(hours(24)), true);
    w.note(mr2, null, carol, "mentioned in commit " + mr2.mergeCommitSha.substring(0, 12), t.plus(hours(25)), true);

    // !3 closed by its author, whose account has been deleted since.
    t = day(6);
    MergeRequest mr3 = w.mergeRequest(api, "Experiment", dave, t);
    mr3.description = null;
    w.push(mr3, dave, commits(ids, 1, dave, t, null), t.plus(hours(1)));
    w.comment(mr3, dave, "Never mind", t.plus(hours(5)));
    w.close(mr3, dave, t.plus(hours(6)));
    w.deleteUser(dave);

    // !4 a draft by the bot.
    t = day(9);
    MergeRequest mr4 = w.mergeRequest(api, "Bump jackson to 2.20", bot, t);
    mr4.draft = true;
    mr4.labels.add("dependencies");
    w.push(mr4, bot, commits(ids, 1, bot, t, null), t.plus(hours(1)));

    // !5 merged on an instance it was imported from: nobody known merged it.
    t = day(12);
    MergeRequest mr5 = w.mergeRequest(api, "Imported change", bob, t);
    w.push(mr5, bob, commits(ids, 2, bob, t, null), t.plus(hours(1)));
    mr5.squash = true;
    mr5.squashCommitSha = ids.sha();
    w.merge(mr5, null, ids.sha(), t.plus(hours(30)));

    // !6 locked: GitLab's state while it merges.
    t = day(15);
    MergeRequest mr6 = w.mergeRequest(api, "Being merged", carol, t);
    w.push(mr6, carol, commits(ids, 1, carol, t, null), t.plus(hours(1)));
    mr6.state = "locked";

    // !7 open with the discussion locked.
    t = day(18);
    MergeRequest mr7 = w.mergeRequest(api, "Heated debate", bob, t);
    mr7.description = null;
    mr7.discussionLocked = true;
    mr7.labels.addAll(List.of("backend", "needs-review"));
    mr7.downvotes = 3;
    w.push(mr7, bob, commits(ids, 1, bob, t, null), t.plus(hours(1)));
    w.comment(mr7, carol, "No.", t.plus(hours(2)));

    t = day(-200);
    MergeRequest old = w.mergeRequest(terraform, "Last change", carol, t);
    w.push(old, carol, commits(ids, 1, carol, t, null), t.plus(hours(1)));
    w.merge(old, carol, ids.sha(), t.plus(hours(2)));
    return w;
  }

  /** {@link #budget(int, long)} with 500 merge requests and seed 42. */
  public static GitLabWorld budget() {
    return budget(500, 42);
  }

  /**
   * A large seeded world for volume and request-budget tests: {@code acme}, {@code acme/platform},
   * {@code acme/platform/infra}, six projects over them (one archived), and {@code mergeRequests}
   * merge requests spread over the projects: about 15% open, 10% closed, 2% locked, the rest merged.
   * Each has 1-8 commits (five have 101-260, so their commit lists page past 100), 0-8 user notes
   * (three have 101-150 notes), a system note per push, 0-2 approvals each with its system note.
   * About 40 accounts author them: a bot, a blocked user, and a deleted one (the ghost). Every
   * {@code updated_at} is distinct and in 2025; the same seed gives the same world.
   */
  public static GitLabWorld budget(int mergeRequests, long seed) {
    Random random = new Random(seed);
    GitLabWorld w = new GitLabWorld(new User(1000, "ann", "Ann Viewer"), 2000);
    List<User> people = new ArrayList<>();
    people.add(w.viewer);
    for (int i = 0; i < 36; i++) {
      people.add(w.user("dev" + i, "Developer " + i));
    }
    Group acme = w.group("Acme", "acme", null);
    Group platform = w.group("Platform", "platform", acme);
    Group infra = w.group("Infra", "infra", platform);
    User bot = w.user("group_" + acme.id + "_bot_9c1e4b7d8a6f0c5e2d1b9a8f7e6d3f2a", "Acme bot");
    bot.bot = true;
    User blocked = w.user("blocked", "Blocked Person");
    blocked.state = "blocked";
    User gone = w.user("gone", "Gone Person");
    people.addAll(List.of(bot, blocked, gone));
    Instant t0 = day(-400);
    w.member(acme, w.viewer, DEVELOPER, t0);
    for (int i = 1; i < people.size(); i++) {
      Group g = i % 3 == 0 ? acme : i % 3 == 1 ? platform : infra;
      w.member(g, people.get(i), i % 5 == 0 ? MAINTAINER : DEVELOPER, t0);
    }
    List<Project> projects = List.of(
        w.project("web", acme, people.get(1), day(-300)),
        w.project("docs", acme, people.get(2), day(-290)),
        w.project("api", platform, people.get(3), day(-280)),
        w.project("auth", platform, people.get(4), day(-270)),
        w.project("terraform", infra, people.get(5), day(-260)),
        w.project("ansible", infra, people.get(6), day(-250)));
    projects.get(5).archived = true;

    Ids ids = new Ids(seed * 1_000_003L);
    Set<Integer> bigCommits = pickDistinct(random, mergeRequests, 5);
    Set<Integer> chatty = pickDistinct(random, mergeRequests, 3);
    Set<Instant> updated = new HashSet<>();
    for (int i = 0; i < mergeRequests; i++) {
      Project p = projects.get(random.nextInt(projects.size()));
      Instant created = day(0).plus(Duration.ofMinutes(i * 600L + random.nextInt(500)));
      User author = pick(random, people);
      MergeRequest mr = w.mergeRequest(p, "Change " + i + " in " + p.path, author, created);
      mr.description = random.nextInt(6) == 0 ? null : "Description of change " + i;
      mr.approvalsRequired = random.nextInt(3);
      mr.draft = random.nextInt(20) == 0;
      if (random.nextInt(3) == 0) {
        mr.reviewers.add(pick(random, people));
      }
      int nCommits = bigCommits.contains(i) ? 101 + random.nextInt(160) : 1 + random.nextInt(8);
      Instant at = created.plus(Duration.ofMinutes(5));
      // A big push of history, then small pushes; each push is a system note.
      int pushed = 0;
      while (pushed < nCommits) {
        int n = Math.min(nCommits - pushed, pushed == 0 && nCommits > 100 ? nCommits - 1 : 1 + random.nextInt(3));
        w.push(mr, author, commits(ids, n, author, at, mr.sha()), at);
        pushed += n;
        at = at.plus(Duration.ofMinutes(10 + random.nextInt(600)));
      }
      int nNotes = chatty.contains(i) ? 101 + random.nextInt(50) : random.nextInt(9);
      for (int n = 0; n < nNotes; n++) {
        at = at.plus(Duration.ofMinutes(1 + random.nextInt(120)));
        String type = random.nextInt(4) == 0 ? "DiffNote" : random.nextInt(3) == 0 ? "DiscussionNote" : null;
        w.note(mr, type, pick(random, people), "Note " + n + " on change " + i, at, false);
      }
      int nApprovals = random.nextInt(3);
      for (int a = 0; a < nApprovals; a++) {
        at = at.plus(Duration.ofMinutes(1 + random.nextInt(300)));
        User approver = pick(random, people);
        if (approver != author) {
          w.approve(mr, approver, at);
        }
      }
      int roll = random.nextInt(100);
      at = at.plus(Duration.ofMinutes(1 + random.nextInt(600)));
      if (roll < 15) {
        // open
      } else if (roll < 25) {
        w.close(mr, random.nextBoolean() ? author : pick(random, people), at);
      } else if (roll < 27) {
        mr.state = "locked";
      } else {
        w.merge(mr, random.nextInt(30) == 0 ? null : pick(random, people), ids.sha(), at);
      }
      while (!updated.add(mr.updatedAt)) {
        mr.updatedAt = mr.updatedAt.plusSeconds(1);
      }
    }
    w.deleteUser(gone);
    return w;
  }

  // -- builders

  /**
   * {@code n} commits by {@code author}, an hour apart from {@code from}, oldest first, chained on
   * {@code parent} (null: the first has none).
   */
  public static List<Commit> commits(Ids ids, int n, User author, Instant from, String parent) {
    List<Commit> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String sha = ids.sha();
      Instant at = from.plus(Duration.ofMinutes(i));
      String title = "Change " + (i + 1) + " by " + author.username;
      out.add(new Commit(sha, parent == null ? List.of() : List.of(parent), title, title + "\n\nDetails.\n", author.name,
          author.email, at, author.name, author.email, at));
      parent = sha;
    }
    return out;
  }

  /** Commit shas, deterministic from a start. */
  public static final class Ids {
    private long next;

    public Ids(long first) {
      this.next = first;
    }

    public String sha() {
      byte[] bytes = new byte[20];
      new Random(next++).nextBytes(bytes);
      return HexFormat.of().formatHex(bytes);
    }
  }

  static Instant day(int n) {
    return EPOCH_2025.plus(Duration.ofDays(n));
  }

  private static Duration hours(long n) {
    return Duration.ofHours(n);
  }

  private static Set<Integer> pickDistinct(Random random, int bound, int n) {
    Set<Integer> out = new HashSet<>();
    while (out.size() < Math.min(n, bound)) {
      out.add(random.nextInt(bound));
    }
    return out;
  }

  private static User pick(Random random, List<User> people) {
    return people.get(random.nextInt(people.size()));
  }
}
