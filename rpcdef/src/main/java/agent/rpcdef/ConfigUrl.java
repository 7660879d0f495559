package agent.rpcdef;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A config value that is the http(s) address of a vendor's API or site: trimmed, without trailing
 * slashes, with a host, and without credentials in it (they belong in their own, secret, keys).
 * Each failure is a {@link ConfigException} naming the key and what to give instead.
 */
public final class ConfigUrl {
  private ConfigUrl() {}

  /**
   * The address in {@code value}, trimmed and without trailing slashes.
   *
   * @param key the config key, for the messages
   * @param give what to give instead, ending a sentence: {@code "the API root, https://api.github.com or ..."}
   * @param credentialsFix where credentials go instead, ending a sentence: {@code "put the token in \"access_token\" instead"}
   * @throws ConfigException when it is not an http(s) URL with a host, or carries credentials
   */
  public static URI parse(String key, String value, String give, String credentialsFix) {
    String u = value.trim();
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    URI uri;
    try {
      uri = new URI(u);
    } catch (URISyntaxException e) {
      throw new ConfigException("config key \"" + key + "\" is not a URL (" + e.getReason() + "): give " + give);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
      throw new ConfigException("config key \"" + key + "\" is \"" + value + "\": give " + give);
    }
    if (uri.getUserInfo() != null) {
      throw new ConfigException("config key \"" + key + "\" carries credentials: " + credentialsFix);
    }
    return uri;
  }
}
