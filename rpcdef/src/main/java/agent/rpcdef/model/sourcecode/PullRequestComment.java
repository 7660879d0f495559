package agent.rpcdef.model.sourcecode;

import agent.rpcdef.model.Date;
import agent.rpcdef.model.Hashcode;
import agent.rpcdef.model.Ids;
import java.util.Objects;

/**
 * A comment on a pull request ({@code sourcecode.PullRequestComment}), in its conversation or on a
 * line of its diff.
 *
 * <p>{@code id} = {@code Ids.of(customerId, refType, refId, pullRequestId)}; {@code hashcode} covers
 * every other field. Both are derived when passed null.
 *
 * @param pullRequestId the {@code id} of the {@link PullRequest}
 * @param repoId the {@code id} of the {@link Repo}
 * @param body the text of the comment
 * @param userRefId the {@code ref_id} of the commenting {@link User}
 * @param createdDate when the comment was written
 * @param updatedDate when the comment was last edited (its creation time if never edited)
 * @param url the comment's web page
 */
public record PullRequestComment(
    String id,
    String refId,
    String refType,
    String customerId,
    String hashcode,
    String pullRequestId,
    String repoId,
    String body,
    String userRefId,
    Date createdDate,
    Date updatedDate,
    String url) {

  public static final String MODEL = "sourcecode.PullRequestComment";

  public PullRequestComment {
    Objects.requireNonNull(refId, "sourcecode.PullRequestComment needs a ref_id");
    Objects.requireNonNull(refType, "sourcecode.PullRequestComment needs a ref_type");
    Objects.requireNonNull(customerId, "sourcecode.PullRequestComment needs a customer_id");
    Objects.requireNonNull(pullRequestId, "sourcecode.PullRequestComment needs a pull_request_id");
    if (id == null) {
      id = Ids.of(customerId, refType, refId, pullRequestId);
    }
    if (hashcode == null) {
      hashcode = Hashcode.of(refId, refType, customerId, pullRequestId, repoId, body, userRefId, createdDate,
          updatedDate, url);
    }
  }

  /** A comment with its {@code id} and {@code hashcode} derived. */
  public static PullRequestComment of(String customerId, String refType, String refId, String pullRequestId,
      String repoId, String body, String userRefId, Date createdDate, Date updatedDate, String url) {
    return new PullRequestComment(null, refId, refType, customerId, null, pullRequestId, repoId, body, userRefId,
        createdDate, updatedDate, url);
  }
}
