package agent.rpcdef.model.sourcecode;

import agent.rpcdef.model.Date;
import agent.rpcdef.model.ExportedObject;
import agent.rpcdef.model.Ids;
import agent.rpcdef.model.ModelBuilder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A pull request (GitLab: merge request) of a repository ({@code sourcecode.PullRequest}).
 *
 * <p>{@code id} = {@code Ids.of(customerId, refType, refId, repoId)}; derived when not given.
 * {@code hashcode} is computed from every other component, none left out ({@link
 * ExportedObject#hashcode}).
 *
 * @param repoId the {@code id} of the {@link Repo}
 * @param title the title
 * @param description the description (body), if any
 * @param url the pull request's web page
 * @param identifier a human-readable reference: {@code acme/api#12}
 * @param number the number within the repository: {@code 12}
 * @param state {@code open}, {@code closed} (without merge) or {@code merged}
 * @param draft true while it is a draft (not yet ready for review)
 * @param locked true when its conversation is locked
 * @param createdByRefId the {@code ref_id} of the {@link User} who opened it, if known
 * @param createdDate when it was opened
 * @param updatedDate when it last changed
 * @param mergedDate when it was merged; absent unless merged
 * @param closedDate when it was closed without being merged; absent unless closed (a merged pull
 *     request's close time is its {@code merged_date})
 * @param mergedByRefId the {@code ref_id} of the {@link User} who merged it; absent unless merged
 * @param mergeSha the sha of the merge commit; absent unless merged
 * @param branchName the source branch: {@code fix/retry-queue-12}
 * @param baseBranchName the target branch: {@code main}
 * @param commitShas the shas of its commits, oldest first (empty when none are known)
 */
@ModelBuilder
public record PullRequest(
    String id,
    String refId,
    String refType,
    String customerId,
    String repoId,
    String title,
    String description,
    String url,
    String identifier,
    int number,
    State state,
    boolean draft,
    boolean locked,
    String createdByRefId,
    Date createdDate,
    Date updatedDate,
    Date mergedDate,
    Date closedDate,
    String mergedByRefId,
    String mergeSha,
    String branchName,
    String baseBranchName,
    List<String> commitShas) implements ExportedObject {

  public static final String MODEL = "sourcecode.PullRequest";

  /** A builder: name each field, leave {@code id} unset to have it derived. */
  public static PullRequestBuilder builder() {
    return PullRequestBuilder.builder();
  }

  /** Where a pull request stands. */
  public enum State {
    OPEN,
    CLOSED,
    MERGED;

    /** The exported value: the constant's name in lowercase. */
    @JsonValue
    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public PullRequest {
    Objects.requireNonNull(refId, "sourcecode.PullRequest needs a ref_id");
    Objects.requireNonNull(refType, "sourcecode.PullRequest needs a ref_type");
    Objects.requireNonNull(customerId, "sourcecode.PullRequest needs a customer_id");
    Objects.requireNonNull(repoId, "sourcecode.PullRequest needs a repo_id");
    commitShas = commitShas == null ? List.of() : List.copyOf(commitShas);
    if (id == null) {
      id = Ids.of(customerId, refType, refId, repoId);
    }
  }
}
