package agent.rpcdef.http;

import agent.rpcdef.ConfigException;
import agent.rpcdef.internal.net.Network;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.X509TrustManager;
import okhttp3.Dns;
import okhttp3.OkHttpClient;

/**
 * The OkHttp client under an {@link ApiClient}, set up from the agent's network settings: the proxy
 * of {@code HTTPS_PROXY}/{@code NO_PROXY} (with its credentials, if the URL has them) and TLS that
 * also trusts {@code AGENT_CA_FILE}. Certificate and host name verification stay as OkHttp does
 * them; nothing here can switch them off.
 */
final class Transport {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
  static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  private Transport() {}

  static OkHttpClient create(Map<String, String> env, Dns dns) {
    OkHttpClient.Builder b = new OkHttpClient.Builder()
        .connectTimeout(CONNECT_TIMEOUT)
        .readTimeout(READ_TIMEOUT)
        .writeTimeout(READ_TIMEOUT)
        // Our loop retries with backoff and accounting; OkHttp's silent retry would hide attempts.
        .retryOnConnectionFailure(false)
        // A redirect from https to http would carry the credentials in clear text.
        .followSslRedirects(false);
    if (dns != null) {
      b.dns(dns);
    }
    ProxySelector proxy;
    try {
      proxy = Network.proxySelector(env);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("the proxy setting is invalid: " + e.getMessage());
    }
    if (proxy != null) {
      b.proxySelector(proxy);
      PasswordAuthentication cred = Network.proxyCredentials(env);
      if (cred != null) {
        // OkHttp answers a proxy's 407 itself, for plain requests and for the CONNECT of an HTTPS tunnel.
        b.proxyAuthenticator(Network.proxyAuthenticator(cred));
      }
    }
    String ca = env.get(Network.CA_FILE_ENV);
    if (ca != null && !ca.isBlank()) {
      X509TrustManager trust;
      try {
        trust = Network.trustManager(Path.of(ca.trim()));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(Network.CA_FILE_ENV + " is unusable: " + e.getMessage());
      }
      b.sslSocketFactory(Network.sslContext(trust).getSocketFactory(), trust);
    }
    return b.build();
  }
}
