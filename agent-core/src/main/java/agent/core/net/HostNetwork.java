package agent.core.net;

import agent.rpcdef.internal.net.Network;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

/**
 * Applies the agent's network settings to the host JVM and says what its plugins must get. The
 * host's own HTTP traffic (JGit clones and fetches, the backend client) goes through the JVM's
 * default proxy selector and TLS context, so setting them once covers every client; plugins are
 * separate processes and get the same settings as environment variables (see {@link Network}).
 */
public final class HostNetwork {
  // The proxy's credentials, for the host's OkHttp clients (the backend's), which answer a 407 themselves.
  private static volatile PasswordAuthentication proxyCredentials;

  private HostNetwork() {}

  /** The user and password of the proxy {@link #apply} set, or null when it has none. */
  public static PasswordAuthentication proxyCredentials() {
    return proxyCredentials;
  }

  /**
   * @param proxy the agent config's proxy URL, or null to keep {@code HTTPS_PROXY} from the environment
   * @param caFile a PEM file of extra certificate authorities, or null
   * @return the variables to add to every plugin's environment
   */
  public static Map<String, String> apply(String proxy, Path caFile) {
    Map<String, String> pluginEnv = new HashMap<>();
    Map<String, String> effective = new HashMap<>(System.getenv());
    if (proxy != null) {
      effective.put("HTTPS_PROXY", proxy);
      pluginEnv.put("HTTPS_PROXY", proxy);
      pluginEnv.put("HTTP_PROXY", proxy);
    }
    ProxySelector selector = Network.proxySelector(effective);
    if (selector != null) {
      ProxySelector.setDefault(selector);
    }
    proxyCredentials = selector == null ? null : Network.proxyCredentials(effective);
    if (caFile != null) {
      SSLContext ctx = Network.sslContext(caFile);
      SSLContext.setDefault(ctx);
      HttpsURLConnection.setDefaultSSLSocketFactory(ctx.getSocketFactory());
      pluginEnv.put(Network.CA_FILE_ENV, caFile.toAbsolutePath().toString());
    }
    return pluginEnv;
  }
}
