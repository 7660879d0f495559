package agent.rpcdef.model.sourcecode;

import agent.rpcdef.model.Date;
import agent.rpcdef.model.ExportedObject;
import agent.rpcdef.model.Ids;
import agent.rpcdef.model.ModelBuilder;
import java.util.Objects;

/**
 * A commit as part of a pull request ({@code sourcecode.PullRequestCommit}). The same commit in two
 * pull requests is two objects. Its {@code ref_id} is the commit sha.
 *
 * <p>{@code id} = {@code Ids.of(customerId, refType, refId, pullRequestId)}; derived when not given.
 * {@code hashcode} is computed from every other component, none left out ({@link
 * ExportedObject#hashcode}).
 *
 * @param pullRequestId the {@code id} of the {@link PullRequest}
 * @param repoId the {@code id} of the {@link Repo}
 * @param sha the full commit sha (40 hex characters for git)
 * @param message the commit message
 * @param authorRefId the {@code ref_id} of the {@link User} who wrote the change, if known
 * @param committerRefId the {@code ref_id} of the {@link User} who committed it, if known
 * @param createdDate the author date, with the author's UTC offset
 * @param additions lines added
 * @param deletions lines deleted
 */
@ModelBuilder
public record PullRequestCommit(
    String id,
    String refId,
    String refType,
    String customerId,
    String pullRequestId,
    String repoId,
    String sha,
    String message,
    String authorRefId,
    String committerRefId,
    Date createdDate,
    int additions,
    int deletions) implements ExportedObject {

  public static final String MODEL = "sourcecode.PullRequestCommit";

  /** A builder: name each field, leave {@code id} unset to have it derived. */
  public static PullRequestCommitBuilder builder() {
    return PullRequestCommitBuilder.builder();
  }

  public PullRequestCommit {
    Objects.requireNonNull(refId, "sourcecode.PullRequestCommit needs a ref_id");
    Objects.requireNonNull(refType, "sourcecode.PullRequestCommit needs a ref_type");
    Objects.requireNonNull(customerId, "sourcecode.PullRequestCommit needs a customer_id");
    Objects.requireNonNull(pullRequestId, "sourcecode.PullRequestCommit needs a pull_request_id");
    if (id == null) {
      id = Ids.of(customerId, refType, refId, pullRequestId);
    }
  }
}
