package agent.integrations.github;

import agent.rpcdef.http.ApiClient;
import agent.rpcdef.http.ApiRequest;
import agent.rpcdef.http.Pages;
import agent.rpcdef.model.Ids;
import agent.rpcdef.model.sourcecode.PullRequest;
import agent.rpcdef.model.sourcecode.PullRequestCommit;
import agent.rpcdef.model.sourcecode.PullRequestReview;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Pull requests through REST v3 only, for instances or tokens where GraphQL is restricted. The
 * repository's list gives the pull requests, 100 a request; each changed pull request then costs its
 * commits and its reviews (GitHub has no repository-wide list of either), and a merged one its own
 * record, the only place REST names who merged it. Conversation and review comments are listed per
 * repository ({@link RepoComments}), never per pull request.
 *
 * <p>The list is paged by position ({@code page=N}), newest-updated first. A pull request updated during
 * the walk moves to the front, which shifts the pages after it down by one: a pull request may be read
 * twice, never passed over (the moved one is newer than the token and the next export reads it).
 *
 * <p>REST's commit list has no line counts: a pull request commit's {@code additions} and {@code
 * deletions} are 0 in this mode (the same commits' {@code sourcecode.Commit} objects from the git
 * export have them).
 */
final class RestPullRequests implements PullRequestSource {
  /** GitHub lists at most this many commits of a pull request. */
  static final int MAX_LISTED_COMMITS = 250;

  private final ApiClient api;
  private final Accounts accounts;
  private final String customerId;

  RestPullRequests(ApiClient api, Accounts accounts, String customerId) {
    this.api = api;
    this.accounts = accounts;
    this.customerId = customerId;
  }

  @Override
  public Iterable<PullRequestData> pullRequests(RepoRef repo, Instant stopBefore) {
    Iterable<JsonNode> items = Pages.items(Pages.link(api, ApiRequest.get(repo.restPath() + "/pulls")
        .query("state", "all").query("sort", "updated").query("direction", "desc").query("per_page", 100)), "");
    return NewestFirst.until(items, "updated_at", stopBefore, (n, updated) -> map(repo, n, updated));
  }

  private PullRequestData map(RepoRef repo, JsonNode n, Instant updated) {
    int number = n.path("number").asInt();
    boolean merged = n.hasNonNull("merged_at");
    PullRequest.State s = merged ? PullRequest.State.MERGED
        : n.path("state").asText().equals("closed") ? PullRequest.State.CLOSED : PullRequest.State.OPEN;
    String refId = n.path("id").asText();
    String prId = Ids.of(customerId, GitHubIntegration.REF_TYPE, refId, repo.repoId());
    String path = repo.restPath() + "/pulls/" + number;

    List<PullRequestCommit> commits = new ArrayList<>();
    List<String> shas = new ArrayList<>();
    for (JsonNode c : Pages.items(Pages.link(api, ApiRequest.get(path + "/commits").query("per_page", 100)), "")) {
      String sha = c.path("sha").asText();
      shas.add(sha);
      JsonNode commit = c.path("commit");
      commits.add(PullRequestCommit.builder().customerId(customerId).refType(GitHubIntegration.REF_TYPE).refId(sha)
          .pullRequestId(prId).repoId(repo.repoId()).sha(sha).message(commit.path("message").asText())
          .authorRefId(linked(c.get("author"))).committerRefId(linked(c.get("committer")))
          .createdDate(Dates.of(commit.path("author"), "date")).build());
    }
    // The list leaves out merged_by and the commit count; only the pull request's own record has them.
    JsonNode single = merged || commits.size() >= MAX_LISTED_COMMITS ? api.get(path).json() : null;
    String mergedBy = merged ? accounts.rest(single.get("merged_by")) : null;
    int total = single == null ? commits.size() : Math.max(commits.size(), single.path("commits").asInt(0));
    PullRequest pr = PullRequest.builder()
        .customerId(customerId).refType(GitHubIntegration.REF_TYPE).refId(refId).repoId(repo.repoId())
        .title(n.path("title").asText()).description(Accounts.text(n, "body")).url(Accounts.text(n, "html_url"))
        .identifier(repo.fullName() + "#" + number).number(number).state(s).draft(n.path("draft").asBoolean())
        .locked(n.path("locked").asBoolean()).createdByRefId(accounts.rest(n.get("user")))
        .createdDate(Dates.of(n, "created_at")).updatedDate(Dates.of(n, "updated_at"))
        .mergedDate(merged ? Dates.of(n, "merged_at") : null)
        .closedDate(s == PullRequest.State.CLOSED ? Dates.of(n, "closed_at") : null)
        .mergedByRefId(mergedBy).mergeSha(merged ? Accounts.text(n, "merge_commit_sha") : null)
        .branchName(n.path("head").path("ref").asText()).baseBranchName(n.path("base").path("ref").asText())
        .commitShas(shas).build();

    List<PullRequestReview> reviews = new ArrayList<>();
    for (JsonNode r : Pages.items(Pages.link(api, ApiRequest.get(path + "/reviews").query("per_page", 100)), "")) {
      PullRequestReview.State rs = Reviews.state(r.path("state").asText());
      if (rs != null) {
        reviews.add(PullRequestReview.builder().customerId(customerId).refType(GitHubIntegration.REF_TYPE)
            .refId(r.path("id").asText()).pullRequestId(prId).repoId(repo.repoId()).state(rs)
            .userRefId(accounts.rest(r.get("user"))).createdDate(Dates.of(r, "submitted_at"))
            .url(Accounts.text(r, "html_url")).build());
      }
    }
    return new PullRequestData(pr, updated, n.path("head").path("sha").asText(), n.path("base").path("sha").asText(),
        total, commits, reviews, List.of());
  }

  /** A commit's linked account: null when git's author matches no account (not a deleted one). */
  private String linked(JsonNode user) {
    return user == null || user.isNull() ? null : accounts.rest(user);
  }
}
