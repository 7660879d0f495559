package agent.integrations.gitlab;

import agent.rpcdef.model.sourcecode.PullRequest;
import agent.rpcdef.model.sourcecode.PullRequestComment;
import agent.rpcdef.model.sourcecode.PullRequestCommit;
import agent.rpcdef.model.sourcecode.PullRequestReview;
import java.time.Instant;
import java.util.List;

/** One merge request as exported, with its children; {@code headSha} is empty when GitLab reports none. */
record MergeRequestData(PullRequest pr, int iid, Instant updatedAt, String headSha, List<PullRequestReview> reviews,
    List<PullRequestComment> comments, List<PullRequestCommit> commits) {}
