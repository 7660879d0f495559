package agent.rpcdef.model.sourcecode;

import agent.rpcdef.model.Date;
import agent.rpcdef.model.Hashcode;
import agent.rpcdef.model.Ids;
import java.util.Objects;

/**
 * A source code repository ({@code sourcecode.Repo}): a GitHub or GitLab repository, a local git
 * repository.
 *
 * <p>{@code id} = {@code Ids.of(customerId, refType, refId)}; {@code hashcode} covers every other
 * field. Both are derived when passed null.
 *
 * @param name the full name, with its owner: {@code acme/api}
 * @param url the repository's web page
 * @param description the repository's description, if any
 * @param language the main programming language, if known
 * @param active false when the repository is archived or disabled
 * @param defaultBranch the default branch: {@code main}
 * @param createdDate when the repository was created
 * @param updatedDate when the repository was last changed
 */
public record Repo(
    String id,
    String refId,
    String refType,
    String customerId,
    String hashcode,
    String name,
    String url,
    String description,
    String language,
    boolean active,
    String defaultBranch,
    Date createdDate,
    Date updatedDate) {

  public static final String MODEL = "sourcecode.Repo";

  public Repo {
    Objects.requireNonNull(refId, "sourcecode.Repo needs a ref_id");
    Objects.requireNonNull(refType, "sourcecode.Repo needs a ref_type");
    Objects.requireNonNull(customerId, "sourcecode.Repo needs a customer_id");
    if (id == null) {
      id = Ids.of(customerId, refType, refId);
    }
    if (hashcode == null) {
      hashcode = Hashcode.of(refId, refType, customerId, name, url, description, language, active,
          defaultBranch, createdDate, updatedDate);
    }
  }

  /** A repository with its {@code id} and {@code hashcode} derived. */
  public static Repo of(String customerId, String refType, String refId, String name, String url, String description,
      String language, boolean active, String defaultBranch, Date createdDate, Date updatedDate) {
    return new Repo(null, refId, refType, customerId, null, name, url, description, language, active, defaultBranch,
        createdDate, updatedDate);
  }
}
