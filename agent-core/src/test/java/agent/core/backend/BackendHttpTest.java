package agent.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backend behind a private certificate authority: refused without ca_file, trusted with it. */
class BackendHttpTest {
  static final String PASS = "changeit";

  @TempDir Path tmp;
  HttpsServer server;
  Path caPem;

  @BeforeEach
  void start() throws Exception {
    Path ks = tmp.resolve("backend.p12");
    caPem = tmp.resolve("ca.pem");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    keytool(keytool, "-genkeypair", "-alias", "backend", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
        "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore", ks.toString(), "-storetype", "PKCS12",
        "-storepass", PASS, "-keypass", PASS);
    keytool(keytool, "-exportcert", "-rfc", "-alias", "backend", "-keystore", ks.toString(), "-storepass", PASS,
        "-file", caPem.toString());

    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(ks)) {
      store.load(in, PASS.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, PASS.toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext("/api/v1/enroll", exchange -> {
      byte[] body = "{\"customer_id\":\"acme\",\"device_id\":\"dev-1\",\"api_key\":\"ak_x\",\"enrolled\":\"2026-11-22T10:30:00Z\"}"
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(201, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void anUntrustedBackendIsATerminalFailureNotARetry() {
    BackendException e = assertThrows(BackendException.class, () -> client(null).enroll(request()));
    assertEquals(0, e.status());
    assertFalse(e.retryable(), "an untrusted certificate stays untrusted: " + e.getMessage());
  }

  @Test
  void caFileMakesThePrivateAuthorityTrusted() throws Exception {
    assertEquals("dev-1", client(caPem).enroll(request()).deviceId());
  }

  private BackendClient client(Path caFile) {
    URI url = URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    return new BackendClient(BackendHttp.client(caFile, Duration.ofSeconds(5), Duration.ofSeconds(10)), url, null, "test");
  }

  private static EnrollRequest request() {
    return new EnrollRequest("CODE", "r-1", "h", "linux", "amd64", "test", "dev");
  }

  private static void keytool(String... args) throws Exception {
    Process p = new ProcessBuilder(List.of(args)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("keytool failed: " + out);
    }
  }
}
