package agent.integrations.gitlab.fake;

import static agent.integrations.gitlab.fake.Json.JSON;

import agent.integrations.gitlab.fake.GitLabWorld.Approval;
import agent.integrations.gitlab.fake.GitLabWorld.Commit;
import agent.integrations.gitlab.fake.GitLabWorld.Group;
import agent.integrations.gitlab.fake.GitLabWorld.Member;
import agent.integrations.gitlab.fake.GitLabWorld.MergeRequest;
import agent.integrations.gitlab.fake.GitLabWorld.Note;
import agent.integrations.gitlab.fake.GitLabWorld.Project;
import agent.integrations.gitlab.fake.GitLabWorld.User;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * The JSON shapes of GitLab's REST API v4, written from docs.gitlab.com: what each endpoint's items
 * carry, null where GitLab sends null. {@code web} is the instance's base URL (links in the objects).
 */
final class GitLabShapes {
  private static final Instant ACCOUNTS_CREATED = Instant.parse("2020-01-01T00:00:00Z");

  private final GitLabWorld world;
  private final String web;

  GitLabShapes(GitLabWorld world, String web) {
    this.world = world;
    this.web = web;
  }

  /** The basic user of every list: a deleted account shows as GitLab's ghost, null stays null. */
  ObjectNode user(User u) {
    u = world.shown(u);
    if (u == null) {
      return null;
    }
    return JSON.obj("id", u.id, "username", u.username, "name", u.name, "state", u.state, "locked", u.locked,
        "avatar_url", "https://secure.gravatar.com/avatar/" + Long.toHexString(u.id * 2654435761L) + "?s=80&d=identicon",
        "web_url", web + "/" + u.username);
  }

  /** {@code GET /user}. */
  ObjectNode currentUser(User u) {
    return user(u).setAll(JSON.obj("created_at", ACCOUNTS_CREATED, "bio", "", "location", "", "public_email", null,
        "bot", u.bot, "email", u.email, "is_admin", u.admin, "can_create_group", true, "can_create_project", true,
        "two_factor_enabled", false, "external", false, "private_profile", false));
  }

  ObjectNode group(Group g) {
    return JSON.obj("id", g.id, "web_url", web + "/groups/" + g.fullPath(), "name", g.name, "path", g.path,
        "description", g.description, "visibility", g.visibility, "share_with_group_lock", false,
        "require_two_factor_authentication", false, "two_factor_grace_period", 48, "project_creation_level", "developer",
        "auto_devops_enabled", null, "subgroup_creation_level", "maintainer", "emails_disabled", false,
        "emails_enabled", true, "mentions_disabled", null, "lfs_enabled", true, "default_branch", null,
        "request_access_enabled", true, "avatar_url", null, "full_name", g.fullName(), "full_path", g.fullPath(),
        "created_at", ACCOUNTS_CREATED, "parent_id", g.parent == null ? null : g.parent.id,
        "organization_id", 1, "ldap_cn", null, "ldap_access", null, "marked_for_deletion_on", null);
  }

  ObjectNode member(Member m) {
    return user(m.user()).setAll(JSON.obj("access_level", m.accessLevel(), "created_at", m.createdAt(),
        "created_by", null, "expires_at", m.expiresAt() == null ? null : m.expiresAt().toString().substring(0, 10),
        "membership_state", "active"));
  }

  ObjectNode namespace(Project p) {
    if (p.group != null) {
      Group g = p.group;
      return JSON.obj("id", g.id, "name", g.name, "path", g.path, "kind", "group", "full_path", g.fullPath(),
          "parent_id", g.parent == null ? null : g.parent.id, "avatar_url", null, "web_url", web + "/groups/" + g.fullPath());
    }
    User u = p.owner;
    return JSON.obj("id", 100_000_000 + u.id, "name", u.name, "path", u.username, "kind", "user", "full_path", u.username,
        "parent_id", null, "avatar_url", user(u).path("avatar_url").asText(), "web_url", web + "/" + u.username);
  }

  /** {@code httpUrlToRepo} as set, or the instance's own URL. */
  ObjectNode project(Project p) {
    String path = p.pathWithNamespace();
    ObjectNode json = JSON.obj("id", p.id, "description", p.description, "name", p.name,
        "name_with_namespace", p.nameWithNamespace(), "path", p.path, "path_with_namespace", path,
        "created_at", p.createdAt, "default_branch", p.emptyRepo ? null : p.defaultBranch, "tag_list", List.of(),
        "topics", List.of(), "ssh_url_to_repo", "git@" + host() + ":" + path + ".git",
        "http_url_to_repo", p.httpUrlToRepo != null ? p.httpUrlToRepo : web + "/" + path + ".git",
        "web_url", web + "/" + path, "readme_url", p.emptyRepo ? null : web + "/" + path + "/-/blob/main/README.md",
        "forks_count", 0, "avatar_url", null, "star_count", 0, "last_activity_at", p.lastActivityAt,
        "namespace", namespace(p), "visibility", p.visibility, "archived", p.archived, "empty_repo", p.emptyRepo,
        "repository_access_level", "enabled", "merge_requests_access_level", "enabled",
        "merge_requests_enabled", true, "creator_id", p.owner == null ? null : p.owner.id,
        "open_issues_count", 0, "updated_at", p.lastActivityAt);
    if (p.forkedFrom != null) {
      Project f = p.forkedFrom;
      json.set("forked_from_project", JSON.obj("id", f.id, "description", f.description, "name", f.name,
          "name_with_namespace", f.nameWithNamespace(), "path", f.path, "path_with_namespace", f.pathWithNamespace(),
          "created_at", f.createdAt, "default_branch", f.emptyRepo ? null : f.defaultBranch,
          "http_url_to_repo", web + "/" + f.pathWithNamespace() + ".git", "web_url", web + "/" + f.pathWithNamespace(),
          "namespace", namespace(f)));
    }
    return json;
  }

  ObjectNode mergeRequest(MergeRequest m) {
    Project p = m.project;
    boolean open = m.state.equals("opened");
    User merger = m.state.equals("merged") ? m.mergedBy : null;
    String detailed = !open ? "not_open" : m.draft ? "draft_status"
        : m.approvals.size() < m.approvalsRequired ? "not_approved" : "mergeable";
    return JSON.obj("id", m.id, "iid", m.iid, "project_id", p.id, "title", (m.draft ? "Draft: " : "") + m.title,
        "description", m.description, "state", m.state, "created_at", m.createdAt, "updated_at", m.updatedAt,
        "merged_by", user(merger), "merge_user", user(merger), "merged_at", m.state.equals("merged") ? m.mergedAt : null,
        "merge_after", null, "prepared_at", m.createdAt,
        "closed_by", m.state.equals("closed") ? user(m.closedBy) : null,
        "closed_at", m.state.equals("closed") ? m.closedAt : null, "target_branch", m.targetBranch,
        "source_branch", m.sourceBranch, "user_notes_count", m.userNotesCount(), "upvotes", m.upvotes,
        "downvotes", m.downvotes, "author", user(m.author), "assignees", m.assignees.stream().map(this::user).toList(),
        "assignee", m.assignees.isEmpty() ? null : user(m.assignees.get(0)),
        "reviewers", m.reviewers.stream().map(this::user).toList(), "source_project_id", m.sourceProjectId,
        "target_project_id", p.id, "labels", m.labels, "draft", m.draft, "imported", false, "imported_from", "none",
        "work_in_progress", m.draft, "milestone", null, "merge_when_pipeline_succeeds", false,
        "merge_status", open ? "can_be_merged" : "unchecked", "detailed_merge_status", detailed, "sha", m.sha(),
        "merge_commit_sha", m.state.equals("merged") ? m.mergeCommitSha : null,
        "squash_commit_sha", m.squash && m.state.equals("merged") ? m.squashCommitSha : null,
        "discussion_locked", m.discussionLocked, "should_remove_source_branch", null,
        "force_remove_source_branch", true, "reference", "!" + m.iid,
        "references", JSON.obj("short", "!" + m.iid, "relative", "!" + m.iid, "full", p.pathWithNamespace() + "!" + m.iid),
        "web_url", web + "/" + p.pathWithNamespace() + "/-/merge_requests/" + m.iid,
        "time_stats", JSON.obj("time_estimate", 0, "total_time_spent", 0, "human_time_estimate", null,
            "human_total_time_spent", null),
        "squash", m.squash, "squash_on_merge", m.squash,
        "task_completion_status", JSON.obj("count", 0, "completed_count", 0), "has_conflicts", false,
        "blocking_discussions_resolved", true, "approvals_before_merge", null);
  }

  ObjectNode commit(Project p, Commit c) {
    return JSON.obj("id", c.sha(), "short_id", c.sha().substring(0, 8), "created_at", c.committedAt(),
        "parent_ids", c.parentIds(), "title", c.title(), "message", c.message(), "author_name", c.authorName(),
        "author_email", c.authorEmail(), "authored_date", c.authoredAt(), "committer_name", c.committerName(),
        "committer_email", c.committerEmail(), "committed_date", c.committedAt(), "trailers", JSON.obj(),
        "extended_trailers", JSON.obj(), "web_url", web + "/" + p.pathWithNamespace() + "/-/commit/" + c.sha());
  }

  /** {@code resolved}, {@code resolved_by} and {@code resolved_at} only for resolvable notes, as GitLab exposes them. */
  ObjectNode note(MergeRequest m, Note n) {
    ObjectNode json = JSON.obj("id", n.id, "type", n.type, "body", n.body, "attachment", null, "author", user(n.author),
        "created_at", n.createdAt, "updated_at", n.updatedAt, "system", n.system, "noteable_id", m.id,
        "noteable_type", "MergeRequest", "project_id", m.project.id, "commit_id", null, "resolvable", n.resolvable);
    if (n.resolvable) {
      json.setAll(JSON.obj("resolved", n.resolved, "resolved_by", n.resolved ? user(m.author) : null,
          "resolved_at", n.resolved ? n.updatedAt : null));
    }
    if ("DiffNote".equals(n.type)) {
      json.set("position", JSON.obj("base_sha", m.sha(), "start_sha", m.sha(), "head_sha", m.sha(), "old_path", "README.md",
          "new_path", "README.md", "position_type", "text", "old_line", null, "new_line", 1));
    }
    json.setAll(JSON.obj("confidential", n.internal, "internal", n.internal, "imported", false, "imported_from", "none",
        "noteable_iid", m.iid, "commands_changes", JSON.obj()));
    return json;
  }

  /** {@code approved_at} per approver only when the world says the instance sends it. */
  ObjectNode approvals(MergeRequest m, User viewer) {
    List<ObjectNode> by = m.approvals.stream().map(a -> approver(a)).toList();
    boolean approved = m.approvals.size() >= m.approvalsRequired;
    return JSON.obj("id", m.id, "iid", m.iid, "project_id", m.project.id, "title", (m.draft ? "Draft: " : "") + m.title,
        "description", m.description, "state", m.state, "created_at", m.createdAt, "updated_at", m.updatedAt,
        "merge_status", m.state.equals("opened") ? "can_be_merged" : "unchecked", "approved", approved,
        "approvals_required", m.approvalsRequired, "approvals_left", Math.max(0, m.approvalsRequired - m.approvals.size()),
        "require_password_to_approve", false, "approved_by", by, "suggested_approvers", List.of(), "approvers", List.of(),
        "approver_groups", List.of(), "user_has_approved", m.approvals.stream().anyMatch(a -> a.user() == viewer),
        "user_can_approve", false, "approval_rules_left", List.of(), "has_approval_rules", m.approvalsRequired > 0,
        "merge_request_approvers_available", true, "multiple_approval_rules_available", true,
        "invalid_approvers_rules", List.of());
  }

  private ObjectNode approver(Approval a) {
    ObjectNode json = JSON.obj("user", user(a.user()));
    if (world.approvedAt) {
      json.set("approved_at", JSON.value(a.at()));
    }
    return json;
  }

  private String host() {
    String h = web.replaceFirst("^https?://", "");
    int slash = h.indexOf('/');
    h = slash < 0 ? h : h.substring(0, slash);
    int colon = h.indexOf(':');
    return colon < 0 ? h : h.substring(0, colon);
  }
}
