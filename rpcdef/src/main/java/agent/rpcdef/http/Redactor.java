package agent.rpcdef.http;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes secrets out of text before it is logged or put in an exception: the client's own
 * credentials wherever they appear, and the values of query parameters that carry credentials by
 * convention ({@code private_token}, {@code access_token}, ...), whoever put them there.
 */
final class Redactor {
  static final String MASK = "REDACTED";

  private static final Set<String> SECRET_PARAMS = Set.of("access_token", "private_token", "token", "api_key",
      "apikey", "key", "password", "client_secret", "refresh_token", "id_token", "sig", "signature", "secret",
      "job_token", "oauth_token");

  // name=value in a query string or form; the value ends at &, #, whitespace or a quote.
  private static final Pattern PARAM = Pattern.compile("([?&;]|^)([A-Za-z0-9_.\\-]+)=([^&#\\s\"']*)");
  // user:password@ in a URL.
  private static final Pattern USERINFO = Pattern.compile("(://)([^/@\\s:]+):([^/@\\s]+)@");

  private final Supplier<List<String>> secrets;

  Redactor(Supplier<List<String>> secrets) {
    this.secrets = secrets;
  }

  static Redactor none() {
    return new Redactor(List::of);
  }

  /** {@code text} with every known secret and secret-looking parameter value masked. */
  String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (String s : secrets.get()) {
      // Short values ("a", "1") would mask unrelated text; real secrets are never that short.
      if (s != null && s.length() >= 4) {
        out = out.replace(s, MASK);
      }
    }
    Matcher m = PARAM.matcher(out);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String name = m.group(2).toLowerCase(Locale.ROOT);
      String replacement = SECRET_PARAMS.contains(name) && !m.group(3).isEmpty()
          ? m.group(1) + m.group(2) + "=" + MASK
          : m.group(0);
      m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(sb);
    return USERINFO.matcher(sb.toString()).replaceAll("$1$2:" + MASK + "@");
  }
}
