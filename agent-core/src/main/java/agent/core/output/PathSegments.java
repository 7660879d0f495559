package agent.core.output;

import java.util.regex.Pattern;

/**
 * Validates the names that become folders of an export (integration ids, model types). They come
 * from configuration and from plugins, so they are checked before they touch the file system: a
 * name like {@code ../../x} must not write outside the export folder.
 */
final class PathSegments {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]+");
  // Far below every file system's 255-byte name limit, with room for the longest suffix we add.
  static final int MAX_LENGTH = 128;

  private PathSegments() {}

  /**
   * Returns {@code value} if it is a safe single path segment: letters, digits, {@code '.'}, {@code
   * '_'}, {@code '-'}; not empty, no {@code ".."}, at most {@value #MAX_LENGTH} characters.
   *
   * @param what names the value in the error message, e.g. "integration id"
   * @throws IllegalArgumentException otherwise
   */
  static String check(String what, String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    if (value.length() > MAX_LENGTH
        || !SAFE.matcher(value).matches()
        || value.contains("..")
        || value.equals(".")) {
      throw new IllegalArgumentException(
          what
              + " \""
              + value
              + "\" is not a safe folder name: use 1 to "
              + MAX_LENGTH
              + " letters, digits, '.', '_' or '-', without \"..\"");
    }
    return value;
  }
}
