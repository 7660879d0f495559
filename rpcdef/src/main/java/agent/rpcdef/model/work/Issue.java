package agent.rpcdef.model.work;

import agent.rpcdef.model.Date;
import agent.rpcdef.model.ExportedObject;
import agent.rpcdef.model.Ids;
import agent.rpcdef.model.ModelBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * An issue of a project ({@code work.Issue}): a Jira issue of any type (story, bug, task, epic,
 * sub-task). Its {@code ref_id} is Jira's issue id ({@code 10042}), not its key, which changes when
 * the issue moves to another project.
 *
 * <p>{@code id} = {@code Ids.of(customerId, refType, refId)} ({@link #idOf}); derived when not given.
 * The project is not part of it: an issue keeps its Jira id, and so its {@code id}, when it moves to
 * another project, and another issue's {@code parent_id} or {@code epic_id} can be derived from the
 * Jira id alone. {@code hashcode} is computed from every other component, none left out ({@link
 * ExportedObject#hashcode}).
 *
 * @param projectId the {@code id} of the {@link Project} the issue is in now
 * @param identifier the issue key: {@code ABC-12}
 * @param title the summary
 * @param description the description as plain text (Jira Cloud's Atlassian Document Format
 *     converted to text; Server's as written); absent if none
 * @param url the issue's web page: {@code https://acme.atlassian.net/browse/ABC-12}
 * @param type the name of its {@link IssueType}: {@code Story}
 * @param typeId the {@code ref_id} of its {@link IssueType}
 * @param status the name of its {@link Status}: {@code In Review}
 * @param statusId the {@code ref_id} of its {@link Status}
 * @param statusCategory the category of its status
 * @param priority the name of its {@link Priority}, if it has one
 * @param priorityId the {@code ref_id} of its {@link Priority}, if it has one
 * @param resolution the name of its {@link Resolution}; absent while unresolved
 * @param resolutionDate when it was resolved; absent while unresolved
 * @param assigneeRefId the {@code ref_id} of the assigned {@link User}; absent when unassigned
 * @param reporterRefId the {@code ref_id} of the reporting {@link User}, if any
 * @param creatorRefId the {@code ref_id} of the {@link User} who created it, if known
 * @param parentId the {@code id} of the issue directly above it ({@link #idOf} of Jira's {@code
 *     parent}: a sub-task's parent, or any issue's parent in the new hierarchy); for an issue with
 *     no {@code parent} but an Epic Link, the epic's; absent otherwise
 * @param epicId the {@code id} of its epic: the Epic Link, or the parent when the parent is an epic;
 *     absent otherwise (a sub-task's epic is its parent's {@code epic_id})
 * @param tags Jira's labels, in Jira's order
 * @param components the names of its components
 * @param fixVersions the names of its fix versions
 * @param dueDate the due day, at 00:00 UTC; absent if none
 * @param createdDate when it was created
 * @param updatedDate when it last changed
 * @param timeTracking its estimates and time spent; absent when Jira has none of them
 * @param storyPoints the story points, from the custom field found by name or schema; absent when
 *     unknown. Never NaN or infinite
 * @param sprintIds the {@code id}s of the {@link Sprint}s it is or was in ({@link Sprint#idOf}), in
 *     Jira's order
 * @param customFields every other custom field with a value, ordered by {@code id}
 */
@ModelBuilder
public record Issue(
    String id,
    String refId,
    String refType,
    String customerId,
    String projectId,
    String identifier,
    String title,
    String description,
    String url,
    String type,
    String typeId,
    String status,
    String statusId,
    StatusCategory statusCategory,
    String priority,
    String priorityId,
    String resolution,
    Date resolutionDate,
    String assigneeRefId,
    String reporterRefId,
    String creatorRefId,
    String parentId,
    String epicId,
    List<String> tags,
    List<String> components,
    List<String> fixVersions,
    Date dueDate,
    Date createdDate,
    Date updatedDate,
    TimeTracking timeTracking,
    Double storyPoints,
    List<String> sprintIds,
    List<CustomField> customFields) implements ExportedObject {

  public static final String MODEL = "work.Issue";

  /**
   * An issue's time tracking, each in seconds and absent when Jira has no value. Hashed in its
   * issue's {@code hashcode} field by field, in place (see {@link agent.rpcdef.model.Hashcode}).
   *
   * @param originalEstimateSeconds the original estimate
   * @param remainingEstimateSeconds the remaining estimate
   * @param timeSpentSeconds the time logged
   */
  @ModelBuilder
  public record TimeTracking(Long originalEstimateSeconds, Long remainingEstimateSeconds, Long timeSpentSeconds) {

    /** A builder: name each field. */
    public static IssueTimeTrackingBuilder builder() {
      return IssueTimeTrackingBuilder.builder();
    }

    boolean isEmpty() {
      return originalEstimateSeconds == null && remainingEstimateSeconds == null && timeSpentSeconds == null;
    }
  }

  /**
   * A custom field's value. In its issue's {@code hashcode} it stands as its own hash over its three
   * fields (see {@link agent.rpcdef.model.Hashcode}).
   *
   * @param id Jira's field id: {@code customfield_10050}
   * @param name the field's name: {@code Team}
   * @param value the value as text: a string as it is, a number or a boolean as its JSON text,
   *     anything else (an option, a user, a list) as the compact JSON text of Jira's value
   */
  @ModelBuilder
  public record CustomField(String id, String name, String value) {

    /** A builder: name each field. */
    public static IssueCustomFieldBuilder builder() {
      return IssueCustomFieldBuilder.builder();
    }

    public CustomField {
      Objects.requireNonNull(id, "work.Issue custom field needs an id");
    }
  }

  /** A builder: name each field, leave {@code id} unset to have it derived. */
  public static IssueBuilder builder() {
    return IssueBuilder.builder();
  }

  /** The {@code id} of the issue with this ref id: what other objects put in {@code issue_id}, {@code parent_id}, {@code epic_id}. */
  public static String idOf(String customerId, String refType, String refId) {
    return Ids.of(customerId, refType, refId);
  }

  public Issue {
    Objects.requireNonNull(refId, "work.Issue needs a ref_id");
    Objects.requireNonNull(refType, "work.Issue needs a ref_type");
    Objects.requireNonNull(customerId, "work.Issue needs a customer_id");
    Objects.requireNonNull(projectId, "work.Issue needs a project_id");
    if (storyPoints != null && !Double.isFinite(storyPoints)) {
      throw new IllegalArgumentException("work.Issue story_points must be a finite number, not " + storyPoints);
    }
    if (timeTracking != null && timeTracking.isEmpty()) {
      timeTracking = null;
    }
    tags = tags == null ? List.of() : List.copyOf(tags);
    components = components == null ? List.of() : List.copyOf(components);
    fixVersions = fixVersions == null ? List.of() : List.copyOf(fixVersions);
    sprintIds = sprintIds == null ? List.of() : List.copyOf(sprintIds);
    customFields = customFields == null ? List.of() : sortedById(customFields);
    if (id == null) {
      id = idOf(customerId, refType, refId);
    }
  }

  // Jira's fields come as a JSON object, whose order is no contract: sorted, the hashcode is stable.
  private static List<CustomField> sortedById(List<CustomField> fields) {
    List<CustomField> sorted = new ArrayList<>(fields);
    sorted.sort(Comparator.comparing(CustomField::id));
    return List.copyOf(sorted);
  }
}
