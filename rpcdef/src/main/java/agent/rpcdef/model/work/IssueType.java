package agent.rpcdef.model.work;

import agent.rpcdef.model.ExportedObject;
import agent.rpcdef.model.Ids;
import agent.rpcdef.model.ModelBuilder;
import java.util.Objects;

/**
 * A type of issue ({@code work.IssueType}): {@code Story}, {@code Bug}, {@code Epic}, {@code
 * Sub-task}, ... Its {@code ref_id} is Jira's issue type id, which an issue's {@code type_id} names.
 *
 * <p>{@code id} = {@code Ids.of(customerId, refType, refId)}; derived when not given.
 * {@code hashcode} is computed from every other component, none left out ({@link
 * ExportedObject#hashcode}).
 *
 * @param name the type's name
 * @param description the type's description, if any
 * @param subtask true for a sub-task type
 * @param hierarchyLevel Jira Cloud's {@code hierarchyLevel}: -1 for a sub-task type, 0 for a
 *     standard type, 1 for an epic, higher above; absent where Jira has none (Server and Data Center)
 * @param iconUrl the URL of the type's icon, if any
 */
@ModelBuilder
public record IssueType(
    String id,
    String refId,
    String refType,
    String customerId,
    String name,
    String description,
    boolean subtask,
    Integer hierarchyLevel,
    String iconUrl) implements ExportedObject {

  public static final String MODEL = "work.IssueType";

  /** A builder: name each field, leave {@code id} unset to have it derived. */
  public static IssueTypeBuilder builder() {
    return IssueTypeBuilder.builder();
  }

  public IssueType {
    Objects.requireNonNull(refId, "work.IssueType needs a ref_id");
    Objects.requireNonNull(refType, "work.IssueType needs a ref_type");
    Objects.requireNonNull(customerId, "work.IssueType needs a customer_id");
    if (id == null) {
      id = Ids.of(customerId, refType, refId);
    }
  }
}
