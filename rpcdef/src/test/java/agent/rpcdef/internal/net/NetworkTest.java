package agent.rpcdef.internal.net;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.testing.SelfSignedCertificate;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proxy and private CA, against servers on loopback. */
class NetworkTest {

  @Test
  void noProxyFollowsCurlsRules() {
    List<String> rules = Network.noProxy(" localhost, .corp.example ,10.0.0.1,internal");
    assertTrue(Network.bypasses("localhost", rules));
    assertTrue(Network.bypasses("git.corp.example", rules));
    assertTrue(Network.bypasses("corp.example", rules));
    assertTrue(Network.bypasses("a.internal", rules));
    assertTrue(Network.bypasses("10.0.0.1", rules));
    assertFalse(Network.bypasses("github.com", rules));
    assertFalse(Network.bypasses("notcorp.example", rules));
    assertTrue(Network.bypasses("anything", Network.noProxy("*")));
    assertTrue(Network.bypasses("127.0.0.1", List.of()), "loopback is never proxied");
    assertTrue(Network.bypasses("localhost", List.of()));
  }

  @Test
  void noVariableNoProxy() {
    assertNull(Network.proxySelector(Map.of()));
    assertThrows(IllegalArgumentException.class, () -> Network.proxySelector(Map.of("HTTPS_PROXY", "http://:3128")));
  }

  @Test
  void requestsGoThroughTheProxyUnlessExcluded() throws Exception {
    WireMockServer proxy = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
        .enableBrowserProxying(true));
    proxy.start();
    try {
      proxy.stubFor(get(urlEqualTo("/ping")).withHost(equalTo("api.example.invalid"))
          .willReturn(aResponse().withStatus(200).withBody("via proxy")));
      var selector = Network.proxySelector(Map.of("HTTPS_PROXY", "127.0.0.1:" + proxy.port(), "NO_PROXY", "skip.example.invalid"));
      HttpClient client = HttpClient.newBuilder().proxy(selector).build();
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://api.example.invalid/ping")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals("via proxy", r.body());
      assertEquals(List.of(Proxy.NO_PROXY), selector.select(URI.create("https://skip.example.invalid/")));
    } finally {
      proxy.stop();
    }
  }

  @Test
  void aPrivateCaIsTrustedOnlyWhenGiven(@TempDir Path tmp) throws Exception {
    SelfSignedCertificate cert = SelfSignedCertificate.create(tmp, "localhost");
    Path ks = cert.keystore();
    Path ca = cert.pem();

    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(serverContext(ks)));
    server.createContext("/", ex -> {
      byte[] body = "trusted".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
    try {
      URI uri = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/");
      HttpClient withCa = HttpClient.newBuilder().sslContext(Network.sslContext(Map.of(Network.CA_FILE_ENV, ca.toString()))).build();
      assertEquals("trusted", withCa.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body());
      HttpClient without = HttpClient.newBuilder().sslContext(Network.sslContext((Path) null)).build();
      assertThrows(IOException.class, () -> without.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aBadCaFileIsAClearError(@TempDir Path tmp) throws Exception {
    Path junk = Files.writeString(tmp.resolve("junk.pem"), "not a certificate");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Network.sslContext(junk));
    assertTrue(e.getMessage().contains("junk.pem"), e.getMessage());
  }

  private static SSLContext serverContext(Path ks) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(ks.toFile())) {
      store.load(in, SelfSignedCertificate.PASSWORD.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, SelfSignedCertificate.PASSWORD.toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }

}
