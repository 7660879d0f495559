package agent.core.config;

import java.util.regex.Pattern;

/**
 * What a customer id may be. It is part of every exported object, of every object id, and a name
 * the backend and the agent may use in paths, so it is held to a safe name wherever it comes from:
 * the agent config, the backend's enrollment answer, {@code config.json}.
 */
public final class CustomerIds {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,128}");

  private CustomerIds() {}

  /** True when {@code id} is 1 to 128 letters, digits, '.', '_' or '-', and not "." or with "..". */
  public static boolean valid(String id) {
    return id != null && SAFE.matcher(id).matches() && !id.contains("..") && !id.equals(".");
  }

  /**
   * Returns {@code id} when {@link #valid}; otherwise throws an {@link InputException} that names
   * {@code source} and the rule.
   */
  public static String check(String source, String id) {
    if (!valid(id)) {
      throw new InputException(source + ": customer id \"" + id + "\" is not allowed: use 1 to 128 letters, digits,"
          + " '.', '_' or '-', without \"..\"");
    }
    return id;
  }
}
