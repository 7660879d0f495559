package agent.cmd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.config.Enrollment;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code service-run} ships its own and the export child's log lines to {@code POST /logs}, and the
 * integration's token never leaves the agent: not in a log batch, a log or state file, a command line.
 */
class LogShippingIT {
  static final String SECRET = "s3cr3t-t0ken-value";
  static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path tmp;

  @Test
  void theExportsLinesReachTheBackendWithoutTheToken() throws Exception {
    Path root = tmp.resolve("root");
    Set<String> commandLines = ConcurrentHashMap.newKeySet();
    AtomicBoolean watching = new AtomicBoolean(true);
    try (DevBackend backend = DevBackend.start(tmp.resolve("backend"))) {
      Enrollment enrolled = backend.enroll(root);
      try (ServiceProcess service = ServiceProcess.start(root, tmp.resolve("service.out"), "--log-ship-seconds=0.5")) {
        Thread watcher = new Thread(() -> {
          while (watching.get()) {
            service.process.descendants().forEach(h -> h.info().commandLine().ifPresent(commandLines::add));
            try {
              Thread.sleep(20);
            } catch (InterruptedException e) {
              return;
            }
          }
        });
        watcher.setDaemon(true);
        watcher.start();
        String config = "{\"token\":\"" + SECRET + "\"," + ServiceRunIT.SHAPE.trim().substring(1);
        String command = backend.queue(enrolled.deviceId(), "export", "{\"integrations\":" + Dist.mock("mock", config) + "}");

        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode batches = null;
        while (System.nanoTime() < deadline) {
          batches = backend.admin("GET", "/logs?device_id=" + enrolled.deviceId(), null).path("batches");
          if (holds(batches, "export", command) && holds(batches, "service-run", null)) {
            break;
          }
          assertTrue(service.process.isAlive(), service.log());
          Thread.sleep(200);
        }
        assertTrue(holds(batches, "export", command), "no export lines shipped: " + batches + "\n" + service.log());
        assertTrue(holds(batches, "service-run", null), "no service-run lines shipped: " + batches);
        assertEquals(0, service.terminate(30), service.log());
        watching.set(false);
        watcher.join(5000);

        JsonNode all = backend.admin("GET", "/logs?device_id=" + enrolled.deviceId(), null);
        assertFalse(all.toString().contains(SECRET), "the token is in an uploaded log batch");
      }
      assertFalse(commandLines.isEmpty(), "no child was seen");
      for (String line : commandLines) {
        assertFalse(line.contains(SECRET), "the token on a command line: " + line);
      }
      assertNoFileHolds(root.resolve("logs"));
      assertNoFileHolds(root.resolve("state"));
    }
  }

  /** True when some batch of {@code source} (and {@code commandId}, unless null) holds a line. */
  static boolean holds(JsonNode batches, String source, String commandId) {
    for (JsonNode b : batches) {
      JsonNode batch = b.has("batch") ? b.get("batch") : b;
      if (source.equals(batch.path("source").asText()) && (commandId == null
          || commandId.equals(batch.path("command_id").asText())) && batch.path("lines").size() > 0) {
        return true;
      }
    }
    return false;
  }

  private static void assertNoFileHolds(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      List<Path> regular = files.filter(Files::isRegularFile).toList();
      for (Path f : regular) {
        String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertFalse(text.contains(SECRET), "the token is in " + f);
      }
    }
  }
}
