package agent.rpcdef.model.work;

import agent.rpcdef.model.Date;
import agent.rpcdef.model.ExportedObject;
import agent.rpcdef.model.Ids;
import agent.rpcdef.model.ModelBuilder;
import java.util.Objects;

/**
 * A comment on an issue ({@code work.IssueComment}). Its {@code ref_id} is Jira's comment id.
 *
 * <p>{@code id} = {@code Ids.of(customerId, refType, refId, issueId)}; derived when not given.
 * {@code hashcode} is computed from every other component, none left out ({@link
 * ExportedObject#hashcode}).
 *
 * @param issueId the {@code id} of the {@link Issue}
 * @param projectId the {@code id} of the issue's {@link Project}
 * @param body the text as plain text (Jira Cloud's Atlassian Document Format converted to text;
 *     Server's as written)
 * @param userRefId the {@code ref_id} of the {@link User} who wrote it, if known
 * @param createdDate when it was written
 * @param updatedDate when it was last edited (its creation time if never edited)
 * @param url the comment's web page
 */
@ModelBuilder
public record IssueComment(
    String id,
    String refId,
    String refType,
    String customerId,
    String issueId,
    String projectId,
    String body,
    String userRefId,
    Date createdDate,
    Date updatedDate,
    String url) implements ExportedObject {

  public static final String MODEL = "work.IssueComment";

  /** A builder: name each field, leave {@code id} unset to have it derived. */
  public static IssueCommentBuilder builder() {
    return IssueCommentBuilder.builder();
  }

  public IssueComment {
    Objects.requireNonNull(refId, "work.IssueComment needs a ref_id");
    Objects.requireNonNull(refType, "work.IssueComment needs a ref_type");
    Objects.requireNonNull(customerId, "work.IssueComment needs a customer_id");
    Objects.requireNonNull(issueId, "work.IssueComment needs an issue_id");
    Objects.requireNonNull(projectId, "work.IssueComment needs a project_id");
    if (id == null) {
      id = Ids.of(customerId, refType, refId, issueId);
    }
  }
}
