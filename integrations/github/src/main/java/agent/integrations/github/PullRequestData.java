package agent.integrations.github;

import agent.rpcdef.model.sourcecode.PullRequest;
import agent.rpcdef.model.sourcecode.PullRequestComment;
import agent.rpcdef.model.sourcecode.PullRequestCommit;
import agent.rpcdef.model.sourcecode.PullRequestReview;
import java.time.Instant;
import java.util.List;

/**
 * One pull request with its children, as either API gave them.
 *
 * @param pr the pull request
 * @param updatedAt when it last changed, as GitHub says (the repository's token is the largest seen)
 * @param headSha its head commit
 * @param baseSha its base commit
 * @param commitTotal how many commits it has; more than {@code commits} when GitHub's list stopped at 250
 * @param commits its commits, oldest first, as far as GitHub lists them
 * @param reviews its submitted reviews (pending ones are never exported)
 * @param comments its conversation comments; empty in REST mode, which lists them per repository
 */
record PullRequestData(PullRequest pr, Instant updatedAt, String headSha, String baseSha, int commitTotal,
    List<PullRequestCommit> commits, List<PullRequestReview> reviews, List<PullRequestComment> comments) {

  /** True when GitHub listed fewer commits than the pull request has (its lists stop at 250). */
  boolean commitsCapped() {
    return commitTotal > commits.size();
  }
}
