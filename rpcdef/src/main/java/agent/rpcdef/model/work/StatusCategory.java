package agent.rpcdef.model.work;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a status stands in every workflow: Jira's status category. Shared by {@link
 * Status#category()} and {@link Issue#statusCategory()}.
 */
public enum StatusCategory {
  /** Jira's category key {@code new} ("To Do"). */
  TO_DO,
  /** Jira's category key {@code indeterminate} ("In Progress"). */
  IN_PROGRESS,
  /** Jira's category key {@code done}. */
  DONE,
  /** Jira's {@code undefined} ("No Category"), or a key this version does not know. */
  UNKNOWN;

  /** The exported value: the constant's name in lowercase ({@code to_do}). */
  @JsonValue
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The category of Jira's status category key ({@code statusCategory.key}): {@code new}, {@code
   * indeterminate}, {@code done}; any other key, and null, is {@link #UNKNOWN}.
   */
  public static StatusCategory ofJiraKey(String key) {
    if (key == null) {
      return UNKNOWN;
    }
    return switch (key) {
      case "new" -> TO_DO;
      case "indeterminate" -> IN_PROGRESS;
      case "done" -> DONE;
      default -> UNKNOWN;
    };
  }
}
