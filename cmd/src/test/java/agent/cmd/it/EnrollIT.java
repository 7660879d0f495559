package agent.cmd.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agent enroll} of the distribution against {@code bin/devbackend}, both real processes. */
class EnrollIT {
  static final Duration TIMEOUT = Duration.ofMinutes(1);

  /**
   * One backend for the class: each test enrolls with codes of its own into a root of its own, and what it
   * checks of the backend (a device's folder) is keyed by the device id it got, so the tests cannot see
   * each other's enrollments. Starting a JVM per test bought no isolation that the tests rely on.
   */
  @TempDir static Path backendDir;
  static DevBackendProcess backend;
  @TempDir Path tmp;
  Path root;

  @BeforeAll
  static void startBackend() throws Exception {
    backend = DevBackendProcess.start(backendDir.resolve("devbackend"));
  }

  @AfterAll
  static void stopBackend() throws Exception {
    if (backend != null) {
      backend.close();
    }
  }

  @BeforeEach
  void newRoot() {
    root = tmp.resolve("root");
  }

  @Test
  void enrollsOnceWritesAPrivateConfigAndNeverPrintsTheKey() throws Exception {
    Dist.Result r = enroll(backend.mintCode("acme"), "--channel=dev");
    assertEquals(0, r.exit(), r.all());

    Path config = root.resolve("config.json");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
    JsonNode c = Json.mapper().readTree(Files.readAllBytes(config));
    assertEquals(backend.url(), c.get("backend_url").asText());
    assertEquals("acme", c.get("customer_id").asText());
    assertEquals("dev", c.get("channel").asText());
    String device = c.get("device_id").asText();
    String key = c.get("api_key").asText();
    assertTrue(key.startsWith("ak_"), "the key is in config.json");
    assertTrue(Files.isDirectory(backendDir.resolve("devbackend/devices").resolve(device)), "the backend knows device " + device);
    assertTrue(r.stdout().contains("as device " + device + " of customer acme"), r.all());
    assertFalse(r.all().contains(key), "the API key must not be printed: " + r.all());

    Dist.Result again = enroll(backend.mintCode("acme"));
    assertEquals(2, again.exit(), again.all());
    assertTrue(again.stderr().contains("already enrolled as device " + device + " with " + backend.url()
        + "; to enroll again run: agent enroll <CODE> --force"), again.all());
    assertEquals(device, Json.mapper().readTree(Files.readAllBytes(config)).get("device_id").asText(), "untouched");

    Dist.Result forced = enroll(backend.mintCode("acme"), "--force");
    assertEquals(0, forced.exit(), forced.all());
    JsonNode replaced = Json.mapper().readTree(Files.readAllBytes(config));
    assertNotEquals(device, replaced.get("device_id").asText());
    assertTrue(forced.stdout().contains("It replaced the enrollment of device " + device), forced.all());
    assertFalse(forced.all().contains(replaced.get("api_key").asText()), forced.all());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
  }

  @Test
  void theBackendUrlCanComeFromTheEnvironment() throws Exception {
    Dist.Result r = Dist.run(TIMEOUT, Map.of("AGENT_BACKEND_URL", backend.url()), "enroll", backend.mintCode("acme"),
        "--pinpoint-root=" + root, "--run-type=enroll-only");
    assertEquals(0, r.exit(), r.all());
    assertTrue(Files.exists(root.resolve("config.json")));
  }

  @Test
  void foregroundPrintsTheCommandThatRunsTheService() throws Exception {
    Dist.Result r = Dist.run(TIMEOUT, "enroll", backend.mintCode("acme"), "--backend-url", backend.url(),
        "--pinpoint-root=" + root, "--run-type", "foreground");
    assertEquals(0, r.exit(), r.all());
    assertTrue(r.stdout().contains(Dist.home().resolve("bin/agent") + " service-run --pinpoint-root=" + root), r.all());
  }

  @Test
  void aServiceThatCannotBeInstalledKeepsTheEnrollmentAndSaysHowToGoOn() throws Exception {
    // procrun with a prunsrv that does not exist: no file is written and nothing can be installed,
    // on any machine the test runs on.
    Dist.Result r = Dist.run(TIMEOUT, "enroll", backend.mintCode("acme"), "--backend-url", backend.url(),
        "--pinpoint-root=" + root, "--platform=procrun", "--prunsrv=" + tmp.resolve("no/prunsrv.exe"));
    assertEquals(3, r.exit(), r.all());
    assertTrue(r.stdout().contains("+ " + tmp.resolve("no/prunsrv.exe") + " //IS//pinpoint-agent"), "printed before it ran: " + r.all());
    assertTrue(r.stderr().contains("enrolled, but installing the service failed: "), r.all());
    assertTrue(r.stderr().contains("once fixed, run: agent service install --pinpoint-root=" + root), r.all());
    assertTrue(Files.exists(root.resolve("config.json")), "the enrollment is kept");
  }

  @Test
  void aCustomerIdThatIsAPathIsRefusedAndNothingIsWritten() throws Exception {
    // The reference backend refuses to mint such an id; a backend that breaks the contract is faked.
    WireMockServer bad = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    bad.start();
    Dist.Result r;
    try {
      bad.stubFor(post(urlEqualTo("/api/v1/enroll")).willReturn(aResponse().withStatus(201)
          .withHeader("Content-Type", "application/json").withBody("{\"customer_id\":\"../../etc\",\"device_id\":"
              + "\"dev-1\",\"api_key\":\"ak_0123456789\",\"enrolled\":\"2026-11-22T10:30:00Z\"}")));
      r = Dist.run(TIMEOUT, "enroll", "K7QF-29XM-TR4D", "--backend-url", "http://127.0.0.1:" + bad.port(),
          "--pinpoint-root=" + root, "--run-type=enroll-only");
    } finally {
      bad.stop();
    }
    assertEquals(1, r.exit(), r.all());
    assertTrue(r.stderr().contains("answered the enrollment with the customer id \"../../etc\", which this agent cannot"
        + " use"), r.all());
    assertFalse(Files.exists(root.resolve("config.json")));
  }

  @Test
  void anUnknownCodeIsBadInput() throws Exception {
    Dist.Result r = enroll("ABCD-EFGH-JKLM");
    assertEquals(2, r.exit(), r.all());
    assertTrue(r.stderr().contains("the enrollment code was not recognised by " + backend.url()
        + "; check it or ask for a new one"), r.all());
    assertFalse(Files.exists(root.resolve("config.json")));
  }

  @Test
  void aUsedCodeIsBadInputWithAReason() throws Exception {
    String code = backend.mintCode("acme");
    assertEquals(0, enroll(code).exit());
    Dist.Result r = Dist.run(TIMEOUT, "enroll", code, "--backend-url", backend.url(), "--pinpoint-root=" + tmp.resolve("other"),
        "--run-type=enroll-only");
    assertEquals(2, r.exit(), r.all());
    assertTrue(r.stderr().contains("the enrollment code was already used"), r.all());
  }

  @Test
  void aBackendWhereNothingListensFailsQuicklyWithExit3() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Dist.Result r = Dist.run(Duration.ofSeconds(30), "enroll", "ABCD-EFGH-JKLM", "--backend-url", "http://127.0.0.1:" + port,
        "--pinpoint-root=" + root, "--run-type=enroll-only", "--enroll-attempts=2", "--enroll-backoff-ms=10");
    assertEquals(3, r.exit(), r.all());
    assertTrue(r.stderr().contains("cannot reach http://127.0.0.1:" + port + " after 2 attempt(s)"), r.all());
    assertFalse(Files.exists(root.resolve("config.json")));
  }

  @Test
  void badOptionsAreRefusedBeforeTheCodeIsSpent() throws Exception {
    String code = backend.mintCode("acme");
    assertEquals(2, enroll(code, "--channel=nightly").exit());
    assertEquals(2, Dist.run(TIMEOUT, "enroll", code, "--backend-url", backend.url(), "--pinpoint-root=" + root,
        "--platform=upstart").exit(), "the service is planned before enrolling");
    assertEquals(2, Dist.run(TIMEOUT, "enroll", code, "--backend-url", "ftp://127.0.0.1/", "--pinpoint-root=" + root).exit());
    Dist.Result plain = Dist.run(TIMEOUT, "enroll", code, "--backend-url", "http://backend.example.com", "--pinpoint-root=" + root);
    assertEquals(2, plain.exit(), plain.all());
    assertTrue(plain.stderr().contains("use https://backend.example.com"), plain.all());
    assertEquals(0, enroll(code).exit(), "the code is still good");
  }

  private Dist.Result enroll(String code, String... more) throws Exception {
    String[] base = {"enroll", code, "--backend-url", backend.url(), "--pinpoint-root=" + root, "--run-type=enroll-only"};
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return Dist.run(TIMEOUT, all);
  }
}
