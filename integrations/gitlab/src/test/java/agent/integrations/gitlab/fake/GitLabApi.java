package agent.integrations.gitlab.fake;

import static agent.integrations.gitlab.fake.Json.JSON;

import agent.integrations.gitlab.fake.GitLabWorld.Group;
import agent.integrations.gitlab.fake.GitLabWorld.MergeRequest;
import agent.integrations.gitlab.fake.GitLabWorld.Note;
import agent.integrations.gitlab.fake.GitLabWorld.Project;
import agent.testkit.fake.ReceivedRequest;
import agent.testkit.fake.Reply;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The REST v4 endpoints the integration reads, answered from the {@link GitLabWorld} at request time.
 * A project or group in the path is a numeric id or its URL-encoded full path ({@code acme%2Fapi}).
 */
final class GitLabApi {
  private final GitLabWorld world;
  private final GitLabShapes shapes;
  private final Pages pages;
  private final Map<Pattern, Route> routes = new LinkedHashMap<>();

  GitLabApi(GitLabWorld world, GitLabShapes shapes, Pages pages) {
    this.world = world;
    this.shapes = shapes;
    this.pages = pages;
    String id = "([^/]+)";
    route("/user", (m, q) -> Reply.json(shapes.currentUser(world.viewer)));
    route("/version", (m, q) -> Reply.json(JSON.obj("version", world.version, "revision", world.revision,
        "kas", JSON.obj("enabled", false, "externalUrl", null, "version", null), "enterprise", world.version.endsWith("-ee"))));
    route("/personal_access_tokens/self", (m, q) -> token());
    route("/groups", (m, q) -> groups(q));
    route("/groups/" + id, (m, q) -> group(m).map(g -> Reply.json(shapes.group(g))).orElseGet(() -> GitLabErrors.notFound("Group")));
    route("/groups/" + id + "/projects", this::groupProjects);
    route("/groups/" + id + "/members/all", (m, q) -> group(m)
        .map(g -> pages.offset(q, world.allMembers(g), shapes::member)).orElseGet(() -> GitLabErrors.notFound("Group")));
    route("/projects", (m, q) -> projects(q));
    route("/projects/" + id, (m, q) -> project(m).map(p -> Reply.json(shapes.project(p)))
        .orElseGet(() -> GitLabErrors.notFound("Project")));
    route("/projects/" + id + "/merge_requests", this::mergeRequests);
    route("/projects/" + id + "/merge_requests/(\\d+)", (m, q) -> withMergeRequest(m, mr -> Reply.json(shapes.mergeRequest(mr))));
    route("/projects/" + id + "/merge_requests/(\\d+)/commits", (m, q) -> withMergeRequest(m, mr -> {
      List<GitLabWorld.Commit> newestFirst = new ArrayList<>(mr.commits);
      Collections.reverse(newestFirst);
      return pages.offset(q, newestFirst, c -> shapes.commit(mr.project, c));
    }));
    route("/projects/" + id + "/merge_requests/(\\d+)/approvals",
        (m, q) -> withMergeRequest(m, mr -> Reply.json(shapes.approvals(mr, world.viewer))));
    route("/projects/" + id + "/merge_requests/(\\d+)/notes", this::notes);
  }

  private interface Route {
    Reply answer(Matcher path, GitLabRequest request);
  }

  private void route(String regex, Route route) {
    routes.put(Pattern.compile(regex), route);
  }

  Reply answer(GitLabRequest request) {
    if (request.apiPath() == null || !request.method().equals("GET") && !request.method().equals("HEAD")) {
      return GitLabErrors.noRoute();
    }
    for (Map.Entry<Pattern, Route> route : routes.entrySet()) {
      Matcher m = route.getKey().matcher(request.apiPath());
      if (m.matches()) {
        return route.getValue().answer(m, request);
      }
    }
    return GitLabErrors.noRoute();
  }

  private Reply token() {
    if (world.tokenScopes == null) {
      return GitLabErrors.noRoute();
    }
    return Reply.json(JSON.obj("id", 4242, "name", "export agent", "revoked", false, "created_at", world.tokenCreatedAt,
        "description", null, "scopes", world.tokenScopes, "user_id", world.viewer.id, "last_used_at", Instant.now(),
        "active", true, "expires_at", world.tokenExpiresAt));
  }

  // -- groups

  private Reply groups(GitLabRequest q) {
    boolean all = q.param("all_available", world.viewer.admin ? "true" : "false").equals("true");
    List<Group> member = world.memberGroups();
    Stream<Group> groups = all ? world.groups.stream().filter(g -> !g.visibility.equals("private") || member.contains(g))
        : member.stream();
    if (q.param("top_level_only", "false").equals("true")) {
      groups = groups.filter(g -> g.parent == null);
    }
    String orderBy = q.param("order_by", "name");
    Comparator<Group> order = switch (orderBy) {
      case "id" -> Comparator.comparingLong(g -> g.id);
      case "path" -> Comparator.comparing(g -> g.path);
      default -> Comparator.comparing((Group g) -> g.name).thenComparing(g -> g.id);
    };
    order = q.param("sort", "asc").equals("desc") ? order.reversed() : order;
    return pages.offset(q, groups.sorted(order).toList(), shapes::group);
  }

  private Optional<Group> group(Matcher m) {
    String key = ReceivedRequest.decode(m.group(1));
    return (key.matches("\\d+") ? world.group(Long.parseLong(key)) : world.group(key))
        .filter(g -> !g.visibility.equals("private") || world.memberGroups().contains(g));
  }

  private Reply groupProjects(Matcher m, GitLabRequest q) {
    Optional<Group> group = group(m);
    if (group.isEmpty()) {
      return GitLabErrors.notFound("Group");
    }
    boolean subgroups = q.param("include_subgroups", "false").equals("true");
    List<Project> member = world.memberProjects();
    Stream<Project> projects = world.projects.stream().filter(p -> p.group != null
        && (!p.visibility.equals("private") || member.contains(p))
        && (subgroups ? p.group.within(group.get()) : p.group == group.get()));
    return pages.offset(q, archived(q, projects).sorted(projectOrder(q)).toList(), shapes::project);
  }

  // -- projects

  private Reply projects(GitLabRequest q) {
    List<Project> member = world.memberProjects();
    Stream<Project> projects = q.param("membership", "false").equals("true") ? member.stream()
        : world.projects.stream().filter(p -> !p.visibility.equals("private") || member.contains(p));
    List<Project> list = archived(q, projects).sorted(projectOrder(q)).toList();
    if (q.param("pagination", "").equals("keyset")) {
      if (!q.param("order_by", "created_at").equals("id")) {
        // GitLab's answer to keyset paging it cannot do, from API::Helpers::PaginationStrategies.
        return new Reply(405, GitLabErrors.error("Keyset pagination is not yet available for this type of request"),
            new LinkedHashMap<>());
      }
      return pages.keyset(q, list, p -> p.id, shapes::project);
    }
    return pages.offset(q, list, shapes::project);
  }

  private static Stream<Project> archived(GitLabRequest q, Stream<Project> projects) {
    String archived = q.query().get("archived");
    return archived == null ? projects : projects.filter(p -> p.archived == archived.equals("true"));
  }

  /** {@code order_by} (default {@code created_at}) and {@code sort} (default {@code desc}), ties by id. */
  private static Comparator<Project> projectOrder(GitLabRequest q) {
    Comparator<Project> order = switch (q.param("order_by", "created_at")) {
      case "id" -> Comparator.comparingLong(p -> p.id);
      case "name" -> Comparator.comparing((Project p) -> p.name);
      case "path" -> Comparator.comparing((Project p) -> p.path);
      case "last_activity_at", "updated_at" -> Comparator.comparing((Project p) -> p.lastActivityAt);
      default -> Comparator.comparing((Project p) -> p.createdAt);
    };
    order = order.thenComparingLong(p -> p.id);
    return q.param("sort", "desc").equals("asc") ? order : order.reversed();
  }

  /** A private project the viewer is no member of is as good as absent: GitLab answers 404, not 403. */
  private Optional<Project> project(Matcher m) {
    String key = ReceivedRequest.decode(m.group(1));
    return (key.matches("\\d+") ? world.project(Long.parseLong(key)) : world.project(key))
        .filter(p -> !p.visibility.equals("private") || world.memberProjects().contains(p));
  }

  // -- merge requests

  private Reply mergeRequests(Matcher m, GitLabRequest q) {
    Optional<Project> project = project(m);
    if (project.isEmpty()) {
      return GitLabErrors.notFound("Project");
    }
    Instant after;
    Instant before;
    try {
      after = time(q.query().get("updated_after"));
      before = time(q.query().get("updated_before"));
    } catch (DateTimeParseException e) {
      return new Reply(400, GitLabErrors.error("updated_after is invalid"), new LinkedHashMap<>());
    }
    String state = q.param("state", "all");
    Function<MergeRequest, Instant> key = q.param("order_by", "created_at").equals("updated_at")
        ? mr -> mr.updatedAt : mr -> mr.createdAt;
    Comparator<MergeRequest> order = Comparator.comparing(key).thenComparingLong(mr -> mr.id);
    order = q.param("sort", "desc").equals("asc") ? order : order.reversed();
    List<MergeRequest> list = project.get().mergeRequests.stream()
        .filter(mr -> state.equals("all") || mr.state.equals(state))
        .filter(mr -> after == null || !mr.updatedAt.isBefore(after))
        .filter(mr -> before == null || !mr.updatedAt.isAfter(before))
        .sorted(order).toList();
    return pages.offset(q, list, shapes::mergeRequest);
  }

  /** ISO-8601 with an offset or {@code Z}, as GitLab takes it; a bare date-time is read as UTC. */
  private static Instant time(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      return Instant.parse(value + "Z");
    }
  }

  private Reply withMergeRequest(Matcher m, Function<MergeRequest, Reply> answer) {
    Optional<Project> project = project(m);
    if (project.isEmpty()) {
      return GitLabErrors.notFound("Project");
    }
    return project.get().mergeRequest(Long.parseLong(m.group(2))).map(answer)
        .orElseGet(() -> GitLabErrors.notFound("Merge Request"));
  }

  private Reply notes(Matcher m, GitLabRequest q) {
    return withMergeRequest(m, mr -> {
      Function<Note, Instant> key = q.param("order_by", "created_at").equals("updated_at") ? n -> n.updatedAt : n -> n.createdAt;
      Comparator<Note> order = Comparator.comparing(key).thenComparingLong(n -> n.id);
      order = q.param("sort", "desc").equals("asc") ? order : order.reversed();
      return pages.offset(q, mr.notes.stream().sorted(order).toList(), n -> shapes.note(mr, n));
    });
  }
}
