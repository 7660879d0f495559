package agent.rpcdef.model.work;

import agent.rpcdef.model.ExportedObject;
import agent.rpcdef.model.Ids;
import agent.rpcdef.model.ModelBuilder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;

/**
 * An account of a work system ({@code work.User}). Other objects point to users by their {@code
 * ref_id} ({@code assignee_ref_id}, {@code user_ref_id}, ...). Its {@code ref_id} is Jira Cloud's
 * {@code accountId}, or Jira Server's and Data Center's user {@code key} (which, unlike the {@code
 * name}, survives a rename).
 *
 * <p>{@code id} = {@code Ids.of(customerId, refType, refId)}; derived when not given.
 * {@code hashcode} is computed from every other component, none left out ({@link
 * ExportedObject#hashcode}).
 *
 * @param name the display name: {@code Ada Lovelace}
 * @param username the login name (Server and Data Center {@code name}); absent on Cloud, which has
 *     none
 * @param email the e-mail address when Jira shows it to the exporting account; absent otherwise,
 *     never guessed
 * @param avatarUrl the URL of the largest avatar image, if any
 * @param active false when the account is deactivated
 * @param type what kind of account it is
 * @param timeZone the user's time zone as an IANA name ({@code Europe/Berlin}), if visible
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
    boolean active,
    Type type,
    String timeZone) implements ExportedObject {

  public static final String MODEL = "work.User";

  /** A builder: name each field, leave {@code id} unset to have it derived. */
  public static UserBuilder builder() {
    return UserBuilder.builder();
  }

  /** What kind of account a user is. */
  public enum Type {
    /** A person's account: Cloud's {@code accountType} {@code atlassian}; every Server account. */
    HUMAN,
    /** An app or bot: Cloud's {@code app}. */
    APP,
    /** A Jira Service Management customer, who only uses the help center: Cloud's {@code customer}. */
    CUSTOMER,
    /** An account type this version does not know. */
    UNKNOWN;

    /** The exported value: the constant's name in lowercase. */
    @JsonValue
    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The type of Jira Cloud's {@code accountType}: {@code atlassian}, {@code app}, {@code
     * customer}; any other value is {@link #UNKNOWN}. Null (Server and Data Center, which have no
     * account types) is {@link #HUMAN}.
     */
    public static Type ofJiraAccountType(String accountType) {
      if (accountType == null) {
        return HUMAN;
      }
      return switch (accountType) {
        case "atlassian" -> HUMAN;
        case "app" -> APP;
        case "customer" -> CUSTOMER;
        default -> UNKNOWN;
      };
    }
  }

  public User {
    Objects.requireNonNull(refId, "work.User needs a ref_id");
    Objects.requireNonNull(refType, "work.User needs a ref_type");
    Objects.requireNonNull(customerId, "work.User needs a customer_id");
    if (id == null) {
      id = Ids.of(customerId, refType, refId);
    }
  }
}
