package agent.rpcdef.model.sourcecode;

import agent.rpcdef.model.Date;
import agent.rpcdef.model.ExportedObject;
import agent.rpcdef.model.Ids;
import agent.rpcdef.model.ModelBuilder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;

/**
 * A review of a pull request ({@code sourcecode.PullRequestReview}): an approval, a request for
 * changes or a review with comments only.
 *
 * <p>{@code id} = {@code Ids.of(customerId, refType, refId, pullRequestId)}; derived when not given.
 * {@code hashcode} is computed from every other component, none left out ({@link
 * ExportedObject#hashcode}).
 *
 * @param pullRequestId the {@code id} of the {@link PullRequest}
 * @param repoId the {@code id} of the {@link Repo}
 * @param state {@code approved}, {@code changes_requested}, {@code commented} or {@code dismissed}
 * @param userRefId the {@code ref_id} of the reviewing {@link User}
 * @param createdDate when the review was submitted
 * @param url the review's web page
 */
@ModelBuilder
public record PullRequestReview(
    String id,
    String refId,
    String refType,
    String customerId,
    String pullRequestId,
    String repoId,
    State state,
    String userRefId,
    Date createdDate,
    String url) implements ExportedObject {

  public static final String MODEL = "sourcecode.PullRequestReview";

  /** A builder: name each field, leave {@code id} unset to have it derived. */
  public static PullRequestReviewBuilder builder() {
    return PullRequestReviewBuilder.builder();
  }

  /** The verdict of a review. */
  public enum State {
    APPROVED,
    CHANGES_REQUESTED,
    COMMENTED,
    /** An approval or request for changes that a maintainer dismissed. */
    DISMISSED;

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
  }
}
