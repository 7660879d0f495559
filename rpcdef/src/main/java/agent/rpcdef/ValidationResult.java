package agent.rpcdef;

import java.util.List;

/**
 * The outcome of {@link Integration#validate}.
 *
 * @param success true when the configuration works
 * @param errors what is wrong, one sentence each, saying how to fix it
 * @param account who the credentials belong to, or empty
 */
public record ValidationResult(boolean success, List<String> errors, String account) {

  public ValidationResult {
    errors = List.copyOf(errors);
    account = account == null ? "" : account;
  }

  public static ValidationResult ok(String account) {
    return new ValidationResult(true, List.of(), account);
  }

  public static ValidationResult failed(List<String> errors) {
    return new ValidationResult(false, errors, "");
  }
}
