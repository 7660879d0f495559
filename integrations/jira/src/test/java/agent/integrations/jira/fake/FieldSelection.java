package agent.integrations.jira.fake;

import java.util.List;
import java.util.Set;

/**
 * The {@code fields} of a search or issue request: ids, {@code *all}, {@code *navigable} (every field but
 * {@code comment} and {@code worklog}, here as the fake's simplification), and {@code -id} to leave one
 * out. Empty selects nothing: Cloud's enhanced search then returns issue ids only.
 */
record FieldSelection(Set<String> ids, boolean all, boolean navigable, Set<String> excluded) {
  static FieldSelection of(List<String> tokens) {
    Set<String> ids = new java.util.LinkedHashSet<>();
    Set<String> excluded = new java.util.HashSet<>();
    boolean all = false;
    boolean navigable = false;
    for (String t : tokens) {
      if (t.equals("*all")) {
        all = true;
      } else if (t.equals("*navigable")) {
        navigable = true;
      } else if (t.startsWith("-")) {
        excluded.add(t.substring(1));
      } else {
        ids.add(t);
      }
    }
    return new FieldSelection(ids, all, navigable, excluded);
  }

  boolean isEmpty() {
    return ids.isEmpty() && !all && !navigable;
  }

  boolean selects(String id, boolean custom) {
    if (excluded.contains(id)) {
      return false;
    }
    return all || ids.contains(id) || navigable && !id.equals("comment") && !id.equals("worklog");
  }
}
