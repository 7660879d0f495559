package agent.integrations.github;

import agent.rpcdef.AgentException;
import agent.rpcdef.ExportCancelledException;
import agent.rpcdef.ExportContext;
import agent.rpcdef.IntegrationException;
import agent.rpcdef.GitRepo;
import agent.rpcdef.ModelSession;
import agent.rpcdef.TrackingSession;
import agent.rpcdef.http.ApiClient;
import agent.rpcdef.http.ApiRequest;
import agent.rpcdef.http.ApiResponse;
import agent.rpcdef.model.sourcecode.PullRequest;
import agent.rpcdef.model.sourcecode.PullRequestComment;
import agent.rpcdef.model.sourcecode.PullRequestCommit;
import agent.rpcdef.model.sourcecode.PullRequestReview;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One repository's pull requests and their children, then its git history.
 *
 * <p>Incremental: the pull-request session's token holds the largest {@code updated_at} GitHub
 * reported and the ETag of a one-item probe of the repository's pull requests, newest-updated first.
 * The next export asks the probe with {@code If-None-Match}: a 304 (free on GitHub) means nothing
 * changed and the repository costs nothing more. Otherwise the pull requests are read newest-updated
 * first down to the token minus {@link #OVERLAP} (GitHub's clocks, never the local one), each one
 * that changed exported again with all its children, and the comments listed {@code since} that time.
 *
 * <p>Sessions: {@code repo/<owner/name>} with the model sessions of the pull requests and their
 * children under it, and the host's commit and branch sessions under it too. Each model session is
 * done (its token staged) only once everything of the repository was read: a failure leaves the old
 * tokens, and the next export reads the same pull requests again.
 */
final class RepoExport {
  /** How far before the token the walk reaches, for writes GitHub had not indexed by the last export. */
  static final Duration OVERLAP = Duration.ofMinutes(2);

  private final ExportContext ctx;
  private final ApiClient rest;
  private final PullRequestSource source;
  private final RepoComments comments;
  private final GitHubConfig config;
  private final Supplier<String> gitToken;

  RepoExport(ExportContext ctx, ApiClient rest, PullRequestSource source, RepoComments comments, GitHubConfig config,
      Supplier<String> gitToken) {
    this.ctx = ctx;
    this.rest = rest;
    this.source = source;
    this.comments = comments;
    this.config = config;
    this.gitToken = gitToken;
  }

  void export(TrackingSession repoSession, RepoRef repo, String cloneUrl, boolean empty) {
    ModelSession prs = repoSession.model(PullRequest.MODEL);
    RepoToken token = RepoToken.parse(prs.lastProcessed());
    ApiRequest probe = ApiRequest.get(repo.restPath() + "/pulls").query("state", "all").query("sort", "updated")
        .query("direction", "desc").query("per_page", 1);
    if (token.etag() != null) {
      probe = probe.header("If-None-Match", token.etag());
    }
    ApiResponse probed = rest.send(probe);
    if (probed.notModified()) {
      prs.done(token.toJson());
      git(repoSession, repo, cloneUrl, empty, List.of());
      return;
    }
    String etag = probed.header("ETag");
    Instant newest = token.updatedAt();
    JsonNode first = probed.json().path(0);
    Instant probedNewest = first.isObject() ? Dates.instant(first, "updated_at") : null;
    if (probedNewest == null || (newest != null && !probedNewest.isAfter(newest))) {
      // No pull request at all, or a changed ETag with nothing newer (a reaction, a label): nothing to read.
      prs.done(new RepoToken(newest, etag).toJson());
      git(repoSession, repo, cloneUrl, empty, List.of());
      return;
    }

    Instant stopBefore = token.updatedAt() == null ? null : token.updatedAt().minus(OVERLAP);
    ModelSession reviews = repoSession.model(PullRequestReview.MODEL);
    ModelSession commentSession = repoSession.model(PullRequestComment.MODEL);
    ModelSession prCommits = repoSession.model(PullRequestCommit.MODEL);
    Map<Integer, String> prIds = new HashMap<>();
    List<GitRepo.PullRequestHead> heads = new ArrayList<>();
    int n = 0;
    for (PullRequestData d : source.pullRequests(repo, stopBefore)) {
      prs.send(d.pr());
      d.reviews().forEach(reviews::send);
      d.comments().forEach(commentSession::send);
      d.commits().forEach(prCommits::send);
      prIds.put(d.pr().number(), d.pr().id());
      if (d.commitsCapped() && config.git()) {
        // GitHub lists 250 commits at most: the host sends the others from the head back to the base.
        ctx.log().info("pull request lists only part of its commits; the rest come from git", "pull_request",
            d.pr().identifier(), "listed", d.commits().size(), "total", d.commitTotal());
        heads.add(new GitRepo.PullRequestHead(d.pr().id(), d.pr().refId(), d.pr().branchName(), d.headSha(),
            d.baseSha(), d.pr().commitShas()));
      } else {
        heads.add(new GitRepo.PullRequestHead(d.pr().id(), d.pr().refId(), d.pr().branchName(), d.headSha()));
      }
      if (newest == null || d.updatedAt().isAfter(newest)) {
        newest = d.updatedAt();
      }
      repoSession.progress(++n, 0);
    }
    RepoComments.Counts review = comments.reviewComments(repo, stopBefore, prIds, commentSession::send);
    if (config.mode() == GitHubConfig.Mode.REST) {
      comments.conversationComments(repo, stopBefore, prIds, commentSession::send);
    }
    if (review.skipped() > 0) {
      ctx.log().debug("review comments of pull requests outside this walk skipped", "repo", repo.fullName(),
          "skipped", review.skipped());
    }
    prCommits.done();
    commentSession.done();
    reviews.done();
    prs.done(new RepoToken(newest, etag).toJson());
    long commits = git(repoSession, repo, cloneUrl, empty, heads);
    ctx.log().info("repository exported", "repo", repo.fullName(), "pull_requests", n,
        "comments", commentSession.sent(), "commits", commits);
  }

  /** The git history through the host; an empty repository has none. */
  private long git(TrackingSession repoSession, RepoRef repo, String cloneUrl, boolean empty,
      List<GitRepo.PullRequestHead> heads) {
    if (!config.git() || empty || cloneUrl == null) {
      return 0;
    }
    GitRepo.Builder b = GitRepo.builder(cloneUrl).repo(repo.fullName(), repo.repoId(), GitHubIntegration.REF_TYPE)
        .commitUrlTemplate(webUrl(repo) + "/commit/{sha}").branchUrlTemplate(webUrl(repo) + "/tree/{branch}");
    if (cloneUrl.startsWith("https://") || cloneUrl.startsWith("http://")) {
      // The token goes as a credential of the fetch, never into the URL, a log line or a command line.
      b.credentials("x-access-token", gitToken.get());
    }
    heads.forEach(b::pullRequest);
    try {
      return ctx.exportGitRepo(repoSession, b.build()).commits();
    } catch (ExportCancelledException | AgentException e) {
      throw e;
    } catch (IntegrationException e) {
      // The host aborted the history's sessions, so their tokens stay: the next export fetches it again.
      ctx.log().warn("git history not exported; the next export tries again", "repo", repo.fullName(),
          "error", e.getMessage());
      return 0;
    }
  }

  private String webUrl(RepoRef repo) {
    return GitHubConfig.webUrl(config.restUrl()) + "/" + repo.fullName();
  }
}
