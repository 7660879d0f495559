package agent.integrations.jira.fake;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@link FakeJira} serves, in flavour-neutral Java values: the fake renders them as Cloud (REST
 * v3, Atlassian Document Format) or Server (REST v2, plain text) at request time. Lists, maps and sets
 * are mutable so a test can change the data between two exports (an issue updated, a history added);
 * not during one.
 *
 * <p>Issue fields live in {@link Issue#fields()} under their Jira field ids with these values: {@code
 * summary}, {@code description} String; {@code issuetype} {@link IssueType}; {@code status} {@link
 * Status}; {@code priority} {@link Priority}; {@code resolution} {@link Resolution}; {@code assignee},
 * {@code reporter}, {@code creator} {@link User}; {@code parent} the parent's key; {@code labels},
 * {@code components}, {@code fixVersions} lists of names; {@code duedate} {@link LocalDate}; {@code
 * created}, {@code updated}, {@code resolutiondate} {@link Instant}; {@code timetracking} {@link
 * TimeTracking}; custom fields ({@code customfield_N}, declared in {@link #fields()}) a Number, an
 * {@link Option}, a list of {@link User}s, a list of {@link Sprint}s, or a String (an Epic Link's key).
 */
public final class JiraData {
  private User myself;
  private final List<User> users = new ArrayList<>();
  private final List<Project> projects = new ArrayList<>();
  private final List<IssueType> issueTypes = new ArrayList<>();
  private final List<Status> statuses = new ArrayList<>();
  private final List<Priority> priorities = new ArrayList<>();
  private final List<Resolution> resolutions = new ArrayList<>();
  private final List<Field> fields = new ArrayList<>();
  private final List<Board> boards = new ArrayList<>();
  private final List<Sprint> sprints = new ArrayList<>();
  private final List<Issue> issues = new ArrayList<>();
  private final Set<String> deletedAfterSearch = new HashSet<>();
  private final Set<String> unbrowsable = new HashSet<>();
  private TimeTrackingSettings timeTracking = new TimeTrackingSettings(8, 5, "pretty", "minute");

  /** Data whose authenticated user ({@code /myself}, and the time zone JQL dates are read in) is {@code myself}. */
  public JiraData(User myself) {
    this.myself = myself;
    users.add(myself);
  }

  // -- the records

  /**
   * An account. Cloud identifies it by {@code accountId}, Server by {@code key} (and login {@code name});
   * the other may be null. {@code emailAddress} null when the user hides it (then absent in JSON).
   * {@code accountType} {@code atlassian}, {@code app} or {@code customer} (Cloud only).
   */
  public record User(String accountId, String key, String name, String displayName, String emailAddress,
      boolean active, String accountType, String timeZone) {
    public ZoneId zone() {
      return ZoneId.of(timeZone);
    }
  }

  public record Category(String id, String name, String description) {}

  /** A project; {@code projectTypeKey} {@code software}, {@code business} or {@code service_desk}. */
  public record Project(String id, String key, String name, String description, Category category, User lead,
      String projectTypeKey) {}

  /** {@code hierarchyLevel}: -1 sub-task, 0 standard, 1 epic (Cloud only in JSON). */
  public record IssueType(String id, String name, boolean subtask, int hierarchyLevel) {}

  /** {@code categoryKey}: {@code new}, {@code indeterminate} or {@code done}. */
  public record Status(String id, String name, String categoryKey) {}

  public record Priority(String id, String name) {}

  public record Resolution(String id, String name, String description) {}

  /**
   * A custom field of {@code /field} (the system fields are always listed). {@code schemaType} e.g.
   * {@code number}, {@code array}, {@code option}, {@code any}; {@code items} the array's item type or
   * null; {@code custom} the plugin key, e.g. {@code com.pyxis.greenhopper.jira:gh-sprint}.
   */
  public record Field(String id, String name, String schemaType, String items, String custom) {
    public long customId() {
      return Long.parseLong(id.substring(id.lastIndexOf('_') + 1));
    }
  }

  /** A select list's option, the value of a select custom field. */
  public record Option(String id, String value) {}

  /** An agile board; {@code type} {@code scrum} or {@code kanban} (kanban boards have no sprints). */
  public record Board(long id, String name, String type, String projectKey) {}

  /** {@code state} {@code future}, {@code active} or {@code closed}; dates null when not yet set. */
  public record Sprint(long id, String name, String state, Instant startDate, Instant endDate, Instant completeDate,
      long originBoardId, String goal) {}

  /** One change of one field within a history entry; {@code fieldId} is rendered by Cloud only. */
  public record Item(String field, String fieldtype, String fieldId, String from, String fromText, String to,
      String toText) {}

  /** A changelog entry; {@code author} null when Jira recorded none (then absent in JSON). */
  public record History(String id, User author, Instant created, List<Item> items) {}

  /** {@code body} plain text; Cloud renders it as an ADF document. */
  public record Comment(String id, User author, String body, Instant created, Instant updated) {}

  /** {@code timeSpentSeconds} null when Jira gives only the {@code timeSpent} string, e.g. {@code 1w 2d 3h}. */
  public record Worklog(String id, User author, Instant started, Long timeSpentSeconds, String timeSpent,
      String comment, Instant created, Instant updated) {}

  /** An issue's estimates; seconds null when only the strings are given. */
  public record TimeTracking(String originalEstimate, String remainingEstimate, String timeSpent,
      Long originalEstimateSeconds, Long remainingEstimateSeconds, Long timeSpentSeconds) {}

  /** The instance's time-tracking settings ({@code defaultUnit} minute, hour, day or week). */
  public record TimeTrackingSettings(double hoursPerDay, double daysPerWeek, String timeFormat, String defaultUnit) {}

  /** An issue: its fields by Jira field id (see {@link JiraData}) and its histories, comments and worklogs, oldest first. */
  public record Issue(String id, String key, String project, Map<String, Object> fields, List<History> histories,
      List<Comment> comments, List<Worklog> worklogs) {
    public static Issue of(String id, String key, String project) {
      return new Issue(id, key, project, new LinkedHashMap<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }

    /** Sets field {@code id} to {@code value} (null removes it). */
    public Issue set(String id, Object value) {
      if (value == null) {
        fields.remove(id);
      } else {
        fields.put(id, value);
      }
      return this;
    }

    public Object get(String id) {
      return fields.get(id);
    }

    public Instant updated() {
      return (Instant) fields.get("updated");
    }

    public Instant created() {
      return (Instant) fields.get("created");
    }

    /** The number of the key, {@code 12} of {@code ENG-12}. */
    public int number() {
      return Integer.parseInt(key.substring(key.lastIndexOf('-') + 1));
    }
  }

  /** Orders issues by project key then number, as Jira's {@code key} ordering does. */
  public static final Comparator<Issue> BY_KEY = Comparator.comparing(Issue::project).thenComparingInt(Issue::number);

  // -- the data

  public User myself() {
    return myself;
  }

  /** Replaces the authenticated user (e.g. to move JQL to another time zone); adds it to the users. */
  public JiraData myself(User user) {
    this.myself = user;
    if (!users.contains(user)) {
      users.add(user);
    }
    return this;
  }

  public List<User> users() {
    return users;
  }

  public List<Project> projects() {
    return projects;
  }

  public List<IssueType> issueTypes() {
    return issueTypes;
  }

  public List<Status> statuses() {
    return statuses;
  }

  public List<Priority> priorities() {
    return priorities;
  }

  public List<Resolution> resolutions() {
    return resolutions;
  }

  /** The custom fields; {@code /field} lists the system fields before them. */
  public List<Field> fields() {
    return fields;
  }

  public List<Board> boards() {
    return boards;
  }

  /** Every sprint; a board lists those whose {@code originBoardId} it is. */
  public List<Sprint> sprints() {
    return sprints;
  }

  public List<Issue> issues() {
    return issues;
  }

  /**
   * Keys of issues deleted between a search and its follow-ups: searches still list them, every
   * {@code /issue/{key}...} request gets 404 and the bulk changelog leaves them out.
   */
  public Set<String> deletedAfterSearch() {
    return deletedAfterSearch;
  }

  /**
   * Keys of projects the user may not browse: not listed, {@code /project/{key}} 404, {@code
   * mypermissions} false, and a JQL naming them is refused as Jira refuses an unknown project.
   */
  public Set<String> unbrowsable() {
    return unbrowsable;
  }

  public TimeTrackingSettings timeTracking() {
    return timeTracking;
  }

  public JiraData timeTracking(TimeTrackingSettings settings) {
    this.timeTracking = settings;
    return this;
  }

  // -- look-ups

  public Optional<Project> project(String key) {
    return projects.stream().filter(p -> p.key().equalsIgnoreCase(key) || p.id().equals(key)).findFirst();
  }

  /** The project {@code key} when the user may browse it. */
  public Optional<Project> visibleProject(String keyOrId) {
    return project(keyOrId).filter(p -> !unbrowsable.contains(p.key()));
  }

  /** The issue of id or key {@code idOrKey}, deleted ones included. */
  public Optional<Issue> issue(String idOrKey) {
    return issues.stream().filter(i -> i.id().equals(idOrKey) || i.key().equalsIgnoreCase(idOrKey)).findFirst();
  }

  public Optional<Field> field(String id) {
    return fields.stream().filter(f -> f.id().equals(id)).findFirst();
  }

  public Optional<Board> board(long id) {
    return boards.stream().filter(b -> b.id() == id).findFirst();
  }
}
