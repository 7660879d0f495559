package agent.integrations.jira.fake;

import static agent.integrations.jira.fake.Json.JSON;

import agent.integrations.jira.fake.FakeJira.Flavor;
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
import agent.integrations.jira.fake.JiraData.User;
import agent.integrations.jira.fake.JiraData.Worklog;
import agent.testkit.fake.FakeJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The JSON of Jira's objects as each flavour writes them: Cloud's users by {@code accountId} with an
 * {@code accountType}, rich text as ADF, {@code fieldId} in changelog items, {@code hierarchyLevel} on
 * issue types, sprints as objects; Server's users by {@code key} and {@code name}, rich text plain,
 * sprints as GreenHopper's {@code Sprint@...[id=..,state=..]} strings. Dates at the offset of the
 * {@code /myself} user's time zone.
 */
final class JiraShapes {
  /** System fields, in the order an issue's {@code fields} lists them. */
  static final List<String> SYSTEM_FIELDS = List.of("summary", "description", "project", "issuetype", "status",
      "priority", "resolution", "resolutiondate", "assignee", "reporter", "creator", "parent", "labels", "components",
      "fixVersions", "duedate", "created", "updated", "timetracking", "timeoriginalestimate", "timeestimate",
      "timespent", "comment", "worklog");
  private static final Map<String, String> CATEGORY_NAMES = Map.of("new", "To Do", "indeterminate", "In Progress",
      "done", "Done");
  private static final Map<String, Integer> CATEGORY_IDS = Map.of("new", 2, "indeterminate", 4, "done", 3);
  private static final Map<String, String> CATEGORY_COLORS = Map.of("new", "blue-gray", "indeterminate", "yellow",
      "done", "green");

  private final Flavor flavor;
  private final JiraData data;
  private final String site;
  private final String api;

  JiraShapes(Flavor flavor, JiraData data, String site) {
    this.flavor = flavor;
    this.data = data;
    this.site = site;
    this.api = site + flavor.api();
  }

  boolean cloud() {
    return flavor == Flavor.CLOUD;
  }

  ZoneId zone() {
    return data.myself().zone();
  }

  String time(Instant t) {
    return Json.time(t, zone());
  }

  String self(String path) {
    return api + path;
  }

  /** A rich-text value: an ADF document on Cloud, the text itself on Server. */
  JsonNode text(String text) {
    if (text == null) {
      return FakeJson.NODES.nullNode();
    }
    return cloud() ? Adf.document(text) : FakeJson.NODES.textNode(text);
  }

  private ObjectNode avatars(String id) {
    String base = site + "/secure/useravatar?ownerId=" + id + "&size=";
    return JSON.obj("48x48", base + "48", "24x24", base + "24", "16x16", base + "16", "32x32", base + "32");
  }

  /** A user as embedded in other objects; null for null. */
  ObjectNode user(User u) {
    if (u == null) {
      return null;
    }
    if (cloud()) {
      return JSON.obj("self", self("/user?accountId=" + u.accountId()), "accountId", u.accountId(),
          "emailAddress", u.emailAddress(), "avatarUrls", avatars(u.accountId()), "displayName", u.displayName(),
          "active", u.active(), "timeZone", u.timeZone(), "accountType", u.accountType());
    }
    return JSON.obj("self", self("/user?username=" + u.name()), "name", u.name(), "key", u.key(),
        "emailAddress", u.emailAddress(), "avatarUrls", avatars(u.key()), "displayName", u.displayName(),
        "active", u.active(), "timeZone", u.timeZone());
  }

  ObjectNode myself() {
    ObjectNode me = user(data.myself());
    me.put("locale", "en_US");
    me.set("groups", JSON.obj("size", 1, "items", List.of()));
    if (!cloud()) {
      me.put("deleted", false);
    }
    me.put("expand", "groups,applicationRoles");
    return me;
  }

  ObjectNode project(Project p, boolean full, Collection<String> expand) {
    ObjectNode node = JSON.obj("expand", "description,lead,issueTypes,url,projectKeys,permissions,insight",
        "self", self("/project/" + p.id()), "id", p.id(), "key", p.key(), "name", p.name(),
        "avatarUrls", avatars("p" + p.id()), "projectTypeKey", p.projectTypeKey());
    if (p.category() != null) {
      node.set("projectCategory", JSON.obj("self", self("/projectCategory/" + p.category().id()),
          "id", p.category().id(), "name", p.category().name(), "description", p.category().description()));
    }
    if (full || expand.contains("description")) {
      node.put("description", p.description() == null ? "" : p.description());
    }
    if (full || expand.contains("lead")) {
      node.set("lead", user(p.lead()));
    }
    if (cloud()) {
      node.put("simplified", false);
      node.put("style", "classic");
      node.put("isPrivate", false);
    } else {
      node.put("archived", false);
    }
    return node;
  }

  ObjectNode issueType(IssueType t) {
    ObjectNode node = JSON.obj("self", self("/issuetype/" + t.id()), "id", t.id(), "description", t.name() + ".",
        "iconUrl", site + "/images/icons/issuetypes/" + t.id() + ".svg", "name", t.name(), "subtask", t.subtask());
    if (cloud()) {
      node.put("hierarchyLevel", t.hierarchyLevel());
    }
    return node;
  }

  ObjectNode status(Status s) {
    String k = s.categoryKey();
    return JSON.obj("self", self("/status/" + s.id()), "description", "", "iconUrl",
        site + "/images/icons/statuses/generic.png", "name", s.name(), "id", s.id(), "statusCategory",
        JSON.obj("self", self("/statuscategory/" + CATEGORY_IDS.get(k)), "id", CATEGORY_IDS.get(k), "key", k,
            "colorName", CATEGORY_COLORS.get(k), "name", CATEGORY_NAMES.get(k)));
  }

  ObjectNode priority(Priority p) {
    return JSON.obj("self", self("/priority/" + p.id()), "iconUrl", site + "/images/icons/priorities/"
        + p.name().toLowerCase() + ".svg", "name", p.name(), "id", p.id());
  }

  ObjectNode resolution(Resolution r) {
    return JSON.obj("self", self("/resolution/" + r.id()), "id", r.id(), "description", r.description(),
        "name", r.name());
  }

  /** {@code /field}: the system fields, then the custom ones. */
  ArrayNode fields() {
    ArrayNode list = FakeJson.NODES.arrayNode();
    for (String id : SYSTEM_FIELDS) {
      if (id.equals("parent") && !cloud()) {
        continue;
      }
      ObjectNode f = JSON.obj("id", id, "name", Character.toUpperCase(id.charAt(0)) + id.substring(1), "custom", false,
          "orderable", true, "navigable", !id.equals("comment") && !id.equals("worklog"), "searchable", true,
          "clauseNames", List.of(id), "schema", JSON.obj("type", systemType(id), "system", id));
      if (cloud()) {
        f.put("key", id);
      }
      list.add(f);
    }
    for (Field c : data.fields()) {
      ObjectNode f = JSON.obj("id", c.id(), "name", c.name(), "custom", true, "orderable", true, "navigable", true,
          "searchable", true, "clauseNames", List.of("cf[" + c.customId() + "]", c.name()),
          "schema", JSON.obj("type", c.schemaType(), "items", c.items(), "custom", c.custom(),
              "customId", c.customId()));
      if (cloud()) {
        f.put("key", c.id());
        f.put("untranslatedName", c.name());
      }
      list.add(f);
    }
    return list;
  }

  private static String systemType(String id) {
    return switch (id) {
      case "labels", "components", "fixVersions" -> "array";
      case "assignee", "reporter", "creator" -> "user";
      case "created", "updated", "resolutiondate" -> "datetime";
      case "duedate" -> "date";
      case "timeoriginalestimate", "timeestimate", "timespent" -> "number";
      case "summary" -> "string";
      default -> id;
    };
  }

  /** The issue with {@code fields} selected and, when {@code changelog}, its histories embedded up to the caps. */
  ObjectNode issue(Issue issue, FieldSelection fields, boolean changelog, EmbedCaps caps) {
    ObjectNode node = JSON.obj("expand", "operations,versionedRepresentations,editmeta,changelog,renderedFields",
        "id", issue.id(), "self", self("/issue/" + issue.id()), "key", issue.key());
    if (cloud() && fields.isEmpty()) {
      // The enhanced search returns ids only unless fields are asked for.
      node.remove("key");
      node.remove("self");
      node.remove("expand");
    }
    if (!fields.isEmpty()) {
      ObjectNode f = node.putObject("fields");
      for (String id : SYSTEM_FIELDS) {
        if (fields.selects(id, false)) {
          JsonNode value = systemValue(issue, id, caps);
          if (value != null) {
            f.set(id, value);
          }
        }
      }
      for (Field c : data.fields()) {
        if (fields.selects(c.id(), true)) {
          f.set(c.id(), value(issue.get(c.id())));
        }
      }
    }
    if (changelog) {
      List<History> all = issue.histories();
      List<History> shown = all.subList(0, Math.min(caps.histories(), all.size()));
      node.set("changelog", JSON.obj("startAt", 0, "maxResults", shown.size(), "total", all.size(),
          "histories", shown.stream().map(this::history).toList()));
    }
    return node;
  }

  /** A system field's value: null leaves it out (only {@code parent}), JSON null for an empty field. */
  private JsonNode systemValue(Issue issue, String id, EmbedCaps caps) {
    Object v = issue.get(id);
    TimeTracking tt = (TimeTracking) issue.get("timetracking");
    return switch (id) {
      case "parent" -> v == null ? null : parent((String) v);
      case "project" -> project(data.project(issue.project()).orElseThrow(), false, List.of());
      case "description" -> text((String) v);
      case "labels" -> JSON.value(v == null ? List.of() : v);
      case "components", "fixVersions" -> JSON.array(v == null ? List.of() : ((List<?>) v).stream()
          .map(n -> JSON.obj("self", self("/" + (id.equals("components") ? "component" : "version") + "/" + id(n)),
              "id", id(n), "name", n)).toList());
      case "timetracking" -> tt == null ? JSON.obj() : JSON.obj("originalEstimate", tt.originalEstimate(),
          "remainingEstimate", tt.remainingEstimate(), "timeSpent", tt.timeSpent(),
          "originalEstimateSeconds", tt.originalEstimateSeconds(),
          "remainingEstimateSeconds", tt.remainingEstimateSeconds(), "timeSpentSeconds", tt.timeSpentSeconds());
      case "timeoriginalestimate" -> JSON.value(tt == null ? null : tt.originalEstimateSeconds());
      case "timeestimate" -> JSON.value(tt == null ? null : tt.remainingEstimateSeconds());
      case "timespent" -> JSON.value(tt == null ? null : tt.timeSpentSeconds());
      case "comment" -> {
        List<Comment> all = issue.comments();
        List<Comment> shown = all.subList(0, Math.min(caps.comments(), all.size()));
        yield JSON.obj("comments", shown.stream().map(c -> comment(issue, c)).toList(),
            "self", self("/issue/" + issue.id() + "/comment"), "maxResults", shown.size(), "total", all.size(),
            "startAt", 0);
      }
      case "worklog" -> {
        List<Worklog> all = issue.worklogs();
        List<Worklog> shown = all.subList(0, Math.min(caps.worklogs(), all.size()));
        yield JSON.obj("startAt", 0, "maxResults", shown.size(), "total", all.size(),
            "worklogs", shown.stream().map(w -> worklog(issue, w)).toList());
      }
      default -> value(v);
    };
  }

  private static String id(Object name) {
    return String.valueOf(10000 + Math.floorMod(name.hashCode(), 90000));
  }

  private ObjectNode parent(String key) {
    Issue p = data.issue(key).orElseThrow(() -> new IllegalStateException("no parent " + key));
    return JSON.obj("id", p.id(), "key", p.key(), "self", self("/issue/" + p.id()), "fields",
        JSON.obj("summary", p.get("summary"), "status", value(p.get("status")),
            "priority", value(p.get("priority")), "issuetype", value(p.get("issuetype"))));
  }

  /** A value of the data model as Jira writes it in {@code fields}. */
  JsonNode value(Object v) {
    if (v == null) {
      return FakeJson.NODES.nullNode();
    }
    if (v instanceof User u) {
      return user(u);
    } else if (v instanceof IssueType t) {
      return issueType(t);
    } else if (v instanceof Status s) {
      return status(s);
    } else if (v instanceof Priority p) {
      return priority(p);
    } else if (v instanceof Resolution r) {
      return resolution(r);
    } else if (v instanceof Instant t) {
      return FakeJson.NODES.textNode(time(t));
    } else if (v instanceof LocalDate d) {
      return FakeJson.NODES.textNode(d.toString());
    } else if (v instanceof Option o) {
      return JSON.obj("self", self("/customFieldOption/" + o.id()), "value", o.value(), "id", o.id());
    } else if (v instanceof Sprint s) {
      return sprintValue(s);
    } else if (v instanceof List<?> l) {
      return JSON.array(l.stream().map(this::value).toList());
    }
    return JSON.value(v);
  }

  /** A sprint as the Sprint custom field holds it. */
  private JsonNode sprintValue(Sprint s) {
    if (cloud()) {
      return JSON.obj("id", s.id(), "name", s.name(), "state", s.state(), "boardId", s.originBoardId(),
          "goal", s.goal() == null ? "" : s.goal(), "startDate", Json.agileTime(s.startDate()),
          "endDate", Json.agileTime(s.endDate()), "completeDate", Json.agileTime(s.completeDate()));
    }
    return FakeJson.NODES.textNode("com.atlassian.greenhopper.service.sprint.Sprint@" + Long.toHexString(s.id() * 7919)
        + "[id=" + s.id() + ",rapidViewId=" + s.originBoardId() + ",state=" + s.state().toUpperCase() + ",name="
        + s.name() + ",startDate=" + orNull(s.startDate()) + ",endDate=" + orNull(s.endDate()) + ",completeDate="
        + orNull(s.completeDate()) + ",activatedDate=" + orNull(s.startDate()) + ",sequence=" + s.id() + ",goal="
        + (s.goal() == null ? "<null>" : s.goal()) + ",autoStartStop=false,synced=false]");
  }

  private String orNull(Instant t) {
    return t == null ? "<null>" : time(t).replace(".000", "").replaceFirst("(\\d\\d)(\\d\\d)$", "$1:$2");
  }

  ObjectNode history(History h) {
    return JSON.obj("id", h.id(), "author", user(h.author()), "created", time(h.created()),
        "items", h.items().stream().map(this::item).toList());
  }

  private ObjectNode item(Item i) {
    ObjectNode node = JSON.obj("field", i.field(), "fieldtype", i.fieldtype());
    if (cloud() && i.fieldId() != null) {
      node.put("fieldId", i.fieldId());
    }
    // from/to and their display strings are present and null when empty, as Jira sends them.
    node.set("from", JSON.value(i.from()));
    node.set("fromString", JSON.value(i.fromText()));
    node.set("to", JSON.value(i.to()));
    node.set("toString", JSON.value(i.toText()));
    return node;
  }

  ObjectNode comment(Issue issue, Comment c) {
    ObjectNode node = JSON.obj("self", self("/issue/" + issue.id() + "/comment/" + c.id()), "id", c.id(),
        "author", user(c.author()), "body", text(c.body()), "updateAuthor", user(c.author()),
        "created", time(c.created()), "updated", time(c.updated()));
    if (cloud()) {
      node.put("jsdPublic", true);
    }
    return node;
  }

  ObjectNode worklog(Issue issue, Worklog w) {
    return JSON.obj("self", self("/issue/" + issue.id() + "/worklog/" + w.id()), "author", user(w.author()),
        "updateAuthor", user(w.author()), "comment", w.comment() == null ? null : text(w.comment()),
        "created", time(w.created()), "updated", time(w.updated()), "started", time(w.started()),
        "timeSpent", w.timeSpent(), "timeSpentSeconds", w.timeSpentSeconds(), "id", w.id(), "issueId", issue.id());
  }

  /** How many histories, comments and worklogs a search embeds at most. */
  record EmbedCaps(int histories, int comments, int worklogs) {}
}
