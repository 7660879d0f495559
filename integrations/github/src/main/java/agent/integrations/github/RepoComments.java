package agent.integrations.github;

import agent.rpcdef.http.ApiClient;
import agent.rpcdef.http.ApiRequest;
import agent.rpcdef.http.NotFoundException;
import agent.rpcdef.http.Pages;
import agent.rpcdef.model.Ids;
import agent.rpcdef.model.sourcecode.PullRequestComment;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A repository's comments through its repository-wide REST lists, 100 a request, filtered with
 * {@code since}: review comments (on lines of a diff) in both modes, since nesting them in GraphQL
 * would cost a request per review of every pull request, and conversation comments in REST mode.
 * A comment usually belongs to a pull request of this export's walk (a new comment makes its pull
 * request newer); for one that does not (an edit may not), its pull request's id is asked for once.
 */
final class RepoComments {
  private final ApiClient api;
  private final Accounts accounts;
  private final String customerId;

  RepoComments(ApiClient api, Accounts accounts, String customerId) {
    this.api = api;
    this.accounts = accounts;
    this.customerId = customerId;
  }

  /** What a listing sent and skipped. */
  record Counts(int sent, int skipped) {}

  /** Review comments updated at or after {@code since} (null: all), for the pull requests in {@code prIds} (number to id). */
  Counts reviewComments(RepoRef repo, Instant since, Map<Integer, String> prIds, Consumer<PullRequestComment> out) {
    return list(repo.restPath() + "/pulls/comments", "pull_request_url", since, repo, prIds, out, true);
  }

  /** Conversation comments of pull requests (not of issues) updated at or after {@code since}. */
  Counts conversationComments(RepoRef repo, Instant since, Map<Integer, String> prIds, Consumer<PullRequestComment> out) {
    return list(repo.restPath() + "/issues/comments", "issue_url", since, repo, prIds, out, false);
  }

  private Counts list(String path, String parentUrlField, Instant since, RepoRef repo, Map<Integer, String> prIds,
      Consumer<PullRequestComment> out, boolean review) {
    ApiRequest first = ApiRequest.get(path).query("sort", "updated").query("direction", "asc").query("per_page", 100);
    if (since != null) {
      first = first.query("since", since.toString());
    }
    int sent = 0;
    int skipped = 0;
    for (JsonNode c : Pages.items(Pages.link(api, first), "")) {
      Integer number = number(c.path(parentUrlField).asText(""));
      if (number == null || (!review && !c.path("html_url").asText("").contains("/pull/"))) {
        // An issue's comment: the repository's issue comments mix both.
        skipped++;
        continue;
      }
      String prId = prIds.computeIfAbsent(number, n -> pullRequestId(repo, n));
      if (prId == null) {
        skipped++;
        continue;
      }
      String reviewId = review && c.hasNonNull("pull_request_review_id") ? c.get("pull_request_review_id").asText() : null;
      out.accept(PullRequestComment.builder().customerId(customerId).refType(GitHubIntegration.REF_TYPE)
          .refId(c.path("id").asText()).pullRequestId(prId).repoId(repo.repoId()).body(c.path("body").asText())
          .userRefId(accounts.rest(c.get("user"))).createdDate(Dates.of(c, "created_at"))
          .updatedDate(Dates.of(c, "updated_at")).url(Accounts.text(c, "html_url")).reviewRefId(reviewId).build());
      sent++;
    }
    return new Counts(sent, skipped);
  }

  /**
   * The id of pull request {@code number}, which this export's walk did not read (a comment edited
   * without making its pull request newer): one request, rare. Null when it is gone.
   */
  private String pullRequestId(RepoRef repo, int number) {
    try {
      String refId = api.get(repo.restPath() + "/pulls/" + number).json().path("id").asText("");
      return refId.isEmpty() ? null : Ids.of(customerId, GitHubIntegration.REF_TYPE, refId, repo.repoId());
    } catch (NotFoundException e) {
      return null;
    }
  }

  /** The number at the end of {@code .../pulls/7} or {@code .../issues/7}, or null. */
  static Integer number(String url) {
    int slash = url.lastIndexOf('/');
    try {
      return slash < 0 ? null : Integer.valueOf(url.substring(slash + 1));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
