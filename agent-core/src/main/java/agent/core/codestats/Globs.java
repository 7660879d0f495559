package agent.core.codestats;

import java.util.regex.Pattern;

/**
 * The glob syntax shared by branch filters and file exclusions: {@code *} and {@code ?} within one
 * path segment, {@code **} across segments, and {@code **}{@code /} for zero or more whole segments.
 * Anchoring is the caller's: branch globs match whole names, file globs follow gitignore's rules.
 */
public final class Globs {
  private Globs() {}

  /** Appends the regular expression for {@code glob} to {@code re}. */
  public static StringBuilder translate(String glob, StringBuilder re) {
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        i++;
        if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
          i++;
          re.append("(?:.*/)?");
        } else {
          re.append(".*");
        }
      } else if (c == '*') {
        re.append("[^/]*");
      } else if (c == '?') {
        re.append("[^/]");
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return re;
  }
}
