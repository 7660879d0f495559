package agent.integrations.gitlab;

import agent.rpcdef.AgentException;
import agent.rpcdef.ExportCancelledException;
import agent.rpcdef.ExportContext;
import agent.rpcdef.GitRepo;
import agent.rpcdef.IntegrationException;
import agent.rpcdef.ModelSession;
import agent.rpcdef.TrackingSession;
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
 * One project's merge requests and their children, then its git history.
 *
 * <p>Incremental: the merge-request session's token ({@link ProjectToken}) holds the largest {@code
 * updated_at} GitLab reported. The next export lists the merge requests updated after it minus
 * {@link #OVERLAP} (GitLab's clock, never the local one), newest first, and reads the children of
 * each one that changed; one it already exported at the same {@code updated_at} costs nothing more.
 * An unchanged project costs one request.
 *
 * <p>Sessions: {@code repo/<group/name>} with the model sessions of the merge requests and their
 * children under it, and the host's commit and branch sessions under it too. Each model session is
 * done (its token staged) only once everything of the project was read: a failure leaves the old
 * tokens, and the next export reads the same merge requests again.
 */
final class ProjectExport {
  /** How far before the token the list reaches, for writes GitLab had not committed by the last export. */
  static final Duration OVERLAP = Duration.ofMinutes(2);

  private final ExportContext ctx;
  private final MergeRequests mergeRequests;
  private final GitLabConfig config;
  private final Supplier<String> gitToken;

  ProjectExport(ExportContext ctx, MergeRequests mergeRequests, GitLabConfig config, Supplier<String> gitToken) {
    this.ctx = ctx;
    this.mergeRequests = mergeRequests;
    this.config = config;
    this.gitToken = gitToken;
  }

  void export(TrackingSession projectSession, ProjectRef project, JsonNode p) {
    ModelSession prs = projectSession.model(PullRequest.MODEL);
    ModelSession reviews = projectSession.model(PullRequestReview.MODEL);
    ModelSession comments = projectSession.model(PullRequestComment.MODEL);
    ModelSession commits = projectSession.model(PullRequestCommit.MODEL);
    ProjectToken token = ProjectToken.parse(prs.lastProcessed());
    Instant after = token.updatedAt() == null ? null : token.updatedAt().minus(OVERLAP);

    Instant newest = token.updatedAt();
    Map<Integer, Instant> seen = new HashMap<>();
    List<GitRepo.PullRequestHead> heads = new ArrayList<>();
    int read = 0;
    int listed = 0;
    for (JsonNode mr : mergeRequests.list(project, after)) {
      listed++;
      int iid = mr.path("iid").asInt();
      Instant updated = Fields.instant(mr, "updated_at");
      if (updated == null || updated.equals(seen.get(iid)) || token.seen(iid, updated)) {
        continue; // Exported already: at this updated_at by the last export, or earlier in this walk.
      }
      MergeRequestData d = mergeRequests.read(project, mr);
      prs.send(d.pr());
      d.reviews().forEach(reviews::send);
      d.comments().forEach(comments::send);
      d.commits().forEach(commits::send);
      seen.put(iid, updated);
      if (!d.headSha().isEmpty()) {
        heads.add(new GitRepo.PullRequestHead(d.pr().id(), d.pr().refId(), d.pr().branchName(), d.headSha()));
      }
      if (newest == null || updated.isAfter(newest)) {
        newest = updated;
      }
      projectSession.progress(++read, 0);
    }
    commits.done();
    comments.done();
    reviews.done();
    prs.done(ProjectToken.after(token, newest, seen, OVERLAP).toJson());
    long gitCommits = git(projectSession, project, p, heads);
    ctx.log().info("project exported", "project", project.fullPath(), "merge_requests", read,
        "unchanged", listed - read, "comments", comments.sent(), "commits", gitCommits);
  }

  /** The git history through the host; an empty repository has none. */
  private long git(TrackingSession projectSession, ProjectRef project, JsonNode p, List<GitRepo.PullRequestHead> heads) {
    String cloneUrl = Fields.text(p, "http_url_to_repo");
    if (!config.git() || cloneUrl == null || p.path("empty_repo").asBoolean(false) || !p.hasNonNull("default_branch")) {
      return 0;
    }
    String web = Fields.text(p, "web_url");
    GitRepo.Builder b = GitRepo.builder(cloneUrl).repo(project.fullPath(), project.repoId(), GitLabIntegration.REF_TYPE);
    if (web != null) {
      b.commitUrlTemplate(web + "/-/commit/{sha}").branchUrlTemplate(web + "/-/tree/{branch}");
    }
    if (cloneUrl.startsWith("https://") || cloneUrl.startsWith("http://")) {
      // The token goes as a credential of the fetch, never into the URL, a log line or a command line.
      b.credentials("oauth2", gitToken.get());
    }
    heads.forEach(b::pullRequest);
    try {
      return ctx.exportGitRepo(projectSession, b.build()).commits();
    } catch (ExportCancelledException | AgentException e) {
      throw e;
    } catch (IntegrationException e) {
      // The host aborted the history's sessions, so their tokens stay: the next export fetches it again.
      ctx.log().warn("git history not exported; the next export tries again", "project", project.fullPath(),
          "error", e.getMessage());
      return 0;
    }
  }
}
