package agent.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.net.HostNetwork;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The backend's client behind a proxy that demands credentials: it answers the 407 with the user and
 * password of the proxy URL, as the plugins' clients do. The proxy here answers for the backend
 * itself once it accepts the credentials (a plain-HTTP request to a proxy names the whole URL).
 */
class BackendProxyTest {
  private static final String EXPECTED = "Basic " + Base64.getEncoder()
      .encodeToString("svc-agent:p@ss:w0rd".getBytes(StandardCharsets.UTF_8));

  private ServerSocket proxy;
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private ProxySelector before;

  @BeforeEach
  void start() throws IOException {
    before = ProxySelector.getDefault();
    proxy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(() -> {
      while (!proxy.isClosed()) {
        try (Socket s = proxy.accept()) {
          String head = readHead(s.getInputStream());
          String auth = head.lines().filter(l -> l.regionMatches(true, 0, "Proxy-Authorization:", 0, 20))
              .map(l -> l.substring(20).trim()).findFirst().orElse(null);
          seen.add(head.lines().findFirst().orElse("") + " auth=" + auth);
          String reply = EXPECTED.equals(auth)
              ? "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
              : "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"corp\"\r\n"
                  + "Content-Length: 0\r\nConnection: close\r\n\r\n";
          s.getOutputStream().write(reply.getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
          // closed
        }
      }
    });
    t.setDaemon(true);
    t.start();
  }

  @AfterEach
  void stop() throws IOException {
    proxy.close();
    HostNetwork.apply(null, null);
    ProxySelector.setDefault(before);
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0) {
      b.append((char) c);
      if (b.length() >= 4 && b.substring(b.length() - 4).equals("\r\n\r\n")) {
        break;
      }
    }
    return b.toString();
  }

  private String get(OkHttpClient http) throws IOException {
    try (Response r = http.newCall(new Request.Builder().url("http://backend.example.test/api/v1/ping").build()).execute()) {
      return r.code() + " " + r.body().string();
    }
  }

  @Test
  void aProxyThatWantsCredentialsGetsThoseOfItsUrl() throws IOException {
    HostNetwork.apply("http://svc-agent:p%40ss%3Aw0rd@127.0.0.1:" + proxy.getLocalPort(), null);
    assertEquals("200 ok", get(BackendHttp.client(null, Duration.ofSeconds(5), Duration.ofSeconds(10))));
    assertEquals(2, seen.size(), "a 407, then the request with the credentials: " + seen);
    assertTrue(seen.get(0).startsWith("GET http://backend.example.test/api/v1/ping") && seen.get(0).endsWith("auth=null"),
        seen.toString());
  }

  @Test
  void wrongCredentialsAreSentOnceNotInALoop() throws IOException {
    HostNetwork.apply("http://svc-agent:wrong@127.0.0.1:" + proxy.getLocalPort(), null);
    assertEquals("407 ", get(BackendHttp.client(null, Duration.ofSeconds(5), Duration.ofSeconds(10))));
    assertEquals(2, seen.size(), seen.toString());
  }
}
