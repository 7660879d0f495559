package agent.rpcdef.model.sourcecode;

import agent.rpcdef.model.ExportedObject;
import agent.rpcdef.model.Ids;
import agent.rpcdef.model.ModelBuilder;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * A branch of a repository ({@code sourcecode.Branch}) and where it stands against the default
 * branch. Its {@code ref_id} is the branch name.
 *
 * <p>{@code id} = {@code Ids.of(customerId, refType, refId, repoId)}; derived when not given.
 * {@code hashcode} is computed from every other component, none left out ({@link
 * ExportedObject#hashcode}).
 *
 * <p>A branch's own commits are those reachable from its tip but not from its base: the default
 * branch's tip for a branch not merged, the first parent of the merge commit for a merged one.
 *
 * @param repoId the {@code id} of the {@link Repo}
 * @param name the branch name without {@code refs/heads/}: {@code fix/retry}
 * @param url the branch's web page, if the repository has one
 * @param isDefault true for the repository's default branch (exported as {@code default})
 * @param merged true when the branch's tip is reachable from the default branch's tip (never for
 *     the default branch itself)
 * @param mergeCommitSha the commit on the default branch's first-parent line that brought the tip
 *     in; absent unless merged, and absent when the tip itself is on that line (fast-forward)
 * @param commitShas the branch's own commits, oldest first, at most {@link #MAX_COMMIT_SHAS}
 *     (the newest ones are dropped beyond that); for the default branch, every commit reachable from
 *     its tip, parents first ({@code git rev-list --date-order --reverse}), however many
 * @param firstCommitSha the oldest of the branch's own commits; absent when it has none
 * @param branchedFromCommitShas the commits the branch's own commits grew from: their parents that
 *     are not themselves the branch's own commits
 * @param aheadDefaultCount not merged: commits reachable from the tip but not from the default
 *     branch's tip; merged: the number of its own commits (what it brought in, none for a
 *     fast-forward); 0 for the default branch
 * @param behindDefaultCount not merged: commits reachable from the default branch's tip but not
 *     from the tip; 0 when merged and for the default branch
 * @param tipSha the sha the branch points to
 * @param pullRequestId for a pull request's head exported as a branch, the {@code id} of the
 *     {@code sourcecode.PullRequest}; absent (null) for an ordinary branch. Such a branch's {@code
 *     ref_id} is {@code pull/<pull request ref id>}, not its name, so that it never shares its
 *     {@code id} with an ordinary branch of the same name
 */
@ModelBuilder
public record Branch(
    String id,
    String refId,
    String refType,
    String customerId,
    String repoId,
    String name,
    String url,
    @JsonProperty("default") boolean isDefault,
    boolean merged,
    String mergeCommitSha,
    List<String> commitShas,
    String firstCommitSha,
    List<String> branchedFromCommitShas,
    int aheadDefaultCount,
    int behindDefaultCount,
    String tipSha,
    String pullRequestId) implements ExportedObject {

  public static final String MODEL = "sourcecode.Branch";

  /**
   * The most commit shas a branch other than the default lists; one with more lists its oldest
   * ones. The default branch lists all of its commits.
   */
  public static final int MAX_COMMIT_SHAS = 1000;

  /**
   * A builder: name each field, leave {@code id} unset to have it derived. An ordinary branch's ref
   * id is its name; a pull request's branch has the ref id {@link #pullRequestRefId} and its {@code
   * pullRequestId} set.
   */
  public static BranchBuilder builder() {
    return BranchBuilder.builder();
  }

  /**
   * The ref id of a pull request's head exported as a branch: {@code pull/<pullRequestRefId>}, so
   * that it never shares its {@code id} with an ordinary branch of the same name.
   */
  public static String pullRequestRefId(String pullRequestRefId) {
    return "pull/" + Objects.requireNonNull(pullRequestRefId, "a pull request branch needs its pull request's ref id");
  }

  public Branch {
    Objects.requireNonNull(refId, "sourcecode.Branch needs a ref_id");
    Objects.requireNonNull(refType, "sourcecode.Branch needs a ref_type");
    Objects.requireNonNull(customerId, "sourcecode.Branch needs a customer_id");
    Objects.requireNonNull(repoId, "sourcecode.Branch needs a repo_id");
    commitShas = commitShas == null ? List.of() : List.copyOf(commitShas);
    branchedFromCommitShas = branchedFromCommitShas == null ? List.of() : List.copyOf(branchedFromCommitShas);
    if (id == null) {
      id = Ids.of(customerId, refType, refId, repoId);
    }
  }
}
