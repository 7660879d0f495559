package agent.rpcdef.model.sourcecode;

import agent.rpcdef.model.Hashcode;
import agent.rpcdef.model.Ids;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;

/**
 * A person or bot account of a source code system ({@code sourcecode.User}). Other objects point to
 * users by their {@code ref_id} ({@code created_by_ref_id}, {@code user_ref_id}, ...).
 *
 * <p>{@code id} = {@code Ids.of(customerId, refType, refId)}; {@code hashcode} covers every other
 * field. Both are derived when passed null.
 *
 * @param name the display name: {@code Ada Lovelace}
 * @param username the login: {@code adalovelace}
 * @param email the public e-mail address, if known
 * @param avatarUrl the URL of the avatar image, if any
 * @param type {@code human} or {@code bot}
 * @param member true when the user belongs to the organization, false for outside collaborators
 */
public record User(
    String id,
    String refId,
    String refType,
    String customerId,
    String hashcode,
    String name,
    String username,
    String email,
    String avatarUrl,
    Type type,
    boolean member) {

  public static final String MODEL = "sourcecode.User";

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
    if (hashcode == null) {
      hashcode = Hashcode.of(refId, refType, customerId, name, username, email, avatarUrl, type, member);
    }
  }

  /** A user with its {@code id} and {@code hashcode} derived. */
  public static User of(String customerId, String refType, String refId, String name, String username, String email,
      String avatarUrl, Type type, boolean member) {
    return new User(null, refId, refType, customerId, null, name, username, email, avatarUrl, type, member);
  }
}
