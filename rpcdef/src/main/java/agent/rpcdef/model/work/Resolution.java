package agent.rpcdef.model.work;

import agent.rpcdef.model.ExportedObject;
import agent.rpcdef.model.Ids;
import agent.rpcdef.model.ModelBuilder;
import java.util.Objects;

/**
 * How an issue was resolved ({@code work.Resolution}): {@code Done}, {@code Won't Do}, {@code
 * Duplicate}, ... Its {@code ref_id} is Jira's resolution id.
 *
 * <p>{@code id} = {@code Ids.of(customerId, refType, refId)}; derived when not given.
 * {@code hashcode} is computed from every other component, none left out ({@link
 * ExportedObject#hashcode}).
 *
 * @param name the resolution's name
 * @param description the resolution's description, if any
 */
@ModelBuilder
public record Resolution(
    String id,
    String refId,
    String refType,
    String customerId,
    String name,
    String description) implements ExportedObject {

  public static final String MODEL = "work.Resolution";

  /** A builder: name each field, leave {@code id} unset to have it derived. */
  public static ResolutionBuilder builder() {
    return ResolutionBuilder.builder();
  }

  public Resolution {
    Objects.requireNonNull(refId, "work.Resolution needs a ref_id");
    Objects.requireNonNull(refType, "work.Resolution needs a ref_type");
    Objects.requireNonNull(customerId, "work.Resolution needs a customer_id");
    if (id == null) {
      id = Ids.of(customerId, refType, refId);
    }
  }
}
