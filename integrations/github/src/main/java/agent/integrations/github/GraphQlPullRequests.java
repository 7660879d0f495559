package agent.integrations.github;

import agent.rpcdef.http.GraphQl;
import agent.rpcdef.http.GraphQlPageSize;
import agent.rpcdef.model.Ids;
import agent.rpcdef.model.sourcecode.PullRequest;
import agent.rpcdef.model.sourcecode.PullRequestComment;
import agent.rpcdef.model.sourcecode.PullRequestCommit;
import agent.rpcdef.model.sourcecode.PullRequestReview;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pull requests through GraphQL: one query per page of pull requests with their commits, reviews and
 * conversation comments nested ({@link Queries#PULL_REQUESTS}), and follow-up queries only for the
 * connections of a pull request that overflow their nested page. A 502 or 504 on a heavy page halves
 * the page and continues.
 */
final class GraphQlPullRequests implements PullRequestSource {
  private final GraphQl gql;
  private final Accounts accounts;
  private final String customerId;
  private final GraphQlPageSize pullRequestPage = new GraphQlPageSize(50, 5);
  private final GraphQlPageSize followUpPage = new GraphQlPageSize(100, 10);

  GraphQlPullRequests(GraphQl gql, Accounts accounts, String customerId) {
    this.gql = gql;
    this.accounts = accounts;
    this.customerId = customerId;
  }

  @Override
  public Iterable<PullRequestData> pullRequests(RepoRef repo, Instant stopBefore) {
    Iterable<JsonNode> nodes = gql.nodes(Queries.PULL_REQUESTS, Map.of("owner", repo.owner(), "name", repo.name()),
        "/repository/pullRequests", pullRequestPage);
    return NewestFirst.until(nodes, "updatedAt", stopBefore, (n, updated) -> map(repo, n, updated));
  }

  private PullRequestData map(RepoRef repo, JsonNode n, Instant updated) {
    String state = n.path("state").asText();
    boolean merged = state.equals("MERGED");
    PullRequest.State s = merged ? PullRequest.State.MERGED
        : state.equals("CLOSED") ? PullRequest.State.CLOSED : PullRequest.State.OPEN;
    String nodeId = n.path("id").asText();

    String refId = n.path("fullDatabaseId").asText();
    // A pull request's id is derived as its builder would: its children need it before it is built.
    String prId = Ids.of(customerId, GitHubIntegration.REF_TYPE, refId, repo.repoId());
    List<PullRequestCommit> commits = new ArrayList<>();
    List<String> shas = new ArrayList<>();
    for (JsonNode c : all(n.path("commits"), nodeId, Queries.MORE_COMMITS, "/node/commits")) {
      JsonNode commit = c.path("commit");
      String sha = commit.path("oid").asText();
      shas.add(sha);
      commits.add(PullRequestCommit.builder().customerId(customerId).refType(GitHubIntegration.REF_TYPE).refId(sha)
          .pullRequestId(prId).repoId(repo.repoId()).sha(sha).message(commit.path("message").asText())
          .authorRefId(accounts.gitActor(commit.path("author").get("user")))
          .committerRefId(accounts.gitActor(commit.path("committer").get("user")))
          .createdDate(Dates.of(commit, "authoredDate")).additions(commit.path("additions").asInt())
          .deletions(commit.path("deletions").asInt()).build());
    }
    PullRequest pr = PullRequest.builder()
        .customerId(customerId).refType(GitHubIntegration.REF_TYPE).refId(refId)
        .repoId(repo.repoId()).title(n.path("title").asText()).description(Accounts.text(n, "body"))
        .url(Accounts.text(n, "url")).identifier(repo.fullName() + "#" + n.path("number").asInt())
        .number(n.path("number").asInt()).state(s).draft(n.path("isDraft").asBoolean())
        .locked(n.path("locked").asBoolean()).createdByRefId(accounts.graphQl(n.get("author")))
        .createdDate(Dates.of(n, "createdAt")).updatedDate(Dates.of(n, "updatedAt"))
        .mergedDate(merged ? Dates.of(n, "mergedAt") : null)
        .closedDate(s == PullRequest.State.CLOSED ? Dates.of(n, "closedAt") : null)
        .mergedByRefId(merged ? accounts.graphQl(n.get("mergedBy")) : null)
        .mergeSha(merged ? Accounts.text(n.path("mergeCommit"), "oid") : null)
        .branchName(n.path("headRefName").asText()).baseBranchName(n.path("baseRefName").asText())
        .commitShas(shas).build();

    List<PullRequestReview> reviews = new ArrayList<>();
    for (JsonNode r : all(n.path("reviews"), nodeId, Queries.MORE_REVIEWS, "/node/reviews")) {
      PullRequestReview.State rs = Reviews.state(r.path("state").asText());
      if (rs != null) {
        reviews.add(PullRequestReview.builder().customerId(customerId).refType(GitHubIntegration.REF_TYPE)
            .refId(r.path("fullDatabaseId").asText()).pullRequestId(pr.id()).repoId(repo.repoId()).state(rs)
            .userRefId(accounts.graphQl(r.get("author"))).createdDate(Dates.of(r, "submittedAt"))
            .url(Accounts.text(r, "url")).build());
      }
    }
    List<PullRequestComment> comments = new ArrayList<>();
    for (JsonNode c : all(n.path("comments"), nodeId, Queries.MORE_COMMENTS, "/node/comments")) {
      comments.add(PullRequestComment.builder().customerId(customerId).refType(GitHubIntegration.REF_TYPE)
          .refId(c.path("fullDatabaseId").asText()).pullRequestId(pr.id()).repoId(repo.repoId())
          .body(c.path("body").asText()).userRefId(accounts.graphQl(c.get("author")))
          .createdDate(Dates.of(c, "createdAt")).updatedDate(Dates.of(c, "updatedAt")).url(Accounts.text(c, "url"))
          .build());
    }
    int total = Math.max(n.path("commits").path("totalCount").asInt(commits.size()), commits.size());
    return new PullRequestData(pr, updated, n.path("headRefOid").asText(), n.path("baseRefOid").asText(), total,
        commits, reviews, comments);
  }

  /** The nested page's nodes, then the rest of the connection when it overflowed, one follow-up query per page. */
  private List<JsonNode> all(JsonNode connection, String pullRequestNodeId, String followUp, String path) {
    List<JsonNode> out = new ArrayList<>();
    connection.path("nodes").forEach(out::add);
    JsonNode info = connection.path("pageInfo");
    if (info.path("hasNextPage").asBoolean(false) && info.hasNonNull("endCursor")) {
      Map<String, Object> vars = new HashMap<>();
      vars.put("id", pullRequestNodeId);
      vars.put("after", info.get("endCursor").asText());
      for (JsonNode more : gql.nodes(followUp, vars, path, followUpPage)) {
        out.add(more);
      }
    }
    return out;
  }
}
