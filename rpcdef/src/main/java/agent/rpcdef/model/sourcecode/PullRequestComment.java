package agent.rpcdef.model.sourcecode;

import agent.rpcdef.model.Date;
import agent.rpcdef.model.ExportedObject;
import agent.rpcdef.model.Ids;
import agent.rpcdef.model.ModelBuilder;
import java.util.Objects;

/**
 * A comment on a pull request ({@code sourcecode.PullRequestComment}), in its conversation or on a
 * line of its diff.
 *
 * <p>{@code id} = {@code Ids.of(customerId, refType, refId, pullRequestId)}; derived when not given.
 * {@code hashcode} is computed from every other component, none left out ({@link
 * ExportedObject#hashcode}).
 *
 * @param pullRequestId the {@code id} of the {@link PullRequest}
 * @param repoId the {@code id} of the {@link Repo}
 * @param body the text of the comment
 * @param userRefId the {@code ref_id} of the commenting {@link User}
 * @param createdDate when the comment was written
 * @param updatedDate when the comment was last edited (its creation time if never edited)
 * @param url the comment's web page
 * @param reviewRefId for a comment on a line of the diff, the {@code ref_id} of the {@link
 *     PullRequestReview} it belongs to; absent for a comment in the conversation
 */
@ModelBuilder
public record PullRequestComment(
    String id,
    String refId,
    String refType,
    String customerId,
    String pullRequestId,
    String repoId,
    String body,
    String userRefId,
    Date createdDate,
    Date updatedDate,
    String url,
    String reviewRefId) implements ExportedObject {

  public static final String MODEL = "sourcecode.PullRequestComment";

  /** A builder: name each field, leave {@code id} unset to have it derived. */
  public static PullRequestCommentBuilder builder() {
    return PullRequestCommentBuilder.builder();
  }

  public PullRequestComment {
    Objects.requireNonNull(refId, "sourcecode.PullRequestComment needs a ref_id");
    Objects.requireNonNull(refType, "sourcecode.PullRequestComment needs a ref_type");
    Objects.requireNonNull(customerId, "sourcecode.PullRequestComment needs a customer_id");
    Objects.requireNonNull(pullRequestId, "sourcecode.PullRequestComment needs a pull_request_id");
    if (id == null) {
      id = Ids.of(customerId, refType, refId, pullRequestId);
    }
  }
}
