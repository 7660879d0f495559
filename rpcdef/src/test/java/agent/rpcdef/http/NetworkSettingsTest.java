package agent.rpcdef.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.ConfigException;
import agent.rpcdef.testing.SelfSignedCertificate;
import agent.rpcdef.internal.net.Network;
import agent.rpcdef.testing.FakeClock;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Dns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client built from the agent's network settings: an authenticating proxy for plain requests and
 * HTTPS tunnels, NO_PROXY, and a private CA. "api.example.test" resolves to loopback through the
 * builder's DNS hook; the proxy relays it there too.
 */
class NetworkSettingsTest {
  private static final String HOST = "api.example.test";
  private static final Dns FAKE_DNS = name -> name.equals(HOST) ? List.of(InetAddress.getLoopbackAddress()) : Dns.SYSTEM.lookup(name);

  @TempDir
  Path tmp;
  private WireMockServer server;
  private AuthenticatingProxy proxy;
  private Path caPem;
  private final FakeClock clock = new FakeClock();

  @BeforeEach
  void start() throws Exception {
    SelfSignedCertificate cert = SelfSignedCertificate.create(tmp, HOST);
    caPem = cert.pem();
    server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().dynamicHttpsPort()
        .keystorePath(cert.keystore().toString()).keystorePassword(SelfSignedCertificate.PASSWORD)
        .keyManagerPassword(SelfSignedCertificate.PASSWORD).keystoreType("PKCS12"));
    server.start();
    server.stubFor(get(urlEqualTo("/ping")).willReturn(aResponse().withStatus(200).withBody("pong")));
    proxy = new AuthenticatingProxy("svc-agent", "p@ss:w0rd");
  }

  @AfterEach
  void stop() throws Exception {
    server.stop();
    proxy.close();
  }

  private String proxyUrl(String password) {
    return "http://svc-agent:" + password.replace("@", "%40").replace(":", "%3A") + "@127.0.0.1:" + proxy.port();
  }

  private ApiClient client(String base, Map<String, String> env) {
    return ApiClient.builder().baseUrl(base).clock(clock).network(env).dns(FAKE_DNS).retries(2, java.time.Duration.ofMinutes(1)).build();
  }

  @Test
  void plainRequestsGoThroughAProxyThatDemandsCredentials() {
    ApiClient api = client("http://" + HOST + ":" + server.port(), Map.of("HTTPS_PROXY", proxyUrl("p@ss:w0rd")));
    assertEquals("pong", api.get("/ping").bodyString());
    assertEquals(1, proxy.challenges.get(), "the proxy's 407 was answered");
    assertEquals(List.of("GET http://" + HOST + ":" + server.port() + "/ping"), proxy.relayed);
    server.verify(getRequestedFor(urlEqualTo("/ping")).withHeader("Host", equalTo(HOST + ":" + server.port())));
  }

  @Test
  void wrongProxyCredentialsAreAClearErrorWithoutThePassword() {
    ApiClient api = client("http://" + HOST + ":" + server.port(), Map.of("HTTPS_PROXY", proxyUrl("wrong-secret")));
    HttpException e = assertThrows(HttpException.class, () -> api.get("/ping"));
    assertEquals(407, e.status());
    assertTrue(e.getMessage().contains("the proxy refused its credentials"), e.getMessage());
    assertFalse(e.getMessage().contains("wrong-secret"), e.getMessage());
    assertEquals(List.of(), proxy.relayed);
  }

  @Test
  void httpsTunnelsThroughTheProxyAndTrustsThePrivateCa() {
    ApiClient api = client("https://" + HOST + ":" + server.httpsPort(),
        Map.of("HTTPS_PROXY", proxyUrl("p@ss:w0rd"), Network.CA_FILE_ENV, caPem.toString()));
    assertEquals("pong", api.get("/ping").bodyString());
    assertEquals(List.of("CONNECT " + HOST + ":" + server.httpsPort()), proxy.relayed);
  }

  @Test
  void withoutTheCaFileVerificationFailsAndIsNotRetried() {
    ApiClient api = client("https://" + HOST + ":" + server.httpsPort(), Map.of("HTTPS_PROXY", proxyUrl("p@ss:w0rd")));
    HttpException e = assertThrows(HttpException.class, () -> api.get("/ping"));
    assertEquals(0, e.status());
    assertTrue(e.getMessage().contains("failed TLS verification") && e.getMessage().contains("AGENT_CA_FILE"), e.getMessage());
    assertEquals(List.of(), clock.sleeps());
    server.verify(0, getRequestedFor(urlEqualTo("/ping")));
  }

  @Test
  void noProxyHostsGoDirect() {
    ApiClient api = client("https://" + HOST + ":" + server.httpsPort(), Map.of("HTTPS_PROXY", proxyUrl("p@ss:w0rd"),
        "NO_PROXY", ".example.test", Network.CA_FILE_ENV, caPem.toString()));
    assertEquals("pong", api.get("/ping").bodyString());
    assertEquals(List.of(), proxy.relayed);
    assertEquals(0, proxy.challenges.get());
  }

  @Test
  void unusableSettingsAreConfigErrors() throws Exception {
    Path junk = Files.writeString(tmp.resolve("junk.pem"), "not a certificate");
    ConfigException ca = assertThrows(ConfigException.class, () -> client("https://" + HOST, Map.of(Network.CA_FILE_ENV, junk.toString())));
    assertTrue(ca.getMessage().contains("AGENT_CA_FILE"), ca.getMessage());
    assertThrows(ConfigException.class, () -> client("https://" + HOST, Map.of("HTTPS_PROXY", "http://:3128")));
  }

}
