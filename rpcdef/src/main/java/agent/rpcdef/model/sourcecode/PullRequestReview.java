package agent.rpcdef.model.sourcecode;

import agent.rpcdef.model.Date;
import agent.rpcdef.model.Hashcode;
import agent.rpcdef.model.Ids;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;

/**
 * A review of a pull request ({@code sourcecode.PullRequestReview}): an approval, a request for
 * changes or a review with comments only.
 *
 * <p>{@code id} = {@code Ids.of(customerId, refType, refId, pullRequestId)}; {@code hashcode} covers
 * every other field. Both are derived when passed null.
 *
 * @param pullRequestId the {@code id} of the {@link PullRequest}
 * @param repoId the {@code id} of the {@link Repo}
 * @param state {@code approved}, {@code changes_requested} or {@code commented}
 * @param userRefId the {@code ref_id} of the reviewing {@link User}
 * @param createdDate when the review was submitted
 * @param url the review's web page
 */
public record PullRequestReview(
    String id,
    String refId,
    String refType,
    String customerId,
    String hashcode,
    String pullRequestId,
    String repoId,
    State state,
    String userRefId,
    Date createdDate,
    String url) {

  public static final String MODEL = "sourcecode.PullRequestReview";

  /** The verdict of a review. */
  public enum State {
    APPROVED,
    CHANGES_REQUESTED,
    COMMENTED;

    /** The exported value: the constant's name in lowercase. */
    @JsonValue
    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public PullRequestReview {
    Objects.requireNonNull(refId, "sourcecode.PullRequestReview needs a ref_id");
    Objects.requireNonNull(refType, "sourcecode.PullRequestReview needs a ref_type");
    Objects.requireNonNull(customerId, "sourcecode.PullRequestReview needs a customer_id");
    Objects.requireNonNull(pullRequestId, "sourcecode.PullRequestReview needs a pull_request_id");
    if (id == null) {
      id = Ids.of(customerId, refType, refId, pullRequestId);
    }
    if (hashcode == null) {
      hashcode = Hashcode.of(refId, refType, customerId, pullRequestId, repoId, state, userRefId, createdDate, url);
    }
  }

  /** A review with its {@code id} and {@code hashcode} derived. */
  public static PullRequestReview of(String customerId, String refType, String refId, String pullRequestId,
      String repoId, State state, String userRefId, Date createdDate, String url) {
    return new PullRequestReview(null, refId, refType, customerId, null, pullRequestId, repoId, state, userRefId,
        createdDate, url);
  }
}
