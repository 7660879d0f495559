package agent.integrations.jira.fake;

import static agent.integrations.jira.fake.Json.JSON;

import agent.integrations.jira.fake.FakeJira.Flavor;
import agent.integrations.jira.fake.JiraData.Project;
import agent.integrations.jira.fake.JiraData.TimeTrackingSettings;
import agent.testkit.fake.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platform REST endpoints below {@code /rest/api/3} (Cloud) or {@code /rest/api/2} (Server): who
 * am I, the server, projects and permissions, fields and the workflow configuration.
 */
final class PlatformApi {
  private static final Pattern PROJECT = Pattern.compile("/project/([^/]+)");
  /** Cloud's page size for {@code /project/search}. */
  static final int PROJECT_PAGE = 50;
  private static final Map<String, String> PERMISSION_NAMES = Map.of("BROWSE_PROJECTS", "Browse Projects",
      "WORK_ON_ISSUES", "Work On Issues", "ADMINISTER_PROJECTS", "Administer Projects");

  private final Flavor flavor;
  private final JiraData data;
  private final JiraShapes shapes;
  private final String site;
  private final String deploymentType;
  private final String version;

  PlatformApi(Flavor flavor, JiraData data, JiraShapes shapes, String site, String deploymentType, String version) {
    this.flavor = flavor;
    this.data = data;
    this.shapes = shapes;
    this.site = site;
    this.deploymentType = deploymentType;
    this.version = version;
  }

  /** The answer for {@code path} (below the API prefix), or null when it is not one of these endpoints. */
  Reply answer(String path, FakeRequest r) {
    if (!r.method().equals("GET")) {
      return null;
    }
    boolean cloud = flavor == Flavor.CLOUD;
    switch (path) {
      case "/myself":
        return Reply.json(shapes.myself());
      case "/serverInfo":
        return Reply.json(serverInfo());
      case "/project":
        return Reply.json(JSON.array(visibleProjects().stream().map(p -> shapes.project(p, false, r.params("expand")))
            .toList()));
      case "/project/search":
        return cloud ? projectSearch(r) : null;
      case "/mypermissions":
        return myPermissions(r);
      case "/field":
        return Reply.json(shapes.fields());
      case "/issuetype":
        return Reply.json(JSON.array(data.issueTypes().stream().map(shapes::issueType).toList()));
      case "/status":
        return Reply.json(JSON.array(data.statuses().stream().map(shapes::status).toList()));
      case "/priority":
        return Reply.json(JSON.array(data.priorities().stream().map(shapes::priority).toList()));
      case "/resolution":
        return Reply.json(JSON.array(data.resolutions().stream().map(shapes::resolution).toList()));
      case "/configuration/timetracking/options":
        return cloud ? Reply.json(timeTracking()) : null;
      case "/configuration":
        return Reply.json(JSON.obj("votingEnabled", true, "watchingEnabled", true, "unassignedIssuesAllowed", true,
            "subTasksEnabled", true, "issueLinkingEnabled", true, "timeTrackingEnabled", true,
            "attachmentsEnabled", true, "timeTrackingConfiguration", timeTracking()));
      default:
        break;
    }
    Matcher m = PROJECT.matcher(path);
    if (m.matches()) {
      return data.visibleProject(m.group(1)).map(p -> Reply.json(shapes.project(p, true, List.of())))
          .orElseGet(() -> JiraErrors.notFound("No project could be found with key '" + m.group(1) + "'."));
    }
    return null;
  }

  private List<Project> visibleProjects() {
    return data.projects().stream().filter(p -> !data.unbrowsable().contains(p.key())).toList();
  }

  private ObjectNode serverInfo() {
    int[] numbers = java.util.Arrays.stream(version.split("[.-]")).filter(s -> s.matches("\\d+"))
        .mapToInt(Integer::parseInt).limit(3).toArray();
    ObjectNode info = JSON.obj("baseUrl", site, "version", version, "versionNumbers", JSON.array(
        java.util.Arrays.stream(numbers).boxed().toList()), "deploymentType", deploymentType,
        "buildNumber", flavor == Flavor.CLOUD ? 100282 : 9120015, "buildDate", "2025-01-15T00:00:00.000+0000",
        "serverTime", Json.time(Instant.now(), data.myself().zone()), "scmInfo", "0a1b2c3d4e5f",
        "serverTitle", "Jira");
    if (flavor == Flavor.CLOUD) {
      info.set("defaultLocale", JSON.obj("locale", "en_US"));
      info.put("serverTimeZone", "Etc/UTC");
    }
    return info;
  }

  private Reply projectSearch(FakeRequest r) {
    int startAt = r.intParam("startAt", 0);
    int maxResults = r.intParam("maxResults", PROJECT_PAGE);
    if (startAt < 0 || maxResults < 0) {
      return JiraErrors.error(400, "startAt and maxResults must not be negative.");
    }
    maxResults = Math.min(maxResults, PROJECT_PAGE);
    List<String> keys = r.params("keys");
    List<Project> all = visibleProjects().stream().filter(p -> keys.isEmpty() || keys.contains(p.key())).toList();
    List<Project> page = all.subList(Math.min(startAt, all.size()), Math.min(startAt + maxResults, all.size()));
    boolean last = startAt + page.size() >= all.size();
    String self = shapes.self("/project/search?startAt=" + startAt + "&maxResults=" + maxResults);
    ObjectNode body = JSON.obj("self", self, "nextPage", last ? null : shapes.self("/project/search?startAt="
        + (startAt + page.size()) + "&maxResults=" + maxResults), "maxResults", maxResults, "startAt", startAt,
        "total", all.size(), "isLast", last,
        "values", page.stream().map(p -> shapes.project(p, false, r.params("expand"))).toList());
    return Reply.json(body);
  }

  private Reply myPermissions(FakeRequest r) {
    List<String> wanted = r.params("permissions");
    if (wanted.isEmpty() && flavor == Flavor.CLOUD) {
      return JiraErrors.error(400, "The permissions query parameter is required.");
    }
    if (wanted.isEmpty()) {
      wanted = List.copyOf(PERMISSION_NAMES.keySet());
    }
    String key = r.param("projectKey");
    boolean browse = true;
    if (key != null) {
      Project p = data.project(key).orElse(null);
      if (p == null) {
        return JiraErrors.notFound("No project could be found with key '" + key + "'.");
      }
      browse = !data.unbrowsable().contains(p.key());
    }
    ObjectNode permissions = JSON.obj();
    int id = 10;
    for (String w : wanted) {
      permissions.set(w, JSON.obj("id", String.valueOf(id++), "key", w, "name", PERMISSION_NAMES.getOrDefault(w, w),
          "type", "PROJECT", "description", "Permission " + w + ".", "havePermission", browse));
    }
    return Reply.json(JSON.obj("permissions", permissions));
  }

  private JsonNode timeTracking() {
    TimeTrackingSettings t = data.timeTracking();
    return JSON.obj("workingHoursPerDay", t.hoursPerDay(), "workingDaysPerWeek", t.daysPerWeek(),
        "timeFormat", t.timeFormat(), "defaultUnit", t.defaultUnit());
  }
}
