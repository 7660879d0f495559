package agent.testkit.fake;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RFC 8288 {@code Link} headers of paged answers, as GitHub and GitLab send them, and their reading in tests. */
public final class LinkHeader {
  private static final Pattern LINK = Pattern.compile("<([^>]+)>; rel=\"(\\w+)\"");

  private LinkHeader() {}

  /** {@code <url?name=value&...>; rel="rel"}, names and values URL-encoded, in {@code params}' order. */
  public static String entry(String url, Map<String, String> params, String rel) {
    StringBuilder s = new StringBuilder(url);
    char sep = '?';
    for (Map.Entry<String, String> e : params.entrySet()) {
      s.append(sep).append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
      sep = '&';
    }
    return "<" + s + ">; rel=\"" + rel + "\"";
  }

  /** The URLs of a {@code Link} header by their {@code rel}; empty for a null header. */
  public static Map<String, String> links(String header) {
    Map<String, String> links = new HashMap<>();
    if (header != null) {
      Matcher m = LINK.matcher(header);
      while (m.find()) {
        links.put(m.group(2), m.group(1));
      }
    }
    return links;
  }
}
