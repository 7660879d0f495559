package agent.rpcdef.model.work;

import agent.rpcdef.model.Date;
import agent.rpcdef.model.ExportedObject;
import agent.rpcdef.model.Ids;
import agent.rpcdef.model.ModelBuilder;
import java.util.Objects;

/**
 * Time logged on an issue ({@code work.Worklog}). Its {@code ref_id} is Jira's worklog id.
 *
 * <p>{@code id} = {@code Ids.of(customerId, refType, refId, issueId)}; derived when not given.
 * {@code hashcode} is computed from every other component, none left out ({@link
 * ExportedObject#hashcode}).
 *
 * @param issueId the {@code id} of the {@link Issue}
 * @param projectId the {@code id} of the issue's {@link Project}
 * @param userRefId the {@code ref_id} of the {@link User} who logged it, if known
 * @param startedDate when the work started, as logged
 * @param timeSpentSeconds the time logged, in seconds
 * @param comment the worklog's comment as plain text; absent if none
 * @param createdDate when it was logged
 * @param updatedDate when it was last edited (its creation time if never edited)
 */
@ModelBuilder
public record Worklog(
    String id,
    String refId,
    String refType,
    String customerId,
    String issueId,
    String projectId,
    String userRefId,
    Date startedDate,
    long timeSpentSeconds,
    String comment,
    Date createdDate,
    Date updatedDate) implements ExportedObject {

  public static final String MODEL = "work.Worklog";

  /** A builder: name each field, leave {@code id} unset to have it derived. */
  public static WorklogBuilder builder() {
    return WorklogBuilder.builder();
  }

  public Worklog {
    Objects.requireNonNull(refId, "work.Worklog needs a ref_id");
    Objects.requireNonNull(refType, "work.Worklog needs a ref_type");
    Objects.requireNonNull(customerId, "work.Worklog needs a customer_id");
    Objects.requireNonNull(issueId, "work.Worklog needs an issue_id");
    Objects.requireNonNull(projectId, "work.Worklog needs a project_id");
    if (id == null) {
      id = Ids.of(customerId, refType, refId, issueId);
    }
  }
}
