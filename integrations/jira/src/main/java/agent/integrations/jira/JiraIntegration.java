package agent.integrations.jira;

import agent.rpcdef.Config;
import agent.rpcdef.ConfigException;
import agent.rpcdef.ConfigSpec;
import agent.rpcdef.ExportContext;
import agent.rpcdef.Integration;
import agent.rpcdef.ModelSession;
import agent.rpcdef.TrackingSession;
import agent.rpcdef.ValidationResult;
import agent.rpcdef.http.ApiClient;
import agent.rpcdef.http.NotFoundException;
import agent.rpcdef.model.work.Issue;
import agent.rpcdef.model.work.Project;
import agent.rpcdef.model.work.Sprint;
import agent.rpcdef.model.work.User;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jira Cloud ({@code jira-cloud}) and Jira Server / Data Center ({@code jira-hosted}): projects,
 * issues with every changelog entry, comment and worklog, sprints, users, and the workflow
 * configuration. One class, two flavours ({@link JiraFlavor}).
 *
 * <p>Sessions: {@code project/<KEY>} per project with the issue, changelog, comment and worklog model
 * sessions under it ({@link ProjectExport}); projects, sprints, the workflow configuration and users at
 * the top, users last, once everyone was seen.
 */
public final class JiraIntegration implements Integration {
  static final String REF_TYPE = "jira";

  private final JiraFlavor flavor;

  JiraIntegration(JiraFlavor flavor) {
    this.flavor = flavor;
  }

  /** The {@code jira-cloud} plugin. */
  public static JiraIntegration cloud() {
    return new JiraIntegration(JiraFlavor.CLOUD);
  }

  /** The {@code jira-hosted} plugin. */
  public static JiraIntegration hosted() {
    return new JiraIntegration(JiraFlavor.HOSTED);
  }

  @Override
  public ConfigSpec configSpec() {
    return JiraConfig.spec(flavor);
  }

  @Override
  public void export(ExportContext ctx) {
    JiraConfig cfg = JiraConfig.parse(flavor, ctx.config());
    JiraSite site = JiraSite.of(ctx.http(), flavor, cfg);
    String customer = ctx.customerId();
    JsonNode me = site.get("/myself");
    ZoneId zone = zone(me.path("timeZone").asText(""));
    FieldCatalog fields = FieldCatalog.of(site.get("/field"));
    WorkDurations.Settings durations = durations(site);
    JiraUsers users = new JiraUsers(customer, flavor);

    Map<Class<?>, ModelSession> configSessions = new LinkedHashMap<>();
    for (Object o : WorkConfig.read(site, customer)) {
      configSessions.computeIfAbsent(o.getClass(), c -> ctx.model(WorkConfig.model(c))).send(o);
    }
    configSessions.values().forEach(ModelSession::done);

    ModelSession sprints = ctx.model(Sprint.MODEL);
    Sprints.read(site, customer, ctx.log()).forEach(sprints::send);
    sprints.done();

    List<JsonNode> projects = Projects.list(site, cfg);
    ModelSession projectModel = ctx.model(Project.MODEL);
    for (JsonNode p : projects) {
      projectModel.send(Projects.map(p, customer, site.url(), users));
    }
    projectModel.done();

    Map<String, String> epicIds = new HashMap<>();
    IssueMapper mapper = new IssueMapper(customer, site.url(), fields, users, durations,
        key -> epicIds.computeIfAbsent(key, k -> issueIdOfKey(site, customer, k)));
    ProjectExport export = new ProjectExport(ctx, site, mapper, zone, cfg.jql());
    for (JsonNode p : projects) {
      String key = p.path("key").asText();
      TrackingSession session = ctx.tracking("project", key);
      export.export(session, key);
      session.done();
    }
    ModelSession userModel = ctx.model(User.MODEL);
    users.all().forEach(userModel::send);
    userModel.done();
  }

  /** The time zone Jira reads the user's JQL in; UTC when it does not say. */
  static ZoneId zone(String id) {
    try {
      return id.isEmpty() ? ZoneOffset.UTC : ZoneId.of(id);
    } catch (DateTimeException e) {
      return ZoneOffset.UTC;
    }
  }

  private WorkDurations.Settings durations(JiraSite site) {
    try {
      return flavor == JiraFlavor.CLOUD ? WorkDurations.Settings.fromCloud(site.get("/configuration/timetracking/options"))
          : WorkDurations.Settings.fromServer(site.get("/configuration"));
    } catch (NotFoundException e) {
      return WorkDurations.Settings.DEFAULT; // Time tracking switched off: worklogs carry seconds anyway.
    }
  }

  /** The {@code work.Issue} id of the issue with {@code key} (an Epic Link names a key), or null if it is gone. */
  private static String issueIdOfKey(JiraSite site, String customer, String key) {
    try {
      return Issue.idOf(customer, REF_TYPE, site.get("/issue/" + key + "?fields=issuetype").path("id").asText());
    } catch (NotFoundException e) {
      return null;
    }
  }

  @Override
  public ValidationResult validate(Config config) {
    JiraConfig cfg = JiraConfig.parse(flavor, config);
    return new JiraValidation(JiraSite.of(ApiClient.builder(), flavor, cfg), cfg).run();
  }

  @Override
  public List<?> onboard(Config config, String objectType, String customerId) {
    JiraConfig cfg = JiraConfig.parse(flavor, config);
    JiraSite site = JiraSite.of(ApiClient.builder(), flavor, cfg);
    return switch (objectType) {
      case "projects" -> {
        List<Project> out = new ArrayList<>();
        JiraUsers users = new JiraUsers(customerId, flavor);
        Projects.list(site, cfg).forEach(p -> out.add(Projects.map(p, customerId, site.url(), users)));
        yield out;
      }
      case "workconfig" -> WorkConfig.read(site, customerId);
      default -> throw new ConfigException("the " + flavor.plugin() + " integration onboards \"projects\" and"
          + " \"workconfig\", not \"" + objectType + "\"");
    };
  }
}
