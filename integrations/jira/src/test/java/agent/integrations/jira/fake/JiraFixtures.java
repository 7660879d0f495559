package agent.integrations.jira.fake;

import agent.integrations.jira.fake.FakeJira.Flavor;
import agent.integrations.jira.fake.JiraData.Board;
import agent.integrations.jira.fake.JiraData.Category;
import agent.integrations.jira.fake.JiraData.Comment;
import agent.integrations.jira.fake.JiraData.Field;
import agent.integrations.jira.fake.JiraData.History;
import agent.integrations.jira.fake.JiraData.Issue;
import agent.integrations.jira.fake.JiraData.IssueType;
import agent.integrations.jira.fake.JiraData.Item;
import agent.integrations.jira.fake.JiraData.Option;
import agent.integrations.jira.fake.JiraData.Priority;
import agent.integrations.jira.fake.JiraData.Project;
import agent.integrations.jira.fake.JiraData.Resolution;
import agent.integrations.jira.fake.JiraData.Sprint;
import agent.integrations.jira.fake.JiraData.Status;
import agent.integrations.jira.fake.JiraData.TimeTracking;
import agent.integrations.jira.fake.JiraData.TimeTrackingSettings;
import agent.integrations.jira.fake.JiraData.User;
import agent.integrations.jira.fake.JiraData.Worklog;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Ready-made {@link JiraData}: {@link #small} covers every case the integration must get right, once;
 * {@link #budget} is a project of many ordinary issues for counting requests per issue. Both flavours
 * share users, projects and the workflow; custom field ids differ as they do between real sites.
 */
public final class JiraFixtures {
  private JiraFixtures() {}

  /** When the small fixture's history starts; every date in it is a fixed offset from here. */
  public static final Instant T0 = Instant.parse("2024-03-01T09:00:00Z");
  /** The instance's working day in the fixtures: 7.5 hours, so {@code 1w 2d 3h} is not an 8-hour-day sum. */
  public static final double HOURS_PER_DAY = 7.5;
  public static final double DAYS_PER_WEEK = 5;

  public static final String SEVERITY = "customfield_10200";
  public static final String REVIEWERS = "customfield_10201";
  /** Server's Epic Link; Cloud links epics through {@code parent}. */
  public static final String EPIC_LINK = "customfield_10101";

  public static final User ANN = new User("5b10a2844c20165700ede21g", "JIRAUSER10000", "ann", "Ann Admin",
      "ann@example.com", true, "atlassian", "Europe/Berlin");
  public static final User BOB = new User("5b10ac8d82e05b22cc7d4ef5", "JIRAUSER10001", "bob", "Bob Builder",
      "bob@example.com", true, "atlassian", "America/New_York");
  /** Hides the email address: absent from every user object. */
  public static final User CAROL = new User("557058:f58131cb-b67d-43c7-b30d-6b58d40bd077", "JIRAUSER10002", "carol",
      "Carol Hidden", null, true, "atlassian", "Asia/Tokyo");
  public static final User AUTOMATION = new User("557058:d3b1fe4e-automation", "JIRAUSER10003", "automation",
      "Automation for Jira", null, true, "app", "UTC");
  public static final User DAN = new User("5b10ac8d82e05b22cc7d0000", "JIRAUSER10004", "dan", "Dan Departed",
      "dan@example.com", false, "atlassian", "UTC");

  public static final IssueType EPIC = new IssueType("10000", "Epic", false, 1);
  public static final IssueType STORY = new IssueType("10001", "Story", false, 0);
  public static final IssueType TASK = new IssueType("10002", "Task", false, 0);
  public static final IssueType SUBTASK = new IssueType("10003", "Sub-task", true, -1);
  public static final IssueType BUG = new IssueType("10004", "Bug", false, 0);

  public static final Status TODO = new Status("10000", "To Do", "new");
  public static final Status IN_PROGRESS = new Status("3", "In Progress", "indeterminate");
  public static final Status IN_REVIEW = new Status("10001", "In Review", "indeterminate");
  public static final Status DONE = new Status("10002", "Done", "done");

  public static final Priority HIGH = new Priority("2", "High");
  public static final Priority MEDIUM = new Priority("3", "Medium");
  public static final Priority LOW = new Priority("4", "Low");

  public static final Resolution FIXED = new Resolution("10000", "Done", "Work on this issue is complete.");
  public static final Resolution WONT_DO = new Resolution("10001", "Won't Do", "This issue won't be actioned.");

  public static final Option SEVERITY_MAJOR = new Option("10300", "Major");

  /** The story points field: Cloud's {@code Story point estimate}, Server's {@code Story Points}. */
  public static String storyPoints(Flavor flavor) {
    return flavor == Flavor.CLOUD ? "customfield_10016" : "customfield_10106";
  }

  /** The Sprint field (schema {@code com.pyxis.greenhopper.jira:gh-sprint}). */
  public static String sprint(Flavor flavor) {
    return flavor == Flavor.CLOUD ? "customfield_10020" : "customfield_10104";
  }

  /** A user's id in changelog {@code from}/{@code to}: the {@code accountId} on Cloud, the {@code key} on Server. */
  public static String ref(Flavor flavor, User u) {
    return flavor == Flavor.CLOUD ? u.accountId() : u.key();
  }

  /**
   * Users (one hiding the email, an app, an inactive one), projects {@code ENG} and {@code OPS} (and
   * {@code SEC}, which the user may not browse), the workflow, the custom fields, a scrum board with
   * three sprints and a kanban board; no issues.
   */
  public static JiraData base(Flavor flavor) {
    JiraData d = new JiraData(ANN);
    d.users().addAll(List.of(BOB, CAROL, AUTOMATION, DAN));
    d.projects().add(new Project("10000", "ENG", "Engineering", "Everything the product team builds.",
        new Category("10000", "Development", "Product development"), ANN, "software"));
    d.projects().add(new Project("10001", "OPS", "Operations", null, null, BOB, "business"));
    d.projects().add(new Project("10002", "SEC", "Security", "Restricted.", null, ANN, "software"));
    d.unbrowsable().add("SEC");
    d.issueTypes().addAll(List.of(EPIC, STORY, TASK, SUBTASK, BUG));
    d.statuses().addAll(List.of(TODO, IN_PROGRESS, IN_REVIEW, DONE));
    d.priorities().addAll(List.of(new Priority("1", "Highest"), HIGH, MEDIUM, LOW, new Priority("5", "Lowest")));
    d.resolutions().addAll(List.of(FIXED, WONT_DO, new Resolution("10002", "Duplicate", "A duplicate.")));
    if (flavor == Flavor.CLOUD) {
      d.fields().add(new Field(storyPoints(flavor), "Story point estimate", "number", null,
          "com.pyxis.greenhopper.jira:jsw-story-points"));
      d.fields().add(new Field(sprint(flavor), "Sprint", "array", "json", "com.pyxis.greenhopper.jira:gh-sprint"));
    } else {
      d.fields().add(new Field(storyPoints(flavor), "Story Points", "number", null,
          "com.atlassian.jira.plugin.system.customfieldtypes:float"));
      d.fields().add(new Field(sprint(flavor), "Sprint", "array", "string", "com.pyxis.greenhopper.jira:gh-sprint"));
      d.fields().add(new Field(EPIC_LINK, "Epic Link", "any", null, "com.pyxis.greenhopper.jira:gh-epic-link"));
    }
    d.fields().add(new Field(SEVERITY, "Severity", "option", null,
        "com.atlassian.jira.plugin.system.customfieldtypes:select"));
    d.fields().add(new Field(REVIEWERS, "Reviewers", "array", "user",
        "com.atlassian.jira.plugin.system.customfieldtypes:multiuserpicker"));
    d.boards().add(new Board(1, "ENG board", "scrum", "ENG"));
    d.boards().add(new Board(2, "OPS flow", "kanban", "OPS"));
    d.sprints().add(new Sprint(1, "ENG Sprint 1", "closed", T0, T0.plus(Duration.ofDays(14)),
        T0.plus(Duration.ofDays(14)).plusSeconds(3600), 1, "Walking skeleton"));
    d.sprints().add(new Sprint(2, "ENG Sprint 2", "active", T0.plus(Duration.ofDays(14)),
        T0.plus(Duration.ofDays(28)), null, 1, "Ship search"));
    d.sprints().add(new Sprint(3, "ENG Sprint 3", "future", null, null, null, 1, null));
    d.timeTracking(new TimeTrackingSettings(HOURS_PER_DAY, DAYS_PER_WEEK, "pretty", "minute"));
    return d;
  }

  /**
   * {@link #base} with nine issues: ENG-1 an epic; ENG-2 a story with story points, two sprints, a
   * select and a multi-user field, its epic ENG-1 ({@code parent} on Cloud, Epic Link on Server), full
   * time tracking, and a history without an author; ENG-3 its sub-task (assigned to the user hiding her
   * email, time tracking as strings only); ENG-4 with 130 histories; ENG-5 with 25 comments; ENG-6 with
   * 22 worklogs, the second without {@code timeSpentSeconds} ({@code 1w 2d 3h}), resolved, with a due
   * date, updated at the same instant as ENG-5; ENG-7 deleted between the search and its follow-ups;
   * ENG-8 resolved Won't Do, unassigned; OPS-1 reported by an app.
   */
  public static JiraData small(Flavor flavor) {
    JiraData d = base(flavor);
    List<Sprint> sprints = d.sprints();

    Issue epic = issue(d, "10001", "ENG-1", EPIC, IN_PROGRESS, "Search overhaul", hours(0), hours(24));
    epic.set("description", "# Goal\nFind any issue in a second.\n\n- fast\n- `exact`");

    Issue story = issue(d, "10002", "ENG-2", STORY, IN_REVIEW, "Index issues by project", hours(1), hours(50));
    story.set("description", "Index every issue.\nKeep it fresh.\n\nSee `IndexWriter`.")
        .set("assignee", BOB).set("priority", HIGH).set("labels", List.of("backend", "search"))
        .set("components", List.of("API")).set("fixVersions", List.of("1.0"))
        .set(storyPoints(flavor), 5.0).set(sprint(flavor), List.of(sprints.get(0), sprints.get(1)))
        .set(SEVERITY, SEVERITY_MAJOR).set(REVIEWERS, List.of(CAROL, BOB))
        .set("timetracking", new TimeTracking("1d", "4h", "3h 30m", 27000L, 14400L, 12600L));
    story.set(flavor == Flavor.CLOUD ? "parent" : EPIC_LINK, "ENG-1");
    story.histories().add(new History("20001", ANN, hours(2), List.of(
        new Item("status", "jira", "status", TODO.id(), TODO.name(), IN_PROGRESS.id(), IN_PROGRESS.name()))));
    // Recorded by an automation that Jira attributes to nobody.
    story.histories().add(new History("20002", null, hours(3), List.of(
        new Item("Sprint", "custom", sprint(flavor), null, null, "1", "ENG Sprint 1"),
        new Item("labels", "jira", "labels", null, "", null, "backend search"))));
    story.histories().add(new History("20003", BOB, hours(4), List.of(
        new Item("assignee", "jira", "assignee", null, null, ref(flavor, BOB), BOB.displayName()),
        new Item(flavor == Flavor.CLOUD ? "Story point estimate" : "Story Points", "custom", storyPoints(flavor),
            null, null, null, "5"),
        new Item("status", "jira", "status", IN_PROGRESS.id(), IN_PROGRESS.name(), IN_REVIEW.id(),
            IN_REVIEW.name()))));

    Issue sub = issue(d, "10003", "ENG-3", SUBTASK, IN_PROGRESS, "Write the indexer", hours(5), hours(51));
    sub.set("parent", "ENG-2").set("assignee", CAROL)
        .set("timetracking", new TimeTracking("2d", "1d 4h", "3h", null, null, null));

    Issue busy = issue(d, "10004", "ENG-4", BUG, IN_PROGRESS, "Flaky ranking", hours(6), hours(300));
    for (int i = 0; i < 130; i++) {
      Status from = i % 2 == 0 ? TODO : IN_PROGRESS;
      Status to = i % 2 == 0 ? IN_PROGRESS : TODO;
      busy.histories().add(new History(String.valueOf(30000 + i), i % 3 == 0 ? ANN : BOB, hours(7).plusSeconds(60L * i),
          List.of(new Item("status", "jira", "status", from.id(), from.name(), to.id(), to.name()))));
    }

    Issue talk = issue(d, "10005", "ENG-5", TASK, TODO, "Discuss the plan", hours(8), hours(400));
    for (int i = 0; i < 25; i++) {
      User who = List.of(ANN, BOB, CAROL).get(i % 3);
      Instant at = hours(9).plusSeconds(600L * i);
      talk.comments().add(new Comment(String.valueOf(40000 + i), who, "Comment " + (i + 1)
          + (i == 0 ? "\n\nWith `code` and a second paragraph." : ""), at, i == 1 ? at.plusSeconds(300) : at));
    }

    Issue logged = issue(d, "10006", "ENG-6", TASK, DONE, "Time logged", hours(10), hours(400));
    logged.set("resolution", FIXED).set("resolutiondate", hours(399)).set("duedate", LocalDate.of(2024, 3, 15))
        .set("timetracking", new TimeTracking(null, "0m", "2w", null, 0L, null));
    logged.worklogs().add(new Worklog("50000", ANN, hours(11), 3600L, "1h", "Setup", hours(11), hours(11)));
    logged.worklogs().add(new Worklog("50001", BOB, hours(12), null, "1w 2d 3h", null, hours(12), hours(13)));
    for (int i = 2; i < 22; i++) {
      logged.worklogs().add(new Worklog(String.valueOf(50000 + i), CAROL, hours(12 + i), 1800L, "30m",
          i == 21 ? "Last one" : null, hours(12 + i), hours(12 + i)));
    }

    Issue gone = issue(d, "10007", "ENG-7", TASK, TODO, "Deleted after search", hours(13), hours(410));
    gone.comments().add(new Comment("40100", ANN, "Soon gone", hours(14), hours(14)));
    d.deletedAfterSearch().add("ENG-7");

    issue(d, "10008", "ENG-8", BUG, DONE, "Cannot reproduce", hours(15), hours(420))
        .set("resolution", WONT_DO).set("resolutiondate", hours(420)).set("duedate", LocalDate.of(2024, 4, 1))
        .set("priority", LOW).set("labels", List.of("customer"));

    issue(d, "10100", "OPS-1", TASK, TODO, "Rotate certificates", hours(16), hours(430))
        .set("reporter", AUTOMATION).set("creator", AUTOMATION).set("labels", List.of("ops"));
    return d;
  }

  /**
   * {@link #base} with project ENG holding {@code issues} ordinary issues, drawn from {@code seed}: 0-10
   * histories, 0-5 comments, 0-3 worklogs each (one in ten only as a string), and about 2% of issues
   * overflowing each embedded list (100-149 histories, 21-30 comments, 21-25 worklogs). Issue {@code
   * ENG-n} is updated at {@link #T0} plus {@code n} minutes.
   */
  public static JiraData budget(Flavor flavor, int issues, long seed) {
    JiraData d = base(flavor);
    Random random = new Random(seed);
    List<User> people = List.of(ANN, BOB, CAROL);
    long nextId = 100000;
    for (int n = 1; n <= issues; n++) {
      Instant created = T0.minus(Duration.ofDays(30)).plusSeconds(60L * n);
      Instant updated = T0.plusSeconds(60L * n);
      Issue issue = issue(d, String.valueOf(20000 + n), "ENG-" + n, n % 5 == 0 ? BUG : TASK,
          List.of(TODO, IN_PROGRESS, DONE).get(random.nextInt(3)), "Issue " + n, created, updated);
      issue.set("assignee", people.get(random.nextInt(people.size())));
      int histories = random.nextInt(100) < 2 ? 100 + random.nextInt(50) : random.nextInt(11);
      int comments = random.nextInt(100) < 2 ? 21 + random.nextInt(10) : random.nextInt(6);
      int worklogs = random.nextInt(100) < 2 ? 21 + random.nextInt(5) : random.nextInt(4);
      for (int i = 0; i < histories; i++) {
        issue.histories().add(new History(String.valueOf(nextId++), people.get(random.nextInt(3)), created.plusSeconds(i + 1L),
            List.of(new Item("status", "jira", "status", TODO.id(), TODO.name(), IN_PROGRESS.id(),
                IN_PROGRESS.name()))));
      }
      for (int i = 0; i < comments; i++) {
        Instant at = created.plusSeconds(i + 1L);
        issue.comments().add(new Comment(String.valueOf(nextId++), people.get(random.nextInt(3)), "Comment " + i, at, at));
      }
      for (int i = 0; i < worklogs; i++) {
        Instant at = created.plusSeconds(i + 1L);
        boolean stringOnly = random.nextInt(10) == 0;
        issue.worklogs().add(new Worklog(String.valueOf(nextId++), people.get(random.nextInt(3)), at, stringOnly ? null : 3600L,
            "1h", null, at, at));
      }
    }
    return d;
  }

  private static Instant hours(int h) {
    return T0.plus(Duration.ofHours(h));
  }

  /** A new issue in {@code key}'s project, reported and created by the user, added to {@code d}. */
  private static Issue issue(JiraData d, String id, String key, IssueType type, Status status, String summary,
      Instant created, Instant updated) {
    Issue issue = Issue.of(id, key, key.substring(0, key.indexOf('-')))
        .set("summary", summary).set("issuetype", type).set("status", status).set("priority", MEDIUM)
        .set("reporter", ANN).set("creator", ANN).set("created", created).set("updated", updated);
    d.issues().add(issue);
    return issue;
  }

  /** The issues of {@code d} in project {@code key}. */
  public static List<Issue> issuesOf(JiraData d, String key) {
    List<Issue> out = new ArrayList<>();
    d.issues().stream().filter(i -> i.project().equals(key)).forEach(out::add);
    return out;
  }
}
