package agent.core.enroll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.backend.BackendClient;
import agent.core.backend.BackendException;
import agent.core.backend.BackendHttp;
import agent.core.backend.Enrollment;
import agent.core.testing.LocalBackend;
import agent.devbackend.fault.FailureRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Enrolling against the reference backend over loopback, with failures injected into it. */
class EnrollerTest {
  static final Enroller.Policy FOUR = new Enroller.Policy(4, Duration.ofMillis(100), Duration.ofSeconds(1));

  @RegisterExtension final LocalBackend backend = LocalBackend.started();
  final List<Duration> sleeps = new ArrayList<>();

  @Test
  void backendTroubleIsRetriedAndEnrollsOneDevice() throws Exception {
    backend.inject(new FailureRule("^/enroll$", null, 2, 503, 0, 0));
    Enrollment e = enroller(Duration.ofSeconds(10)).enroll(code(), "dev", "test");
    assertTrue(e.deviceId().startsWith("dev-"), e.deviceId());
    assertEquals(2, sleeps.size(), "two failures, two waits: " + sleeps);
    assertEquals(1, devices());
  }

  @Test
  void aLostAnswerIsAskedForAgainWithTheSameRequestAndGetsTheSameDevice() throws Exception {
    // The backend enrolls after 1 s; the client gave up after 300 ms: the first answer is lost.
    backend.inject(new FailureRule("^/enroll$", null, 1, 0, 0, 1000));
    Enroller enroller = new Enroller(client(Duration.ofMillis(300)), FOUR, d -> {
      sleeps.add(d);
      Thread.sleep(1500);
    });
    Enrollment e = enroller.enroll(code(), "dev", "test");
    assertEquals(1, sleeps.size());
    assertEquals(1, devices(), "a retry with the same request_id must not enroll a second device");
    assertTrue(Files.exists(backend.dataDir().resolve("devices").resolve(e.deviceId())));
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
    backend.close();
    Enroller enroller = enroller(Duration.ofSeconds(5));
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
    return new BackendClient(BackendHttp.client(null, Duration.ofSeconds(2), callTimeout), backend.uri(), null, "test");
  }

  private String code() {
    return backend.mintCode();
  }

  private long devices() throws Exception {
    try (Stream<Path> s = Files.list(backend.dataDir().resolve("devices"))) {
      return s.count();
    }
  }
}
