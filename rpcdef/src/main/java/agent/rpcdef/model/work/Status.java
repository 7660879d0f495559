package agent.rpcdef.model.work;

import agent.rpcdef.model.ExportedObject;
import agent.rpcdef.model.Ids;
import agent.rpcdef.model.ModelBuilder;
import java.util.Objects;

/**
 * A workflow status ({@code work.Status}): {@code To Do}, {@code In Review}, {@code Done}, ... Its
 * {@code ref_id} is Jira's status id, which an issue's {@code status_id} names.
 *
 * <p>{@code id} = {@code Ids.of(customerId, refType, refId)}; derived when not given.
 * {@code hashcode} is computed from every other component, none left out ({@link
 * ExportedObject#hashcode}).
 *
 * @param name the status's name
 * @param category its status category
 * @param description the status's description, if any
 */
@ModelBuilder
public record Status(
    String id,
    String refId,
    String refType,
    String customerId,
    String name,
    StatusCategory category,
    String description) implements ExportedObject {

  public static final String MODEL = "work.Status";

  /** A builder: name each field, leave {@code id} unset to have it derived. */
  public static StatusBuilder builder() {
    return StatusBuilder.builder();
  }

  public Status {
    Objects.requireNonNull(refId, "work.Status needs a ref_id");
    Objects.requireNonNull(refType, "work.Status needs a ref_type");
    Objects.requireNonNull(customerId, "work.Status needs a customer_id");
    if (id == null) {
      id = Ids.of(customerId, refType, refId);
    }
  }
}
