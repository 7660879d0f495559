package agent.core.backend;

import agent.core.net.HostNetwork;
import agent.rpcdef.internal.net.Network;
import java.net.PasswordAuthentication;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * The HTTP client a {@link BackendClient} runs on, with the agent's network settings. The proxy
 * comes from the JVM's default selector (set by {@code HostNetwork.apply}), and a proxy's 407 is
 * answered with the credentials of its URL ({@link HostNetwork#proxyCredentials}); the extra certificate
 * authorities of {@code ca_file} must be given here, because OkHttp builds its TLS from a trust
 * manager, not from the JVM's default {@code SSLContext}.
 */
public final class BackendHttp {
  private BackendHttp() {}

  /**
   * @param caFile a PEM file of extra authorities to trust, or null for the JDK's only
   * @param connectTimeout how long to wait for a connection
   * @param callTimeout how long one whole call may take (a long poll sets its own read timeout)
   */
  public static OkHttpClient client(Path caFile, Duration connectTimeout, Duration callTimeout) {
    OkHttpClient.Builder b = new OkHttpClient.Builder().connectTimeout(connectTimeout).callTimeout(callTimeout);
    if (caFile != null) {
      X509TrustManager trust = Network.trustManager(caFile);
      b.sslSocketFactory(Network.sslContext(trust).getSocketFactory(), trust);
    }
    PasswordAuthentication proxy = HostNetwork.proxyCredentials();
    if (proxy != null) {
      b.proxyAuthenticator(Network.proxyAuthenticator(proxy));
    }
    return b.build();
  }
}
