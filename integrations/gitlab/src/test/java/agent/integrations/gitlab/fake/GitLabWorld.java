package agent.integrations.gitlab.fake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The data a {@link FakeGitLab} serves, read at request time: users, groups nested to any depth,
 * projects in groups or in a user's namespace, merge requests with notes, approvals and commits, and
 * group members. Change it between two exports (never during one): the fields of the entities are
 * plain and public, and the mutators here keep GitLab's side effects (a system note for an approval,
 * {@code updated_at} bumped by a note) so a test does not have to.
 */
public final class GitLabWorld {
  /** GitLab's access levels, as {@code members} report them. */
  public static final int GUEST = 10;
  public static final int REPORTER = 20;
  public static final int DEVELOPER = 30;
  public static final int MAINTAINER = 40;
  public static final int OWNER = 50;

  /** An account. {@code state} is {@code active}, {@code blocked} or {@code deactivated}; {@code bot} for service accounts. */
  public static final class User {
    public final long id;
    public final String username;
    public String name;
    public String state = "active";
    public boolean locked;
    public boolean bot;
    public boolean admin;
    public String email;

    public User(long id, String username, String name) {
      this.id = id;
      this.username = username;
      this.name = name;
      this.email = username + "@example.com";
    }
  }

  /** A group; {@code parent} null for a top-level group. */
  public static final class Group {
    public final long id;
    public String name;
    public String path;
    public Group parent;
    public String visibility = "private";
    public String description = "";
    public final List<Member> members = new ArrayList<>();

    public Group(long id, String name, String path, Group parent) {
      this.id = id;
      this.name = name;
      this.path = path;
      this.parent = parent;
    }

    public String fullPath() {
      return parent == null ? path : parent.fullPath() + "/" + path;
    }

    public String fullName() {
      return parent == null ? name : parent.fullName() + " / " + name;
    }

    /** Whether this group is {@code other} or one of its descendants. */
    public boolean within(Group other) {
      for (Group g = this; g != null; g = g.parent) {
        if (g == other) {
          return true;
        }
      }
      return false;
    }
  }

  /** A direct member of a group; {@code expiresAt} null for no expiry. */
  public record Member(User user, int accessLevel, Instant createdAt, Instant expiresAt) {}

  /**
   * A project, in a {@code group} or (with {@code group} null) in {@code owner}'s personal namespace.
   * {@code defaultBranch} null and {@code emptyRepo} for a repository without commits;
   * {@code httpUrlToRepo} what {@code http_url_to_repo} says (a test may point it at a local bare repository);
   * {@code forkedFrom} null unless a fork.
   */
  public static final class Project {
    public final long id;
    public String name;
    public String path;
    public Group group;
    public User owner;
    public String description;
    public String defaultBranch = "main";
    public boolean emptyRepo;
    public boolean archived;
    public String visibility = "private";
    public Instant createdAt;
    public Instant lastActivityAt;
    public Project forkedFrom;
    public String httpUrlToRepo;
    public final List<MergeRequest> mergeRequests = new ArrayList<>();
    /** The last iid handed out; iids are never reused, as on GitLab. */
    public long lastIid;

    public Project(long id, String name, String path, Group group, User owner, Instant createdAt) {
      this.id = id;
      this.name = name;
      this.path = path;
      this.group = group;
      this.owner = owner;
      this.createdAt = createdAt;
      this.lastActivityAt = createdAt;
    }

    public String namespacePath() {
      return group != null ? group.fullPath() : owner.username;
    }

    public String pathWithNamespace() {
      return namespacePath() + "/" + path;
    }

    public String nameWithNamespace() {
      return (group != null ? group.fullName() : owner.name) + " / " + name;
    }

    public Optional<MergeRequest> mergeRequest(long iid) {
      return mergeRequests.stream().filter(m -> m.iid == iid).findFirst();
    }
  }

  /**
   * A merge request. {@code state} is {@code opened}, {@code closed}, {@code merged} or {@code locked};
   * {@code mergedBy}/{@code closedBy} null where GitLab does not know; {@code commits} oldest first.
   */
  public static final class MergeRequest {
    public final long id;
    public final long iid;
    public final Project project;
    public String title;
    public String description;
    public String state = "opened";
    public User author;
    public final List<User> assignees = new ArrayList<>();
    public final List<User> reviewers = new ArrayList<>();
    public final List<String> labels = new ArrayList<>();
    public Instant createdAt;
    public Instant updatedAt;
    public User mergedBy;
    public Instant mergedAt;
    public User closedBy;
    public Instant closedAt;
    public String sourceBranch;
    public String targetBranch = "main";
    public long sourceProjectId;
    public boolean draft;
    public Boolean discussionLocked;
    public boolean squash;
    public String mergeCommitSha;
    public String squashCommitSha;
    public int approvalsRequired;
    public int upvotes;
    public int downvotes;
    public final List<Commit> commits = new ArrayList<>();
    public final List<Note> notes = new ArrayList<>();
    public final List<Approval> approvals = new ArrayList<>();

    public MergeRequest(long id, long iid, Project project, String title, User author, Instant createdAt) {
      this.id = id;
      this.iid = iid;
      this.project = project;
      this.title = title;
      this.author = author;
      this.createdAt = createdAt;
      this.updatedAt = createdAt;
      this.sourceBranch = "feature-" + iid;
      this.sourceProjectId = project.id;
    }

    /** The head: the newest commit's sha, or null without commits. */
    public String sha() {
      return commits.isEmpty() ? null : commits.get(commits.size() - 1).sha();
    }

    public long userNotesCount() {
      return notes.stream().filter(n -> !n.system).count();
    }
  }

  /**
   * A note (comment) on a merge request. {@code type} null for a plain comment, {@code DiscussionNote}
   * for a threaded one, {@code DiffNote} for one on a line of the diff; {@code system} for GitLab's
   * own notes ("approved this merge request").
   */
  public static final class Note {
    public final long id;
    public String type;
    public String body;
    public User author;
    public Instant createdAt;
    public Instant updatedAt;
    public boolean system;
    public boolean resolvable;
    public boolean resolved;
    public boolean internal;

    public Note(long id, String type, String body, User author, Instant createdAt, boolean system) {
      this.id = id;
      this.type = type;
      this.body = body;
      this.author = author;
      this.createdAt = createdAt;
      this.updatedAt = createdAt;
      this.system = system;
      this.resolvable = "DiffNote".equals(type) || "DiscussionNote".equals(type) && !system;
    }
  }

  /** An approval of a merge request by {@code user} at {@code at}. */
  public record Approval(User user, Instant at) {}

  /** A commit of a merge request; {@code parentIds} as git records them. */
  public record Commit(String sha, List<String> parentIds, String title, String message, String authorName,
      String authorEmail, Instant authoredAt, String committerName, String committerEmail, Instant committedAt) {}

  // -- the world

  /** GitLab's placeholder for deleted accounts: what a deleted user's merge requests and notes show. */
  public final User ghost;
  /** The token's user. */
  public final User viewer;
  public final List<User> users = new ArrayList<>();
  public final List<Group> groups = new ArrayList<>();
  public final List<Project> projects = new ArrayList<>();
  /** Accounts deleted since: shown as {@link #ghost}. */
  public final Set<Long> deletedUsers = new HashSet<>();
  /** Whether approvals carry {@code approved_at} (GitLab 17 Premium); false for older and Free instances. */
  public boolean approvedAt = true;
  /** Never send {@code X-Total}/{@code X-Total-Pages}, as GitLab does past 10,000 items (and on some endpoints always). */
  public boolean omitTotals;
  public String version = "17.5.1-ee";
  public String revision = "6f0f3c1a2b4";
  /** The scopes of the token; {@code null} makes {@code /personal_access_tokens/self} a 404, as before GitLab 15.5. */
  public List<String> tokenScopes = new ArrayList<>(List.of("read_api", "read_repository"));
  public Instant tokenCreatedAt = Instant.parse("2025-01-02T10:00:00Z");
  public String tokenExpiresAt = "2026-01-02";
  private long nextId;

  /** A world of {@code viewer} with ids handed out from {@code firstId}. */
  public GitLabWorld(User viewer, long firstId) {
    this.viewer = viewer;
    this.nextId = firstId;
    this.ghost = new User(1, "ghost", "Ghost User");
    ghost.email = "ghost@example.com";
    users.add(viewer);
  }

  /** A fresh id, unique in this world. */
  public long nextId() {
    return nextId++;
  }

  // -- building

  public User user(String username, String name) {
    User u = new User(nextId(), username, name);
    users.add(u);
    return u;
  }

  public Group group(String name, Group parent) {
    return group(name, name.toLowerCase().replace(' ', '-'), parent);
  }

  public Group group(String name, String path, Group parent) {
    Group g = new Group(nextId(), name, path, parent);
    groups.add(g);
    return g;
  }

  public Member member(Group group, User user, int accessLevel, Instant since) {
    Member m = new Member(user, accessLevel, since, null);
    group.members.add(m);
    return m;
  }

  /** A project in {@code group}, or in {@code owner}'s namespace when {@code group} is null. */
  public Project project(String name, Group group, User owner, Instant created) {
    Project p = new Project(nextId(), name, name.toLowerCase().replace(' ', '-'), group, owner, created);
    p.httpUrlToRepo = null; // the fake fills in its own URL unless a test sets one
    projects.add(p);
    return p;
  }

  /** An open merge request with the next iid of {@code project}. */
  public MergeRequest mergeRequest(Project project, String title, User author, Instant created) {
    long iid = ++project.lastIid;
    MergeRequest mr = new MergeRequest(nextId(), iid, project, title, author, created);
    mr.description = "";
    project.mergeRequests.add(mr);
    touch(project, created);
    return mr;
  }

  // -- changing, with GitLab's side effects

  /** A note by {@code author}; bumps the merge request's {@code updated_at}, as GitLab does. */
  public Note comment(MergeRequest mr, User author, String body, Instant at) {
    return note(mr, null, author, body, at, false);
  }

  /** A note of {@code type} ({@code null}, {@code DiscussionNote}, {@code DiffNote}); {@code system} for GitLab's own. */
  public Note note(MergeRequest mr, String type, User author, String body, Instant at, boolean system) {
    Note n = new Note(nextId(), type, body, author, at, system);
    mr.notes.add(n);
    bump(mr, at);
    return n;
  }

  /** Edits a note's body at {@code at}: the note's and the merge request's {@code updated_at} move. */
  public void editNote(MergeRequest mr, Note note, String body, Instant at) {
    note.body = body;
    note.updatedAt = at;
    bump(mr, at);
  }

  /** {@code user} approves at {@code at}: an approval and the system note "approved this merge request". */
  public Approval approve(MergeRequest mr, User user, Instant at) {
    Approval a = new Approval(user, at);
    mr.approvals.removeIf(x -> x.user() == user);
    mr.approvals.add(a);
    note(mr, null, user, "approved this merge request", at, true);
    return a;
  }

  /** {@code user} withdraws an approval: it goes, and the system note "unapproved this merge request" comes. */
  public void unapprove(MergeRequest mr, User user, Instant at) {
    mr.approvals.removeIf(x -> x.user() == user);
    note(mr, null, user, "unapproved this merge request", at, true);
  }

  /**
   * Pushes {@code commits} (oldest first) by {@code pusher} to the source branch at {@code at}: they join
   * the merge request and the system note "added N commits" lists them, as GitLab writes it.
   */
  public void push(MergeRequest mr, User pusher, List<Commit> commits, Instant at) {
    mr.commits.addAll(commits);
    StringBuilder body = new StringBuilder("added ").append(commits.size())
        .append(commits.size() == 1 ? " commit" : " commits").append("\n\n<ul>");
    for (Commit c : commits) {
      body.append("<li>").append(c.sha(), 0, 8).append(" - ").append(c.title()).append("</li>");
    }
    body.append("</ul>");
    note(mr, null, pusher, body.toString(), at, true);
  }

  /** Merges at {@code at} by {@code by} (null: GitLab does not know who, as for imported merge requests). */
  public void merge(MergeRequest mr, User by, String mergeCommitSha, Instant at) {
    mr.state = "merged";
    mr.mergedBy = by;
    mr.mergedAt = at;
    mr.mergeCommitSha = mergeCommitSha;
    bump(mr, at);
  }

  /** Closes without merging at {@code at}; a system note "closed" by {@code by} when known. */
  public void close(MergeRequest mr, User by, Instant at) {
    mr.state = "closed";
    mr.closedBy = by;
    mr.closedAt = at;
    if (by != null) {
      note(mr, null, by, "closed", at, true);
    }
    bump(mr, at);
  }

  /** Deletes an account: everything it authored now shows GitLab's {@link #ghost}. */
  public void deleteUser(User user) {
    deletedUsers.add(user.id);
  }

  /** Deletes a project: it and everything under {@code /projects/:id/} answer 404 from now on. */
  public void deleteProject(Project project) {
    projects.remove(project);
  }

  private void bump(MergeRequest mr, Instant at) {
    if (at.isAfter(mr.updatedAt)) {
      mr.updatedAt = at;
    }
    touch(mr.project, at);
  }

  private static void touch(Project p, Instant at) {
    if (p.lastActivityAt == null || at.isAfter(p.lastActivityAt)) {
      p.lastActivityAt = at;
    }
  }

  // -- finding

  /** The user as GitLab shows it now: the ghost once deleted. */
  public User shown(User u) {
    return u != null && deletedUsers.contains(u.id) ? ghost : u;
  }

  public Optional<Group> group(long id) {
    return groups.stream().filter(g -> g.id == id).findFirst();
  }

  /** By full path, case-insensitive as GitLab's routes are. */
  public Optional<Group> group(String fullPath) {
    return groups.stream().filter(g -> g.fullPath().equalsIgnoreCase(fullPath)).findFirst();
  }

  public Optional<Project> project(long id) {
    return projects.stream().filter(p -> p.id == id).findFirst();
  }

  public Optional<Project> project(String pathWithNamespace) {
    return projects.stream().filter(p -> p.pathWithNamespace().equalsIgnoreCase(pathWithNamespace)).findFirst();
  }

  /** The groups the viewer is a direct member of. */
  public List<Group> viewerGroups() {
    return groups.stream().filter(g -> g.members.stream().anyMatch(m -> m.user() == viewer)).toList();
  }

  /** The groups the viewer can see as a member: direct memberships and their descendants, by id. */
  public List<Group> memberGroups() {
    List<Group> direct = viewerGroups();
    return groups.stream().filter(g -> direct.stream().anyMatch(g::within))
        .sorted(Comparator.comparingLong(g -> g.id)).toList();
  }

  /** The projects the viewer is a member of: those of {@link #memberGroups()} and the viewer's own. */
  public List<Project> memberProjects() {
    Set<Group> member = new LinkedHashSet<>(memberGroups());
    return projects.stream().filter(p -> p.group != null ? member.contains(p.group) : p.owner == viewer)
        .sorted(Comparator.comparingLong(p -> p.id)).toList();
  }

  /** The members of {@code group} with those inherited from its ancestors, the highest access level per user. */
  public List<Member> allMembers(Group group) {
    List<Member> all = new ArrayList<>();
    for (Group g = group; g != null; g = g.parent) {
      for (Member m : g.members) {
        Optional<Member> seen = all.stream().filter(x -> x.user() == m.user()).findFirst();
        if (seen.isEmpty()) {
          all.add(m);
        } else if (seen.get().accessLevel() < m.accessLevel()) {
          all.set(all.indexOf(seen.get()), m);
        }
      }
    }
    return all.stream().sorted(Comparator.comparingLong(m -> m.user().id)).collect(Collectors.toList());
  }

  public Stream<MergeRequest> mergeRequests() {
    return projects.stream().flatMap(p -> p.mergeRequests.stream());
  }
}
