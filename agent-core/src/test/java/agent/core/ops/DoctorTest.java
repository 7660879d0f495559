package agent.core.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.config.Enrollment;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each check against a real socket: a fake backend that answers as told, a closed port, a proxy that wants credentials. */
class DoctorTest {
  static final Duration T = Duration.ofSeconds(3);

  @TempDir Path tmp;
  final List<ServerSocket> sockets = new java.util.ArrayList<>();
  final AtomicReference<String> lastAuth = new AtomicReference<>();

  @AfterEach
  void stop() throws Exception {
    for (ServerSocket s : sockets) {
      s.close();
    }
  }

  /**
   * A server answering every request with {@code status} and a Date header {@code skewSeconds} off. Raw
   * sockets: the JDK's HttpServer sets its own Date, and this answers a TLS hello with plain HTTP at once.
   */
  String serve(int status, long skewSeconds) throws Exception {
    ServerSocket ss = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"));
    sockets.add(ss);
    Thread t = new Thread(() -> {
      while (!ss.isClosed()) {
        try (java.net.Socket s = ss.accept()) {
          byte[] buf = new byte[8192];
          int n = s.getInputStream().read(buf);
          String req = n <= 0 ? "" : new String(buf, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
          java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?im)^Authorization: ([^\\r\\n]*)").matcher(req);
          lastAuth.set(m.find() ? m.group(1) : null);
          String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(skewSeconds));
          s.getOutputStream().write(("HTTP/1.1 " + status + " X\r\nDate: " + date
              + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        } catch (java.io.IOException e) {
          // closed
        }
      }
    });
    t.setDaemon(true);
    t.start();
    return "http://127.0.0.1:" + ss.getLocalPort();
  }

  Doctor.Inputs in(String url, String key, String proxy) {
    return new Doctor.Inputs(tmp.resolve("root"), url, key, null, EffectiveProxy.of(proxy, Map.of()), T);
  }

  static Doctor.Check check(List<Doctor.Check> checks, String name) {
    return checks.stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no check " + name + " in " + checks));
  }

  @Test
  void beforeEnrollmentTheLocalChecksRunAndTheNetworkOnesSayWhatIsMissing() {
    List<Doctor.Check> c = Doctor.run(in(null, null, null));
    assertEquals(Doctor.Level.WARN, check(c, "pinpoint root").level(), c.toString());
    assertEquals(Doctor.Level.WARN, check(c, "enrollment").level());
    assertEquals(Doctor.Level.WARN, check(c, "backend").level());
    assertTrue(check(c, "backend").fix().contains("--backend-url"));
    assertEquals(Doctor.Level.WARN, Doctor.worst(c));
  }

  @Test
  void aBackendThatAnswersWithTheRightTimeIsOk() throws Exception {
    List<Doctor.Check> c = Doctor.run(in(serve(404, 0), "ak_secret_key", null));
    assertEquals(Doctor.Level.OK, check(c, "backend").level(), c.toString());
    assertEquals(Doctor.Level.OK, check(c, "clock").level(), c.toString());
    assertEquals(Doctor.Level.OK, check(c, "DNS").level());
    assertEquals(Doctor.Level.OK, check(c, "proxy").level());
    assertEquals("Bearer ak_secret_key", lastAuth.get(), "the key is sent as service-run sends it");
  }

  @Test
  void aClockTenMinutesOffFails() throws Exception {
    Doctor.Check clock = check(Doctor.run(in(serve(404, -600), null, null)), "clock");
    assertEquals(Doctor.Level.FAIL, clock.level(), clock.toString());
    assertTrue(clock.detail().contains("ahead of"), clock.detail());
    assertNotNull(clock.fix());
    assertEquals(Doctor.Level.WARN, check(Doctor.run(in(serve(404, 90), null, null)), "clock").level());
  }

  @Test
  void aRefusedKeyFailsWithTheWayToReEnroll() throws Exception {
    Doctor.Check b = check(Doctor.run(in(serve(401, 0), "ak_revoked", null)), "backend");
    assertEquals(Doctor.Level.FAIL, b.level());
    assertTrue(b.fix().contains("agent enroll <CODE> --force"), b.fix());
  }

  @Test
  void aClosedPortFails() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<Doctor.Check> c = Doctor.run(in("http://127.0.0.1:" + port, null, null));
    assertEquals(Doctor.Level.FAIL, check(c, "backend").level(), c.toString());
    assertEquals(Doctor.Level.FAIL, Doctor.worst(c));
  }

  @Test
  void tlsToSomethingThatIsNotTlsFailsTheTlsCheck() throws Exception {
    String url = serve(404, 0).replace("http://", "https://");
    List<Doctor.Check> c = Doctor.run(in(url, null, null));
    assertEquals(Doctor.Level.FAIL, check(c, "TLS").level(), c.toString());
    assertTrue(check(c, "TLS").fix().contains("ca_file"));
  }

  @Test
  void aProxyThatWantsCredentialsFailsProxyAuthentication() throws Exception {
    String proxy = serve(407, 0);
    List<Doctor.Check> c = Doctor.run(in("http://backend.invalid:8080", null, proxy));
    assertEquals(Doctor.Level.OK, check(c, "proxy").level(), c.toString());
    assertEquals(Doctor.Level.FAIL, check(c, "proxy authentication").level(), c.toString());
    assertEquals(Doctor.Level.WARN, check(c, "DNS").level(), "the proxy resolves the backend: " + c);
  }

  @Test
  void aConfigReadableByOthersFails() throws Exception {
    Path root = tmp.resolve("root");
    new Enrollment("http://127.0.0.1:1", "acme", "dev-1", "ak_0123456789", "stable", "2026-01-01T00:00:00Z").write(root);
    Files.setPosixFilePermissions(root.resolve("config.json"), PosixFilePermissions.fromString("rw-r--r--"));
    Doctor.Check p = check(Doctor.run(in(null, null, null)), "config.json permissions");
    assertEquals(Doctor.Level.FAIL, p.level());
    assertTrue(p.fix().startsWith("chmod 600 "), p.fix());
    assertEquals(Doctor.Level.OK, check(Doctor.run(in(null, null, null)), "pinpoint root").level());
  }
}
