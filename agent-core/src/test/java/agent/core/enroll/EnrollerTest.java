package agent.core.enroll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.backend.BackendClient;
import agent.core.backend.BackendException;
import agent.core.backend.BackendHttp;
import agent.core.backend.Enrollment;
import agent.devbackend.DevBackendOptions;
import agent.devbackend.DevBackendServer;
import agent.devbackend.fault.FailureRule;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Enrolling against the reference backend over loopback, with failures injected into it. */
class EnrollerTest {
  static final Enroller.Policy FOUR = new Enroller.Policy(4, Duration.ofMillis(100), Duration.ofSeconds(1));

  @TempDir Path dataDir;
  DevBackendServer server;
  final List<Duration> sleeps = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = DevBackendServer.start(DevBackendOptions.defaults(0, dataDir, "admin"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void backendTroubleIsRetriedAndEnrollsOneDevice() throws Exception {
    server.failures().add(new FailureRule("^/enroll$", null, 2, 503, 0, 0));
    Enrollment e = enroller(Duration.ofSeconds(10)).enroll(code(), "dev", "test");
    assertTrue(e.deviceId().startsWith("dev-"), e.deviceId());
    assertEquals(2, sleeps.size(), "two failures, two waits: " + sleeps);
    assertEquals(1, devices());
  }

  @Test
  void aLostAnswerIsAskedForAgainWithTheSameRequestAndGetsTheSameDevice() throws Exception {
    // The backend enrolls after 1 s; the client gave up after 300 ms: the first answer is lost.
    server.failures().add(new FailureRule("^/enroll$", null, 1, 0, 0, 1000));
    Enroller enroller = new Enroller(client(Duration.ofMillis(300)), FOUR, d -> {
      sleeps.add(d);
      Thread.sleep(1500);
    });
    Enrollment e = enroller.enroll(code(), "dev", "test");
    assertEquals(1, sleeps.size());
    assertEquals(1, devices(), "a retry with the same request_id must not enroll a second device");
    assertTrue(Files.exists(dataDir.resolve("devices").resolve(e.deviceId())));
  }

  @Test
  void anUnknownCodeIsNotRetried() {
    BackendException e = assertThrows(BackendException.class,
        () -> enroller(Duration.ofSeconds(10)).enroll("NOPE-NOPE-NOPE", "dev", "test"));
    assertEquals(404, e.status());
    assertTrue(sleeps.isEmpty());
  }

  @Test
  void anUnreachableBackendGivesUpAfterThePolicysAttempts() throws Exception {
    int port = server.port();
    server.close();
    Enroller enroller = new Enroller(
        new BackendClient(BackendHttp.client(null, Duration.ofSeconds(2), Duration.ofSeconds(5)),
            URI.create("http://127.0.0.1:" + port), null, "test"),
        FOUR, sleeps::add);
    BackendException e = assertThrows(BackendException.class, () -> enroller.enroll("ABCD-EFGH-JKLM", "dev", "test"));
    assertEquals(0, e.status());
    assertTrue(e.retryable());
    assertEquals(3, sleeps.size(), "4 attempts, 3 waits: " + sleeps);
    for (Duration d : sleeps) {
      assertFalse(d.compareTo(Duration.ofSeconds(1)) > 0, "capped by the policy: " + d);
    }
  }

  private Enroller enroller(Duration callTimeout) {
    return new Enroller(client(callTimeout), FOUR, sleeps::add);
  }

  private BackendClient client(Duration callTimeout) {
    return new BackendClient(BackendHttp.client(null, Duration.ofSeconds(2), callTimeout), server.baseUri(), null, "test");
  }

  private String code() {
    return server.devices().mintCode("acme").code();
  }

  private long devices() throws Exception {
    try (Stream<Path> s = Files.list(dataDir.resolve("devices"))) {
      return s.count();
    }
  }
}
