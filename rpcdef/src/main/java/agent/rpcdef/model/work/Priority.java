package agent.rpcdef.model.work;

import agent.rpcdef.model.ExportedObject;
import agent.rpcdef.model.Ids;
import agent.rpcdef.model.ModelBuilder;
import java.util.Objects;

/**
 * An issue priority ({@code work.Priority}): {@code Highest}, {@code Medium}, ... Its {@code
 * ref_id} is Jira's priority id, which an issue's {@code priority_id} names.
 *
 * <p>{@code id} = {@code Ids.of(customerId, refType, refId)}; derived when not given.
 * {@code hashcode} is computed from every other component, none left out ({@link
 * ExportedObject#hashcode}).
 *
 * @param name the priority's name
 * @param description the priority's description, if any
 * @param ordinal its 1-based position in Jira's list of priorities, which runs from the highest
 *     priority to the lowest
 * @param iconUrl the URL of the priority's icon, if any
 */
@ModelBuilder
public record Priority(
    String id,
    String refId,
    String refType,
    String customerId,
    String name,
    String description,
    int ordinal,
    String iconUrl) implements ExportedObject {

  public static final String MODEL = "work.Priority";

  /** A builder: name each field, leave {@code id} unset to have it derived. */
  public static PriorityBuilder builder() {
    return PriorityBuilder.builder();
  }

  public Priority {
    Objects.requireNonNull(refId, "work.Priority needs a ref_id");
    Objects.requireNonNull(refType, "work.Priority needs a ref_type");
    Objects.requireNonNull(customerId, "work.Priority needs a customer_id");
    if (id == null) {
      id = Ids.of(customerId, refType, refId);
    }
  }
}
