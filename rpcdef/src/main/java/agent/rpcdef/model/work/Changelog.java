package agent.rpcdef.model.work;

import agent.rpcdef.model.Date;
import agent.rpcdef.model.ExportedObject;
import agent.rpcdef.model.Ids;
import agent.rpcdef.model.ModelBuilder;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One changed field of one entry of an issue's history ({@code work.Changelog}). A Jira history
 * entry that changed three fields is three objects with the same {@code created_date} and {@code
 * user_ref_id}.
 *
 * <p>{@code ref_id} = {@link #refIdOf}: Jira's history id, a slash, and the change's 0-based index
 * in the entry's {@code items} ({@code 10234/1}). {@code id} = {@code Ids.of(customerId, refType,
 * refId, issueId)}; derived when not given. {@code hashcode} is computed from every other component,
 * none left out ({@link ExportedObject#hashcode}).
 *
 * @param issueId the {@code id} of the {@link Issue}
 * @param projectId the {@code id} of the issue's {@link Project}
 * @param ordinal the change's 1-based position in the issue's whole history, oldest first: entries
 *     ordered by their date, then by their id as a number; the changes of an entry in the entry's
 *     order. Dates can be equal; ordinals never are
 * @param createdDate when the change was made
 * @param userRefId the {@code ref_id} of the {@link User} who made it; absent when Jira has none (an
 *     automation, an import, an anonymous user)
 * @param field the field's name as Jira's history gives it: {@code status}, {@code Sprint}
 * @param fieldId the field's id: {@code status}, {@code customfield_10020}; absent when the entry
 *     has none
 * @param fieldType as Jira gives it: {@code jira} for a system field, {@code custom} for a custom
 *     field
 * @param from the raw value before (an id, a key, a date); absent when none
 * @param fromDisplay the displayed value before (exported as {@code from_string}); absent when none
 * @param to the raw value after; absent when none
 * @param toDisplay the displayed value after (exported as {@code to_string}, a name a record
 *     component cannot have); absent when none
 */
@ModelBuilder
public record Changelog(
    String id,
    String refId,
    String refType,
    String customerId,
    String issueId,
    String projectId,
    long ordinal,
    Date createdDate,
    String userRefId,
    String field,
    String fieldId,
    String fieldType,
    String from,
    @JsonProperty("from_string") String fromDisplay,
    String to,
    @JsonProperty("to_string") String toDisplay) implements ExportedObject {

  public static final String MODEL = "work.Changelog";

  /** A builder: name each field, leave {@code id} unset to have it derived. */
  public static ChangelogBuilder builder() {
    return ChangelogBuilder.builder();
  }

  /** The ref id of the {@code index}th (0-based) change of Jira's history entry {@code historyId}. */
  public static String refIdOf(String historyId, int index) {
    return Objects.requireNonNull(historyId, "a changelog entry needs its history id") + "/" + index;
  }

  public Changelog {
    Objects.requireNonNull(refId, "work.Changelog needs a ref_id");
    Objects.requireNonNull(refType, "work.Changelog needs a ref_type");
    Objects.requireNonNull(customerId, "work.Changelog needs a customer_id");
    Objects.requireNonNull(issueId, "work.Changelog needs an issue_id");
    Objects.requireNonNull(projectId, "work.Changelog needs a project_id");
    if (id == null) {
      id = Ids.of(customerId, refType, refId, issueId);
    }
  }
}
