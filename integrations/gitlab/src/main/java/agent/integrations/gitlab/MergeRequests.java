package agent.integrations.gitlab;

import agent.rpcdef.http.ApiClient;
import agent.rpcdef.http.ApiRequest;
import agent.rpcdef.http.Pages;
import agent.rpcdef.model.Date;
import agent.rpcdef.model.Ids;
import agent.rpcdef.model.sourcecode.PullRequest;
import agent.rpcdef.model.sourcecode.PullRequestComment;
import agent.rpcdef.model.sourcecode.PullRequestCommit;
import agent.rpcdef.model.sourcecode.PullRequestReview;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A project's merge requests and, for each one read, its commits, approvals and notes: three lists
 * (more pages for long ones), since GitLab's REST API has no project-wide list of any of them.
 *
 * <p>The merge requests are listed newest-updated first with {@code updated_after}. Offset pages over
 * a list that changes while it is read: a merge request updated during the walk moves to the front,
 * which shifts the pages after it down by one, so one may be read twice, never passed over (and the
 * moved one is newer than the token, so the next export reads it).
 *
 * <p>Approvals: GitLab's approvals list is the current set; an approval's time is its {@code
 * approved_at} where the instance reports one, else the time of the approver's last "approved this
 * merge request" system note, else the merge request's {@code updated_at}. An approval the system
 * notes show that is no longer in the list (withdrawn, or reset by a push) is exported as {@code
 * dismissed}, under the same {@code ref_id}.
 */
final class MergeRequests {
  static final String APPROVED_NOTE = "approved this merge request";

  private final ApiClient api;
  private final Accounts accounts;
  private final String customerId;

  MergeRequests(ApiClient api, Accounts accounts, String customerId) {
    this.api = api;
    this.accounts = accounts;
    this.customerId = customerId;
  }

  /** The merge requests updated at or after {@code after} (all when null), newest-updated first, lazily. */
  Iterable<JsonNode> list(ProjectRef project, Instant after) {
    ApiRequest first = ApiRequest.get(project.apiPath() + "/merge_requests").query("state", "all").query("scope", "all")
        .query("order_by", "updated_at").query("sort", "desc").query("per_page", 100);
    if (after != null) {
      first = first.query("updated_after", after.toString());
    }
    return Pages.items(Pages.nextPageHeader(api, first), "");
  }

  /** Reads the children of merge request {@code mr} and maps it all. */
  MergeRequestData read(ProjectRef project, JsonNode mr) {
    int iid = mr.path("iid").asInt();
    String refId = mr.path("id").asText();
    String prId = Ids.of(customerId, GitLabIntegration.REF_TYPE, refId, project.repoId());
    String path = project.apiPath() + "/merge_requests/" + iid;

    // GitLab lists a merge request's commits newest first; the export wants them oldest first.
    List<PullRequestCommit> commits = new ArrayList<>();
    List<String> shas = new ArrayList<>();
    for (JsonNode c : Pages.items(Pages.nextPageHeader(api, ApiRequest.get(path + "/commits").query("per_page", 100)), "")) {
      String sha = c.path("id").asText();
      shas.add(sha);
      commits.add(PullRequestCommit.builder().customerId(customerId).refType(GitLabIntegration.REF_TYPE).refId(sha)
          .pullRequestId(prId).repoId(project.repoId()).sha(sha).message(c.path("message").asText())
          .createdDate(Fields.date(c, "authored_date")).build());
    }
    Collections.reverse(commits);
    Collections.reverse(shas);

    String web = Fields.text(mr, "web_url");
    List<PullRequestComment> comments = new ArrayList<>();
    Map<String, Instant> approvalNotes = new HashMap<>();
    ApiRequest notes = ApiRequest.get(path + "/notes").query("sort", "asc").query("order_by", "created_at").query("per_page", 100);
    for (JsonNode n : Pages.items(Pages.nextPageHeader(api, notes), "")) {
      if (n.path("system").asBoolean()) {
        if (n.path("body").asText().trim().equals(APPROVED_NOTE)) {
          String approver = accounts.user(n.get("author"));
          if (approver != null) {
            approvalNotes.put(approver, Fields.instant(n, "created_at"));
          }
        }
        continue;
      }
      comments.add(PullRequestComment.builder().customerId(customerId).refType(GitLabIntegration.REF_TYPE)
          .refId(n.path("id").asText()).pullRequestId(prId).repoId(project.repoId()).body(n.path("body").asText())
          .userRefId(accounts.user(n.get("author"))).createdDate(Fields.date(n, "created_at"))
          .updatedDate(Fields.date(n, "updated_at")).url(web == null ? null : web + "#note_" + n.path("id").asText())
          .build());
    }

    Map<String, PullRequestReview> reviews = new LinkedHashMap<>();
    Date updated = Fields.date(mr, "updated_at");
    for (JsonNode a : api.get(path + "/approvals").json().path("approved_by")) {
      String user = accounts.user(a.get("user"));
      if (user == null) {
        continue;
      }
      Date at = Fields.date(a, "approved_at");
      if (at == null && approvalNotes.containsKey(user)) {
        at = Date.of(approvalNotes.get(user));
      }
      reviews.put(user, review(project, prId, user, PullRequestReview.State.APPROVED, at == null ? updated : at));
    }
    approvalNotes.forEach((user, at) -> {
      if (!reviews.containsKey(user)) {
        reviews.put(user, review(project, prId, user, PullRequestReview.State.DISMISSED, Date.of(at)));
      }
    });

    PullRequest pr = pullRequest(project, mr, refId, shas);
    return new MergeRequestData(pr, iid, Fields.instant(mr, "updated_at"), mr.path("sha").asText(""),
        new ArrayList<>(reviews.values()), comments, commits);
  }

  private PullRequest pullRequest(ProjectRef project, JsonNode mr, String refId, List<String> shas) {
    String state = mr.path("state").asText();
    // "locked" is GitLab's brief state while a merge runs: still open.
    PullRequest.State s = switch (state) {
      case "merged" -> PullRequest.State.MERGED;
      case "closed" -> PullRequest.State.CLOSED;
      default -> PullRequest.State.OPEN;
    };
    int iid = mr.path("iid").asInt();
    JsonNode mergedBy = mr.hasNonNull("merge_user") ? mr.get("merge_user") : mr.get("merged_by");
    String identifier = mr.path("references").hasNonNull("full") ? mr.path("references").path("full").asText()
        : project.fullPath() + "!" + iid;
    return PullRequest.builder()
        .customerId(customerId).refType(GitLabIntegration.REF_TYPE).refId(refId).repoId(project.repoId())
        .title(mr.path("title").asText()).description(Fields.text(mr, "description")).url(Fields.text(mr, "web_url"))
        .identifier(identifier).number(iid).state(s)
        .draft(mr.path("draft").asBoolean(mr.path("work_in_progress").asBoolean()))
        .locked(mr.path("discussion_locked").asBoolean(false)).createdByRefId(accounts.user(mr.get("author")))
        .createdDate(Fields.date(mr, "created_at")).updatedDate(Fields.date(mr, "updated_at"))
        .mergedDate(s == PullRequest.State.MERGED ? Fields.date(mr, "merged_at") : null)
        .closedDate(s == PullRequest.State.CLOSED ? Fields.date(mr, "closed_at") : null)
        .mergedByRefId(s == PullRequest.State.MERGED ? accounts.user(mergedBy) : null)
        .mergeSha(s == PullRequest.State.MERGED ? mergeSha(mr) : null)
        .branchName(mr.path("source_branch").asText()).baseBranchName(mr.path("target_branch").asText())
        .commitShas(shas).build();
  }

  /**
   * The commit a merge put on the target branch: the merge commit; with squash and a fast-forward
   * merge, the squash commit; with a plain fast-forward merge, the head.
   */
  static String mergeSha(JsonNode mr) {
    String merge = Fields.text(mr, "merge_commit_sha");
    if (merge != null) {
      return merge;
    }
    String squash = Fields.text(mr, "squash_commit_sha");
    return squash != null ? squash : Fields.text(mr, "sha");
  }

  private PullRequestReview review(ProjectRef project, String prId, String user, PullRequestReview.State state, Date at) {
    // One object per approver: withdrawing an approval changes its state, not its identity.
    return PullRequestReview.builder().customerId(customerId).refType(GitLabIntegration.REF_TYPE)
        .refId("approval-" + user).pullRequestId(prId).repoId(project.repoId()).state(state).userRefId(user)
        .createdDate(at).build();
  }
}
