package agent.integrations.git;

import agent.rpcdef.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a repository is: a local folder (an absolute path) or a clone URL (https, http, ssh, git,
 * file, or scp-like {@code git@host:owner/repo.git}).
 *
 * @param refId the stable identity of the repository: the normalized path or the URL without
 *     credentials
 * @param name a readable name: "owner/repo" for a URL, the folder name for a path
 * @param local true for a local folder
 */
record RepoLocation(String refId, String name, boolean local) {

  static RepoLocation parse(String entry, int index) {
    String where = "config key \"repos\"[" + index + "]";
    String s = entry == null ? "" : entry.trim();
    if (s.isEmpty()) {
      throw new ConfigException(where + " is empty: give an absolute path or a clone URL");
    }
    if (s.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
      return url(s, where);
    }
    if (s.matches("^[^/\\\\\\s]+@[^/:\\s]+:.+")) {
      // scp-like syntax: git@github.com:acme/api.git
      String path = s.substring(s.indexOf(':') + 1);
      return new RepoLocation(s, nameOf(path), false);
    }
    Path p = Path.of(s);
    if (!p.isAbsolute()) {
      throw new ConfigException(where + ": \"" + s + "\" is a relative path; the plugin does not run in your folder, "
          + "so give an absolute path (for the current folder: \"$PWD\")");
    }
    Path norm = p.normalize();
    Path file = norm.getFileName();
    return new RepoLocation(norm.toString(), file == null ? norm.toString() : stripGit(file.toString()), true);
  }

  private static RepoLocation url(String s, String where) {
    URI u;
    try {
      u = new URI(s);
    } catch (URISyntaxException e) {
      throw new ConfigException(where + ": \"" + redact(s) + "\" is not a valid URL: " + e.getReason());
    }
    String scheme = u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http") && !scheme.equals("ssh") && !scheme.equals("git")
        && !scheme.equals("file")) {
      throw new ConfigException(where + ": scheme \"" + scheme + "\" is not supported; use https, ssh, git or file");
    }
    if (u.getUserInfo() != null && u.getUserInfo().contains(":")) {
      throw new ConfigException(where + ": put credentials in \"username\" and \"password\", not in the URL");
    }
    String path = u.getPath() == null ? "" : u.getPath();
    return new RepoLocation(s, nameOf(path), false);
  }

  /** "owner/repo" from "/owner/repo.git", or the last segment when there is only one. */
  static String nameOf(String path) {
    String p = path.replaceAll("/+$", "");
    String[] parts = p.split("/");
    String last = stripGit(parts[parts.length - 1]);
    if (parts.length >= 2 && !parts[parts.length - 2].isEmpty()) {
      return parts[parts.length - 2] + "/" + last;
    }
    return last.isEmpty() ? p : last;
  }

  private static String stripGit(String s) {
    return s.endsWith(".git") ? s.substring(0, s.length() - 4) : s;
  }

  private static String redact(String s) {
    return s.replaceAll("//[^/@]*@", "//***@");
  }

  boolean isHttp() {
    return refId.startsWith("http://") || refId.startsWith("https://");
  }
}
