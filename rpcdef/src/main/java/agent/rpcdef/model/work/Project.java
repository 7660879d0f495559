package agent.rpcdef.model.work;

import agent.rpcdef.model.ExportedObject;
import agent.rpcdef.model.Ids;
import agent.rpcdef.model.ModelBuilder;
import java.util.Objects;

/**
 * A project that holds issues ({@code work.Project}): a Jira project. Its {@code ref_id} is Jira's
 * project id ({@code 10000}), not its key, which can be changed.
 *
 * <p>{@code id} = {@code Ids.of(customerId, refType, refId)} ({@link #idOf}); derived when not given.
 * {@code hashcode} is computed from every other component, none left out ({@link
 * ExportedObject#hashcode}).
 *
 * @param identifier the project key: {@code ABC}
 * @param name the project's name
 * @param description the project's description, if any
 * @param category the name of the project's category, if it has one
 * @param leadRefId the {@code ref_id} of the {@link User} who leads the project, if known
 * @param type Jira's project type key: {@code software}, {@code business}, {@code service_desk}, ...
 *     as Jira gives it
 * @param url the project's web page: {@code https://acme.atlassian.net/browse/ABC}
 * @param active false when the project is archived
 */
@ModelBuilder
public record Project(
    String id,
    String refId,
    String refType,
    String customerId,
    String identifier,
    String name,
    String description,
    String category,
    String leadRefId,
    String type,
    String url,
    boolean active) implements ExportedObject {

  public static final String MODEL = "work.Project";

  /** A builder: name each field, leave {@code id} unset to have it derived. */
  public static ProjectBuilder builder() {
    return ProjectBuilder.builder();
  }

  /** The {@code id} of the project with this ref id: what other objects put in {@code project_id}. */
  public static String idOf(String customerId, String refType, String refId) {
    return Ids.of(customerId, refType, refId);
  }

  public Project {
    Objects.requireNonNull(refId, "work.Project needs a ref_id");
    Objects.requireNonNull(refType, "work.Project needs a ref_type");
    Objects.requireNonNull(customerId, "work.Project needs a customer_id");
    if (id == null) {
      id = idOf(customerId, refType, refId);
    }
  }
}
