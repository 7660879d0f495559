package agent.integrations.github.fake;

import static agent.integrations.github.fake.Json.JSON;

import agent.integrations.github.fake.FakeData.Comment;
import agent.integrations.github.fake.FakeData.Commit;
import agent.integrations.github.fake.FakeData.Org;
import agent.integrations.github.fake.FakeData.PullRequest;
import agent.integrations.github.fake.FakeData.Repo;
import agent.integrations.github.fake.FakeData.Review;
import agent.integrations.github.fake.FakeData.ReviewComment;
import agent.integrations.github.fake.FakeData.User;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * The JSON shapes of GitHub's REST API v3, written from its documentation: what each endpoint's
 * items carry, with null where GitHub sends null. {@code api} is the fake's root, {@code web} the site
 * ({@code https://github.com}).
 */
final class RestShapes {
  /** GitHub's placeholder for deleted accounts. */
  static final User GHOST = new User(10137, "ghost", null, null, "User");
  private static final Instant ACCOUNTS_CREATED = Instant.parse("2020-01-01T00:00:00Z");

  private final String api;
  private final String web;
  private final boolean ghostAsUser;

  RestShapes(String api, String web, boolean ghostAsUser) {
    this.api = api;
    this.web = web;
    this.ghostAsUser = ghostAsUser;
  }

  /** A "simple user", or null (or the ghost) for a deleted account. */
  ObjectNode user(User u) {
    if (u == null) {
      if (!ghostAsUser) {
        return null;
      }
      u = GHOST;
    }
    return JSON.obj("login", u.login(), "id", u.id(), "node_id", u.nodeId(),
        "avatar_url", "https://avatars.githubusercontent.com/u/" + u.id() + "?v=4", "gravatar_id", "",
        "url", api + "/users/" + u.login(), "html_url", web + "/" + u.login(), "type", u.type(), "site_admin", false);
  }

  /** {@code GET /user} and {@code GET /users/{login}}: the simple user and the profile. */
  ObjectNode fullUser(User u) {
    return user(u).setAll(JSON.obj("name", u.name(), "company", null, "blog", "", "location", null, "email", u.email(),
        "hireable", null, "bio", null, "public_repos", 0, "followers", 0, "following", 0,
        "created_at", ACCOUNTS_CREATED, "updated_at", ACCOUNTS_CREATED));
  }

  ObjectNode org(Org o) {
    return JSON.obj("login", o.login(), "id", o.id(), "node_id", "O_" + o.id(), "url", api + "/orgs/" + o.login(),
        "repos_url", api + "/orgs/" + o.login() + "/repos", "members_url", api + "/orgs/" + o.login() + "/members{/member}",
        "avatar_url", "https://avatars.githubusercontent.com/u/" + o.id() + "?v=4", "description", null);
  }

  ObjectNode fullOrg(Org o) {
    return org(o).setAll(JSON.obj("name", o.login(), "company", null, "blog", "", "email", null,
        "html_url", web + "/" + o.login(), "type", "Organization", "public_repos", o.repos().size(),
        "created_at", ACCOUNTS_CREATED, "updated_at", ACCOUNTS_CREATED));
  }

  /** {@code owner}: the organization or user the repository belongs to. */
  ObjectNode repo(Repo r, ObjectNode owner) {
    String url = api + "/repos/" + r.fullName();
    return JSON.obj("id", r.id(), "node_id", "R_" + r.id(), "name", r.name(), "full_name", r.fullName(), "owner", owner,
        "private", false, "visibility", "public", "html_url", web + "/" + r.fullName(), "description", r.description(),
        "fork", r.fork(), "url", url, "archived", r.archived(), "disabled", false, "language", r.language(),
        "default_branch", r.defaultBranch(), "created_at", r.createdAt(), "updated_at", r.updatedAt(),
        "pushed_at", r.empty() ? r.createdAt() : r.updatedAt(), "clone_url", r.cloneUrl(),
        "git_url", "git://github.com/" + r.fullName() + ".git", "ssh_url", "git@github.com:" + r.fullName() + ".git",
        "size", r.empty() ? 0 : 120 + 10 * r.pullRequests().size(), "open_issues_count",
        r.pullRequests().stream().filter(p -> p.state().equals("OPEN")).count(), "pulls_url", url + "/pulls{/number}");
  }

  /** An item of {@code GET /repos/{o}/{r}/pulls}: no {@code merged_by}, {@code merged}, counts. */
  ObjectNode pull(Repo r, ObjectNode repo, PullRequest p) {
    String url = api + "/repos/" + r.fullName() + "/pulls/" + p.number();
    ObjectNode author = user(p.author());
    return JSON.obj("url", url, "id", p.id(), "node_id", p.nodeId(), "html_url", web + "/" + r.fullName() + "/pull/" + p.number(),
        "number", p.number(), "state", p.state().equals("OPEN") ? "open" : "closed", "locked", p.locked(),
        "title", p.title(), "user", author, "body", p.body(), "labels", List.of(), "milestone", null,
        "created_at", p.createdAt(), "updated_at", p.updatedAt(), "closed_at", p.closedAt(), "merged_at", p.mergedAt(),
        "merge_commit_sha", p.mergeSha(), "assignees", List.of(), "requested_reviewers", List.of(), "draft", p.draft(),
        "commits_url", url + "/commits", "review_comments_url", url + "/comments",
        "comments_url", api + "/repos/" + r.fullName() + "/issues/" + p.number() + "/comments",
        "head", JSON.obj("label", (p.headRepoDeleted() ? "unknown" : r.owner()) + ":" + p.headRef(), "ref", p.headRef(),
            "sha", p.headSha(), "user", p.headRepoDeleted() ? null : repo.get("owner"), "repo", p.headRepoDeleted() ? null : repo),
        "base", JSON.obj("label", r.owner() + ":" + p.baseRef(), "ref", p.baseRef(), "sha", p.baseSha(), "user", repo.get("owner"),
            "repo", repo),
        "author_association", p.author() == null ? "NONE" : "MEMBER", "auto_merge", null, "active_lock_reason", null);
  }

  /** {@code GET /repos/{o}/{r}/pulls/{n}}: the list item and what only the single pull request has. */
  ObjectNode fullPull(Repo r, ObjectNode repo, PullRequest p) {
    boolean merged = p.state().equals("MERGED");
    return pull(r, repo, p).setAll(JSON.obj("merged", merged, "mergeable", p.state().equals("OPEN") ? Boolean.TRUE : null,
        "mergeable_state", p.state().equals("OPEN") ? "clean" : "unknown", "merged_by", merged ? user(p.mergedBy()) : null,
        "comments", p.comments().size(), "review_comments", p.reviewComments().size(), "maintainer_can_modify", false,
        "commits", p.commits().size(), "additions", p.commits().stream().mapToInt(Commit::additions).sum(),
        "deletions", p.commits().stream().mapToInt(Commit::deletions).sum(), "changed_files", p.commits().size()));
  }

  ObjectNode commit(Repo r, Commit c) {
    ObjectNode author = JSON.obj("name", c.authorName(), "email", c.authorEmail(), "date", c.authoredAt());
    User committer = c.committerUser();
    ObjectNode committed = committer == null ? author.deepCopy()
        : JSON.obj("name", committer.name() == null ? committer.login() : committer.name(),
            "email", committer.login() + "@users.noreply.github.com", "date", c.authoredAt());
    return JSON.obj("sha", c.sha(), "node_id", "C_" + c.sha(), "url", api + "/repos/" + r.fullName() + "/commits/" + c.sha(),
        "html_url", web + "/" + r.fullName() + "/commit/" + c.sha(),
        "commit", JSON.obj("author", author, "committer", committed, "message", c.message(), "comment_count", 0,
            "url", api + "/repos/" + r.fullName() + "/git/commits/" + c.sha()),
        "author", c.authorUser() == null ? null : user(c.authorUser()),
        "committer", committer == null ? null : user(committer), "parents", List.of());
  }

  ObjectNode review(Repo r, PullRequest p, Review v) {
    return JSON.obj("id", v.id(), "node_id", "PRR_" + v.id(), "user", user(v.author()), "body", "",
        "state", v.state(), "html_url", web + "/" + r.fullName() + "/pull/" + p.number() + "#pullrequestreview-" + v.id(),
        "pull_request_url", api + "/repos/" + r.fullName() + "/pulls/" + p.number(), "submitted_at", v.submittedAt(),
        "commit_id", p.headSha(), "author_association", v.author() == null ? "NONE" : "MEMBER");
  }

  ObjectNode reviewComment(Repo r, PullRequest p, ReviewComment c) {
    return JSON.obj("url", api + "/repos/" + r.fullName() + "/pulls/comments/" + c.id(), "pull_request_review_id", c.reviewId(),
        "id", c.id(), "node_id", "PRRC_" + c.id(), "diff_hunk", "@@ -1,3 +1,4 @@", "path", c.path(), "position", 1,
        "original_position", 1, "commit_id", p.headSha(), "original_commit_id", p.headSha(), "user", user(c.author()),
        "body", c.body(), "created_at", c.createdAt(), "updated_at", c.updatedAt(),
        "html_url", web + "/" + r.fullName() + "/pull/" + p.number() + "#discussion_r" + c.id(),
        "pull_request_url", api + "/repos/" + r.fullName() + "/pulls/" + p.number(),
        "author_association", c.author() == null ? "NONE" : "MEMBER", "line", 1, "side", "RIGHT");
  }

  ObjectNode issueComment(Repo r, PullRequest p, Comment c) {
    return JSON.obj("id", c.id(), "node_id", "IC_" + c.id(), "url", api + "/repos/" + r.fullName() + "/issues/comments/" + c.id(),
        "html_url", web + "/" + r.fullName() + "/pull/" + p.number() + "#issuecomment-" + c.id(), "body", c.body(),
        "user", user(c.author()), "created_at", c.createdAt(), "updated_at", c.updatedAt(),
        "issue_url", api + "/repos/" + r.fullName() + "/issues/" + p.number(),
        "author_association", c.author() == null ? "NONE" : "MEMBER");
  }

  static ObjectNode error(String message, String documentation, int status) {
    return JSON.obj("message", message, "documentation_url", documentation, "status", String.valueOf(status));
  }
}
