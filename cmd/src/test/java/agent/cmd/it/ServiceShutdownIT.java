package agent.cmd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.config.Enrollment;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM to {@code bin/agent service-run} while an export hangs: the grace period, then the child is stopped. */
class ServiceShutdownIT {
  static final String SECRET = "sekrit-token-4242";

  @TempDir Path tmp;

  @Test
  void sigtermLetsTheExportRunForTheGraceThenStopsIt() throws Exception {
    Path root = tmp.resolve("root");
    try (DevBackend backend = DevBackend.start(tmp.resolve("backend"))) {
      Enrollment enrolled = backend.enroll(root);
      try (ServiceProcess service = ServiceProcess.start(root, tmp.resolve("service.out"), "--shutdown-grace-seconds=1")) {
        String command = backend.queue(enrolled.deviceId(), "export", hangingExport());
        List<ProcessHandle> children = hangingChildren(service);
        for (ProcessHandle child : children) {
          String line = child.info().commandLine().orElse("");
          assertFalse(line.contains(SECRET), "a secret on a command line: " + line);
        }

        long t0 = System.nanoTime();
        assertEquals(0, service.terminate(30), service.log());
        long stopMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(stopMs >= 1000, "stopped before the grace period: " + stopMs + " ms");
        for (ProcessHandle child : children) {
          assertFalse(child.isAlive(), "left running: " + child.info());
        }
        JsonNode events = backend.command(command).path("events");
        JsonNode last = events.get(events.size() - 1);
        assertEquals("failed", last.path("type").asText(), events.toString());
        assertEquals("cancelled", last.path("error").path("code").asText(), events.toString());
        assertEquals(0, ExportDir.checkpoints(root).size(), "a stopped export committed checkpoints");
        assertTrue(service.log().contains("sending it SIGTERM"), service.log());
      }
      assertNoFileHolds(root, SECRET);
    }
  }

  @Test
  void aSecondSigtermExitsAtOnce() throws Exception {
    Path root = tmp.resolve("root");
    try (DevBackend backend = DevBackend.start(tmp.resolve("backend"))) {
      Enrollment enrolled = backend.enroll(root);
      try (ServiceProcess service = ServiceProcess.start(root, tmp.resolve("service.out"), "--shutdown-grace-seconds=60")) {
        backend.queue(enrolled.deviceId(), "export", hangingExport());
        List<ProcessHandle> children = hangingChildren(service);
        service.process.destroy();
        Thread.sleep(500);
        assertTrue(service.process.isAlive(), "the first SIGTERM should wait for the export:\n" + service.log());
        service.process.destroy();
        assertTrue(service.process.waitFor(5, TimeUnit.SECONDS), "a second SIGTERM did not exit at once:\n" + service.log());
        assertEquals(143, service.process.exitValue());
        for (ProcessHandle child : children) {
          child.onExit().completeOnTimeout(child, 5, TimeUnit.SECONDS).join();
          assertFalse(child.isAlive(), "left running: " + child.info());
        }
      }
    }
  }

  @Test
  void cancelStopsTheRunningExportAndTheServiceGoesOn() throws Exception {
    Path root = tmp.resolve("root");
    try (DevBackend backend = DevBackend.start(tmp.resolve("backend"))) {
      Enrollment enrolled = backend.enroll(root);
      try (ServiceProcess service = ServiceProcess.start(root, tmp.resolve("service.out"))) {
        String export = backend.queue(enrolled.deviceId(), "export", hangingExport());
        List<ProcessHandle> children = hangingChildren(service);
        String cancel = backend.queue(enrolled.deviceId(), "cancel", "{\"command_id\":\"" + export + "\"}");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
          JsonNode events = backend.command(cancel).path("events");
          last = events.isEmpty() ? null : events.get(events.size() - 1);
          if (last != null && "completed".equals(last.path("type").asText())) {
            break;
          }
          Thread.sleep(100);
        }
        assertEquals("completed", last == null ? null : last.path("type").asText(), service.log());
        // The cancel's "completed" and the export's own last event are posted for two commands: either
        // may reach the backend first, so wait for the export's.
        JsonNode exportEvents = backend.command(export).path("events");
        JsonNode failed = exportEvents.get(exportEvents.size() - 1);
        while (System.nanoTime() < deadline && failed.path("error").isMissingNode()) {
          Thread.sleep(100);
          exportEvents = backend.command(export).path("events");
          failed = exportEvents.get(exportEvents.size() - 1);
        }
        assertEquals("cancelled", failed.path("error").path("code").asText(), exportEvents.toString());
        for (ProcessHandle child : children) {
          child.onExit().completeOnTimeout(child, 5, TimeUnit.SECONDS).join();
          assertFalse(child.isAlive(), "left running: " + child.info());
        }
        assertTrue(service.process.isAlive(), "a cancel stopped the service:\n" + service.log());
        assertEquals(0, ExportDir.checkpoints(root).size(), "a cancelled export committed checkpoints");
        // Nothing runs any more: the stop is immediate.
        assertEquals(0, service.terminate(10), service.log());
      }
    }
  }

  /** An export whose plugin hangs after a few objects, with a token that must stay secret. */
  private static String hangingExport() {
    return "{\"reprocess_historical\":true,\"integrations\":"
        + Dist.mock("mock", "{\"token\":\"" + SECRET + "\",\"fail\":{\"hang_after_objects\":5}}") + "}";
  }

  /** Waits until the export child and its plugin run (and had time to hang); returns them. */
  private static List<ProcessHandle> hangingChildren(ServiceProcess service) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      List<ProcessHandle> d = service.process.descendants().toList();
      if (d.size() >= 2) {
        Thread.sleep(1500);
        return service.process.descendants().toList();
      }
      assertTrue(service.process.isAlive(), service.log());
      Thread.sleep(100);
    }
    throw new AssertionError("no export child with its plugin:\n" + service.log());
  }

  private static void assertNoFileHolds(Path root, String secret) throws Exception {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertFalse(text.contains(secret), "the secret is in " + f);
      }
    }
  }
}
