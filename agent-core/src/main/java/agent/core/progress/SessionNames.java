package agent.core.progress;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Session keys as people read them. A key is {@code <integration>/<type>/<escaped id>/.../<model type>}
 * ({@code agent.rpcdef.internal.SessionKeys}), with '/' and '%' of an id percent-escaped, so a git
 * repository at {@code /tmp/commons-lang} has the key {@code git/repo/%2Ftmp%2Fcommons-lang}. For
 * display the innermost entity counts: its id decoded, a local path shortened to its folder name and a
 * URL to its path ({@code acme/api}), a model type added after a colon when the key ends with one.
 */
public final class SessionNames {
  private SessionNames() {}

  /**
   * {@code commons-lang} for {@code git/repo/%2Ftmp%2Fcommons-lang}, {@code acme/api: sourcecode.PullRequest}
   * for {@code github/organization/acme/repo/acme%2Fapi/sourcecode.PullRequest}, {@code acme-0} for
   * {@code mock/organization/acme-0}; the key itself when it has no entity.
   */
  public static String display(String key) {
    if (key == null || key.isEmpty()) {
      return "";
    }
    String[] parts = key.split("/", -1);
    // parts[0] is the integration; then type/id pairs; a model type may end it.
    boolean endsWithModel = parts.length % 2 == 0 && parts[parts.length - 1].contains(".");
    int pairsEnd = endsWithModel ? parts.length - 1 : parts.length;
    if (pairsEnd < 3) {
      return endsWithModel ? parts[parts.length - 1] : key;
    }
    String name = entity(decode(parts[pairsEnd - 1]));
    return endsWithModel ? name + ": " + parts[parts.length - 1] : name;
  }

  /** An entity id as people call it: a URL by its path, a local path by its folder name, anything else as it is. */
  static String entity(String id) {
    if (id.matches("(?i)[a-z][a-z0-9+.-]*://.*")) {
      return urlName(id);
    }
    if (id.matches("[a-zA-Z][a-zA-Z0-9.-]*@[^:/]+:.+")) {
      return stripGit(id.substring(id.indexOf(':') + 1)); // scp-like git@host:owner/name.git
    }
    if (id.startsWith("/") || id.startsWith("\\") || id.matches("(?i)[a-z]:[\\\\/].*")) {
      String trimmed = id.replaceAll("[\\\\/]+$", "");
      int cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
      String folder = trimmed.substring(cut + 1);
      return folder.isEmpty() ? id : stripGit(folder);
    }
    return id;
  }

  private static String urlName(String url) {
    try {
      URI u = URI.create(url);
      if ("file".equalsIgnoreCase(u.getScheme())) {
        return entity(u.getPath());
      }
      String path = u.getPath() == null ? "" : u.getPath().replaceAll("^/+|/+$", "");
      return path.isEmpty() ? u.getHost() : stripGit(path);
    } catch (IllegalArgumentException e) {
      return url;
    }
  }

  private static String stripGit(String s) {
    return s.endsWith(".git") ? s.substring(0, s.length() - 4) : s;
  }

  private static String decode(String segment) {
    if (segment.indexOf('%') < 0) {
      return segment;
    }
    try {
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return segment; // not an escape the host made: show it as it is
    }
  }
}
