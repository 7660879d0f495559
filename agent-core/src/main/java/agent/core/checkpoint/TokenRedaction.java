package agent.core.checkpoint;

import agent.core.log.Redactor;
import java.util.regex.Pattern;

/**
 * What {@code agent checkpoints show} prints of a token. Tokens are cursors, ETags, times and commit
 * ids, never credentials by contract; a plugin could still break it, so whatever looks like a
 * credential is replaced by {@value Redactor#MASK}: a JSON value under a secret-looking key, the
 * password of a URL, an {@code Authorization} scheme's value, and the prefixed tokens of GitHub and
 * GitLab.
 */
public final class TokenRedaction {
  private static final Pattern SECRET_JSON_VALUE = Pattern.compile(
      "(?i)(\"[^\"]*(?:password|passwd|secret|api_?key|private_?key|credential|authorization|access_?token)[^\"]*\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern URL_PASSWORD = Pattern.compile("(://[^/\\s:@]+:)[^@\\s/]+@");
  private static final Pattern SCHEME = Pattern.compile("(?i)\\b(Bearer|Basic|token)\\s+[A-Za-z0-9._~+/=-]{8,}");
  private static final Pattern PREFIXED = Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{20,})");

  private TokenRedaction() {}

  public static String redact(String token) {
    String s = SECRET_JSON_VALUE.matcher(token).replaceAll("$1\"" + Redactor.MASK + "\"");
    s = URL_PASSWORD.matcher(s).replaceAll("$1" + Redactor.MASK + "@");
    s = SCHEME.matcher(s).replaceAll("$1 " + Redactor.MASK);
    return PREFIXED.matcher(s).replaceAll(Redactor.MASK);
  }
}
