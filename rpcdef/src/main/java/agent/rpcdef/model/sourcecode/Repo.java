package agent.rpcdef.model.sourcecode;

import agent.rpcdef.model.Date;
import agent.rpcdef.model.ExportedObject;
import agent.rpcdef.model.Ids;
import agent.rpcdef.model.ModelBuilder;
import java.util.Objects;

/**
 * A source code repository ({@code sourcecode.Repo}): a GitHub or GitLab repository, a local git
 * repository.
 *
 * <p>{@code id} = {@code Ids.of(customerId, refType, refId)}; derived when not given.
 * {@code hashcode} is computed from every other component, none left out ({@link
 * ExportedObject#hashcode}).
 *
 * @param name the full name, with its owner: {@code acme/api}
 * @param url the repository's web page
 * @param description the repository's description, if any
 * @param language the main programming language, if known
 * @param active false when the repository is archived or disabled
 * @param fork true when the repository is a fork of another
 * @param defaultBranch the default branch: {@code main}
 * @param createdDate when the repository was created
 * @param updatedDate when the repository was last changed
 */
@ModelBuilder
public record Repo(
    String id,
    String refId,
    String refType,
    String customerId,
    String name,
    String url,
    String description,
    String language,
    boolean active,
    boolean fork,
    String defaultBranch,
    Date createdDate,
    Date updatedDate) implements ExportedObject {

  public static final String MODEL = "sourcecode.Repo";

  /** A builder: name each field, leave {@code id} unset to have it derived. */
  public static RepoBuilder builder() {
    return RepoBuilder.builder();
  }

  public Repo {
    Objects.requireNonNull(refId, "sourcecode.Repo needs a ref_id");
    Objects.requireNonNull(refType, "sourcecode.Repo needs a ref_type");
    Objects.requireNonNull(customerId, "sourcecode.Repo needs a customer_id");
    if (id == null) {
      id = Ids.of(customerId, refType, refId);
    }
  }
}
