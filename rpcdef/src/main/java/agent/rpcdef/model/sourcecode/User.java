package agent.rpcdef.model.sourcecode;

import agent.rpcdef.model.ExportedObject;
import agent.rpcdef.model.Ids;
import agent.rpcdef.model.ModelBuilder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;

/**
 * A person or bot account of a source code system ({@code sourcecode.User}). Other objects point to
 * users by their {@code ref_id} ({@code created_by_ref_id}, {@code user_ref_id}, ...).
 *
 * <p>{@code id} = {@code Ids.of(customerId, refType, refId)}; derived when not given.
 * {@code hashcode} is computed from every other component, none left out ({@link
 * ExportedObject#hashcode}).
 *
 * @param name the display name: {@code Ada Lovelace}
 * @param username the login: {@code adalovelace}
 * @param email the public e-mail address, if known
 * @param avatarUrl the URL of the avatar image, if any
 * @param type {@code human} or {@code bot}
 * @param member true when the user belongs to the organization, false for outside collaborators
 */
@ModelBuilder
public record User(
    String id,
    String refId,
    String refType,
    String customerId,
    String name,
    String username,
    String email,
    String avatarUrl,
    Type type,
    boolean member) implements ExportedObject {

  public static final String MODEL = "sourcecode.User";

  /** A builder: name each field, leave {@code id} unset to have it derived. */
  public static UserBuilder builder() {
    return UserBuilder.builder();
  }

  /** What kind of account a user is. */
  public enum Type {
    HUMAN,
    BOT;

    /** The exported value: the constant's name in lowercase. */
    @JsonValue
    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public User {
    Objects.requireNonNull(refId, "sourcecode.User needs a ref_id");
    Objects.requireNonNull(refType, "sourcecode.User needs a ref_type");
    Objects.requireNonNull(customerId, "sourcecode.User needs a customer_id");
    if (id == null) {
      id = Ids.of(customerId, refType, refId);
    }
  }
}
