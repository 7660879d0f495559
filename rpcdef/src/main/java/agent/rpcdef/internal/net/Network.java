package agent.rpcdef.internal.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The corporate network as the agent and its plugins see it: a proxy from {@code HTTPS_PROXY} (or
 * {@code https_proxy}, then {@code HTTP_PROXY}) for every host but those in {@code NO_PROXY}, and TLS
 * that trusts the JDK's certificate authorities plus those in the PEM file named by {@value
 * #CA_FILE_ENV}. The host sets these variables for every plugin from its own settings; HTTP clients
 * of integrations take their proxy and TLS from here. Verification is never switched off.
 */
public final class Network {
  /** A PEM file of extra certificate authorities (a corporate TLS-inspecting proxy's, say). */
  public static final String CA_FILE_ENV = "AGENT_CA_FILE";

  private Network() {}

  /** The proxy for {@code env}, or null when none is set. */
  public static ProxySelector proxySelector(Map<String, String> env) {
    String p = first(env, "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy");
    if (p == null) {
      return null;
    }
    URI u = URI.create(p.contains("://") ? p : "http://" + p);
    if (u.getHost() == null) {
      throw new IllegalArgumentException("proxy \"" + p + "\" has no host; write it as http://host:port");
    }
    Proxy proxy = new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(u.getHost(), u.getPort() < 0 ? 80 : u.getPort()));
    List<String> noProxy = noProxy(first(env, "NO_PROXY", "no_proxy"));
    return new ProxySelector() {
      @Override
      public List<Proxy> select(URI uri) {
        return bypasses(uri.getHost(), noProxy) ? List.of(Proxy.NO_PROXY) : List.of(proxy);
      }

      @Override
      public void connectFailed(URI uri, SocketAddress sa, IOException e) {
        // Nothing to remember: the next request tries the proxy again.
      }
    };
  }

  /**
   * The user and password in the proxy URL of {@code env} ({@code http://user:pass@proxy:3128},
   * percent-decoded), or null when the proxy has none or no proxy is set. For clients that answer a
   * proxy's 407 themselves.
   */
  public static java.net.PasswordAuthentication proxyCredentials(Map<String, String> env) {
    String p = first(env, "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy");
    if (p == null) {
      return null;
    }
    String userInfo = URI.create(p.contains("://") ? p : "http://" + p).getUserInfo(); // decoded
    if (userInfo == null || userInfo.isEmpty()) {
      return null;
    }
    int colon = userInfo.indexOf(':');
    String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
    String pass = colon < 0 ? "" : userInfo.substring(colon + 1);
    return new java.net.PasswordAuthentication(user, pass.toCharArray());
  }

  /**
   * An OkHttp authenticator that answers a proxy's 407 with {@code credentials} (Basic), for plain
   * requests and for the CONNECT of an HTTPS tunnel, once: credentials the proxy refused already are
   * not sent again. The JDK's ban on Basic for tunnels ({@code jdk.http.auth.tunneling.disabledSchemes})
   * binds java.net clients only, not OkHttp.
   */
  public static okhttp3.Authenticator proxyAuthenticator(java.net.PasswordAuthentication credentials) {
    String header = okhttp3.Credentials.basic(credentials.getUserName(), new String(credentials.getPassword()));
    return (route, response) -> {
      if (header.equals(response.request().header("Proxy-Authorization"))) {
        return null; // These credentials were refused already; asking again would loop.
      }
      return response.request().newBuilder().header("Proxy-Authorization", header).build();
    };
  }

  /** The system's proxy variables, for {@link #proxySelector(Map)}. */
  public static ProxySelector proxySelectorFromEnvironment() {
    return proxySelector(System.getenv());
  }

  static List<String> noProxy(String value) {
    List<String> out = new ArrayList<>();
    if (value != null) {
      for (String h : value.split(",")) {
        String t = h.trim().toLowerCase(Locale.ROOT);
        if (!t.isEmpty()) {
          out.add(t);
        }
      }
    }
    return out;
  }

  /**
   * curl's NO_PROXY rules: "*", an exact host, or a domain suffix (with or without a leading dot);
   * and loopback always, since a proxy cannot reach this machine's own services.
   */
  static boolean bypasses(String host, List<String> noProxy) {
    if (host == null) {
      return true;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]")) {
      return true;
    }
    for (String n : noProxy) {
      if (n.equals("*")) {
        return true;
      }
      String domain = n.startsWith(".") ? n.substring(1) : n;
      if (h.equals(domain) || h.endsWith("." + domain)) {
        return true;
      }
    }
    return false;
  }

  /**
   * TLS trusting the JDK's authorities and, when {@code caFile} is given, the certificates in it.
   *
   * @throws IllegalArgumentException when the file cannot be read or holds no certificate
   */
  public static SSLContext sslContext(Path caFile) {
    if (caFile == null) {
      try {
        return SSLContext.getDefault();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
      }
    }
    return sslContext(trustManager(caFile));
  }

  /** TLS trusting what {@code trust} trusts, for a client that also needs the trust manager itself. */
  public static SSLContext sslContext(X509TrustManager trust) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new javax.net.ssl.TrustManager[] {trust}, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  /**
   * The trust manager behind {@link #sslContext(Path)}: the JDK's authorities plus those in {@code
   * caFile} (just the JDK's when null). Clients such as OkHttp need it beside the socket factory.
   *
   * @throws IllegalArgumentException when the file cannot be read or holds no certificate
   */
  public static X509TrustManager trustManager(Path caFile) {
    try {
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      if (caFile == null) {
        tmf.init((KeyStore) null);
        return x509(tmf);
      }
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      int n = 0;
      for (X509Certificate c : jdkAuthorities()) {
        ks.setCertificateEntry("jdk-" + n++, c);
      }
      Collection<? extends Certificate> extra;
      try (InputStream in = Files.newInputStream(caFile)) {
        extra = CertificateFactory.getInstance("X.509").generateCertificates(in);
      } catch (IOException | java.security.cert.CertificateException e) {
        throw new IllegalArgumentException("cannot read certificates from " + caFile + ": " + e.getMessage(), e);
      }
      if (extra.isEmpty()) {
        throw new IllegalArgumentException(caFile + " holds no PEM certificate");
      }
      int i = 0;
      for (Certificate c : extra) {
        ks.setCertificateEntry("extra-" + i++, c);
      }
      tmf.init(ks);
      return x509(tmf);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static X509TrustManager x509(TrustManagerFactory tmf) {
    for (var tm : tmf.getTrustManagers()) {
      if (tm instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new IllegalStateException("cannot set up TLS: the JDK has no X.509 trust manager");
  }

  /** TLS for a plugin: {@link #CA_FILE_ENV} from {@code env}, if set. */
  public static SSLContext sslContext(Map<String, String> env) {
    String f = env.get(CA_FILE_ENV);
    return sslContext(f == null || f.isEmpty() ? null : Path.of(f));
  }

  private static List<X509Certificate> jdkAuthorities() throws GeneralSecurityException {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init((KeyStore) null);
    List<X509Certificate> out = new ArrayList<>();
    for (var tm : tmf.getTrustManagers()) {
      if (tm instanceof X509TrustManager x) {
        out.addAll(List.of(x.getAcceptedIssuers()));
      }
    }
    return out;
  }

  private static String first(Map<String, String> env, String... keys) {
    for (String k : keys) {
      String v = env.get(k);
      if (v != null && !v.isBlank()) {
        return v.trim();
      }
    }
    return null;
  }
}
