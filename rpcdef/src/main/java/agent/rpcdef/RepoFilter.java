package agent.rpcdef;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which repositories to export, from the config keys {@code repos} and {@code exclude_repos}: globs
 * of full names ({@code owner/name} on GitHub, {@code group/subgroup/name} on GitLab) to include
 * (none: all) and to exclude, case insensitive as those systems' names are. {@code *} matches within
 * a name part, {@code **} across slashes, {@code ?} one character. Immutable and thread-safe.
 */
public final class RepoFilter {
  private final List<Pattern> include;
  private final List<Pattern> exclude;

  private RepoFilter(List<Pattern> include, List<Pattern> exclude) {
    this.include = include;
    this.exclude = exclude;
  }

  /** The filter of those two config keys; a {@link ConfigException} names a glob that is no full-name glob. */
  public static RepoFilter of(List<String> include, List<String> exclude) {
    return new RepoFilter(compile("repos", include), compile("exclude_repos", exclude));
  }

  /** True when {@code fullName} ({@code owner/name}) is to be exported. */
  public boolean accepts(String fullName) {
    String n = fullName.toLowerCase(Locale.ROOT);
    if (!include.isEmpty() && include.stream().noneMatch(p -> p.matcher(n).matches())) {
      return false;
    }
    return exclude.stream().noneMatch(p -> p.matcher(n).matches());
  }

  private static List<Pattern> compile(String key, List<String> globs) {
    List<Pattern> out = new ArrayList<>();
    for (String g : globs) {
      if (g.isBlank() || !(g.contains("/") || g.contains("**"))) {
        throw new ConfigException("config key \"" + key + "\" lists \"" + g + "\": give globs of full names (owner/name,"
            + " group/subgroup/name) such as \"acme/api\", \"acme/*\" or \"acme/**\"");
      }
      out.add(Pattern.compile(regex(g.toLowerCase(Locale.ROOT))));
    }
    return out;
  }

  private static String regex(String glob) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        re.append(".*");
        i++;
      } else if (c == '*') {
        re.append("[^/]*");
      } else if (c == '?') {
        re.append("[^/]");
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return re.toString();
  }
}
