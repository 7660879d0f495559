package agent.rpcdef.model.work;

import agent.rpcdef.model.Date;
import agent.rpcdef.model.ExportedObject;
import agent.rpcdef.model.Ids;
import agent.rpcdef.model.ModelBuilder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;

/**
 * A sprint ({@code work.Sprint}), from Jira's Agile API. Its {@code ref_id} is Jira's sprint id. A
 * sprint belongs to the whole site, not to one board or project: issues of several projects can be
 * in it.
 *
 * <p>{@code id} = {@code Ids.of(customerId, refType, refId)} ({@link #idOf}); derived when not given.
 * {@code hashcode} is computed from every other component, none left out ({@link
 * ExportedObject#hashcode}).
 *
 * @param boardRefId the ref id of the board the sprint was created on (Jira's {@code
 *     originBoardId}), as text; boards are not exported
 * @param name the sprint's name: {@code ABC Sprint 14}
 * @param goal the sprint goal; absent if none
 * @param status {@code future}, {@code active} or {@code closed}
 * @param startedDate when it started (Jira's {@code startDate}); absent while future
 * @param endedDate when it is planned to end (Jira's {@code endDate}); absent while future
 * @param completedDate when it was closed (Jira's {@code completeDate}); absent unless closed
 * @param url the sprint on its board's web page, if known
 */
@ModelBuilder
public record Sprint(
    String id,
    String refId,
    String refType,
    String customerId,
    String boardRefId,
    String name,
    String goal,
    Status status,
    Date startedDate,
    Date endedDate,
    Date completedDate,
    String url) implements ExportedObject {

  public static final String MODEL = "work.Sprint";

  /** A builder: name each field, leave {@code id} unset to have it derived. */
  public static SprintBuilder builder() {
    return SprintBuilder.builder();
  }

  /** The {@code id} of the sprint with this ref id: what an issue lists in {@code sprint_ids}. */
  public static String idOf(String customerId, String refType, String refId) {
    return Ids.of(customerId, refType, refId);
  }

  /** Where a sprint stands: Jira's sprint {@code state}. */
  public enum Status {
    FUTURE,
    ACTIVE,
    CLOSED;

    /** The exported value: the constant's name in lowercase. */
    @JsonValue
    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Sprint {
    Objects.requireNonNull(refId, "work.Sprint needs a ref_id");
    Objects.requireNonNull(refType, "work.Sprint needs a ref_type");
    Objects.requireNonNull(customerId, "work.Sprint needs a customer_id");
    if (id == null) {
      id = idOf(customerId, refType, refId);
    }
  }
}
