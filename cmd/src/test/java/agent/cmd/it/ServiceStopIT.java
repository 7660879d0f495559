package agent.cmd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agent service-stop}, the Windows service's stop command: it stops the root's service-run the
 * way a first SIGTERM does, and waits for it.
 */
class ServiceStopIT {
  @TempDir Path tmp;

  @Test
  void stopsTheRunningServiceAndWaitsForIt() throws Exception {
    Path root = tmp.resolve("root");
    try (DevBackend backend = DevBackend.start(tmp.resolve("backend"))) {
      backend.enroll(root);
      try (ServiceProcess service = ServiceProcess.start(root, tmp.resolve("service.out"))) {
        ServiceRunIT.await("service-run polling", () -> service.log().contains("service-run started") ? true : null,
            service);
        ServiceRunIT.await("the first heartbeat recorded", () -> Files.exists(root.resolve("state/heartbeat.json")) ? true : null,
            service);
        Dist.Result status = Dist.run(Duration.ofSeconds(60), "service", "status", "--platform", "launchd",
            "--pinpoint-root=" + root);
        assertTrue(status.stdout().contains("service-run: running on " + root + " (pid " + service.process.pid() + ")"),
            status.stdout() + status.stderr());
        // Running, heard by the backend, nothing waiting: healthy, exit 0.
        assertTrue(status.stdout().contains("backend: reachable (HTTP 404"), status.stdout());
        assertTrue(status.stdout().matches("(?s).*last heartbeat: \\S+ \\(\\d+ s ago\\).*"), status.stdout());
        assertTrue(status.stdout().contains("problems: none"), status.stdout());
        assertEquals(0, status.exit(), status.stdout() + status.stderr());

        Dist.Result r = Dist.run(Duration.ofSeconds(60), "service-stop", "--pinpoint-root=" + root);
        assertEquals(0, r.exit(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("asked service-run (pid " + service.process.pid() + ")"), r.stdout());
        assertTrue(r.stdout().contains("service-run stopped"), r.stdout());
        // It returned only once service-run had ended, cleanly.
        assertTrue(service.process.waitFor(5, TimeUnit.SECONDS), service.log());
        assertEquals(0, service.process.exitValue(), service.log());
        assertTrue(service.log().contains("stop requested by agent service-stop"), service.log());
        assertTrue(service.log().contains("service-run stopped"), service.log());
        assertFalse(Files.exists(root.resolve("state").resolve("service.stop")), "the request was left behind");
      }
    }
  }

  @Test
  void saysSoWhenNoServiceRuns() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("idle"));
    Dist.Result r = Dist.run(Duration.ofSeconds(30), "service-stop", "--pinpoint-root=" + root);
    assertEquals(0, r.exit(), r.stdout() + r.stderr());
    assertTrue(r.stdout().contains("service-run is not running on " + root.toAbsolutePath().normalize()), r.stdout());
    assertFalse(Files.exists(root.resolve("state").resolve("service.stop")), "a request nobody will read");
  }
}
