package agent.core.ops;

import java.net.URI;
import java.util.Map;

/**
 * The proxy the agent uses and where that came from: the agent's {@code proxy} setting wins over the
 * environment's {@code HTTPS_PROXY}, {@code https_proxy}, {@code HTTP_PROXY}, {@code http_proxy} (the
 * order {@code Network.proxySelector} reads them in). {@link #display()} never shows a password.
 *
 * @param url the proxy URL, or null for direct connections
 * @param source {@code config.json}, the variable's name, or {@code none}
 * @param noProxy {@code NO_PROXY} (or {@code no_proxy}), or null
 */
public record EffectiveProxy(String url, String source, String noProxy) {
  private static final String[] VARIABLES = {"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"};

  /** @param configured the {@code proxy} of config.json or of the agent config, or null */
  public static EffectiveProxy of(String configured, Map<String, String> env) {
    String noProxy = env.getOrDefault("NO_PROXY", env.get("no_proxy"));
    if (configured != null && !configured.isBlank()) {
      return new EffectiveProxy(configured, "config.json", noProxy);
    }
    for (String v : VARIABLES) {
      String p = env.get(v);
      if (p != null && !p.isBlank()) {
        return new EffectiveProxy(p, v, noProxy);
      }
    }
    return new EffectiveProxy(null, "none", noProxy);
  }

  /** The URL with its password (if any) masked; "none" without a proxy. */
  public String display() {
    return url == null ? "none" : withoutPassword(url);
  }

  /** {@code http://user:[REDACTED]@host:port}: a URL fit to print. Unparseable text is masked whole. */
  public static String withoutPassword(String url) {
    try {
      URI u = URI.create(url.contains("://") ? url : "http://" + url);
      String info = u.getRawUserInfo();
      if (info == null) {
        return url;
      }
      int colon = info.indexOf(':');
      String masked = colon < 0 ? info : info.substring(0, colon) + ":" + agent.core.log.Redactor.MASK;
      return url.replace(info + "@", masked + "@");
    } catch (IllegalArgumentException e) {
      return agent.core.log.Redactor.MASK;
    }
  }

  /** The proxy's {@code user:password}, decoded; null when it has none. */
  public String credentials() {
    if (url == null) {
      return null;
    }
    try {
      URI u = URI.create(url.contains("://") ? url : "http://" + url);
      return u.getUserInfo();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
