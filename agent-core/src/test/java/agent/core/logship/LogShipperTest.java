package agent.core.logship;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.backend.LogBatch;
import agent.core.log.Redactor;
import agent.core.service.BackendHealth;
import agent.core.service.BackendRetry;
import agent.core.service.StopSignal;
import agent.core.testing.LocalBackend;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The spool and the shipper against the reference backend over loopback. */
class LogShipperTest {
  @RegisterExtension final LocalBackend backend = LocalBackend.enrolled();
  @TempDir Path root;
  final StopSignal stop = new StopSignal();
  final Redactor redactor = new Redactor();

  @AfterEach
  void stopTheShipper() {
    stop.stop();
  }

  @Test
  void aBatchHoldsAtMostAThousandLinesOfOneSourceAndCommand() throws Exception {
    LogSpool spool = LogSpool.under(root, redactor);
    for (int i = 0; i < 2500; i++) {
      spool.append(line("export", "cmd-1", "line " + i));
    }
    spool.append(line("service-run", null, "own line"));
    assertTrue(shipper(spool).shipOnce());
    List<JsonNode> batches = batches();
    int total = 0;
    for (JsonNode b : batches) {
      assertTrue(b.get("lines").size() <= 1000);
      total += b.get("lines").size();
    }
    assertEquals(2501, total);
    assertEquals(1, batches.stream().filter(b -> b.get("source").asText().equals("service-run")).count());
    assertTrue(spool.sealed().isEmpty(), "shipped segments are deleted");
  }

  @Test
  void aBatchStaysUnderAMebibyte() {
    List<SpoolLine> lines = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      lines.add(line("export", "c", "x".repeat(16 * 1024)));
    }
    List<LogBatch> batches = LogShipper.batches("00000000000000000001", lines);
    assertTrue(batches.size() >= 4);
    for (LogBatch b : batches) {
      long bytes = b.lines().stream().mapToLong(l -> l.message().length() + 100).sum();
      assertTrue(bytes < 1024 * 1024, "batch of " + bytes + " bytes");
    }
  }

  @Test
  void secretsAreRedactedBeforeTheDisk() throws Exception {
    redactor.add("s3cr3t-t0ken-value");
    LogSpool spool = LogSpool.under(root, redactor);
    spool.append(line("export", "c", "using token s3cr3t-t0ken-value"));
    spool.seal();
    String text = java.nio.file.Files.readString(spool.sealed().get(0));
    assertFalse(text.contains("s3cr3t-t0ken-value"));
    assertTrue(text.contains(Redactor.MASK));
  }

  @Test
  void aResendAfterACrashBetweenPostAndDeleteIsStoredOnce() throws Exception {
    LogSpool spool = LogSpool.under(root, redactor);
    spool.append(line("export", "c", "once"));
    spool.seal();
    Path segment = spool.sealed().get(0);
    byte[] copy = java.nio.file.Files.readAllBytes(segment);
    assertTrue(shipper(spool).shipOnce());
    // The crash: the post went through, the delete did not happen.
    java.nio.file.Files.write(segment, copy);
    assertTrue(shipper(LogSpool.under(root, redactor)).shipOnce());
    assertEquals(1, batches().size());
  }

  @Test
  void fiveHundredsThenRecoveryLoseNothing() throws Exception {
    backend.admin("POST", "/failures", Map.of("path_regex", ".*/logs", "count", 3, "status", 500));
    LogSpool spool = LogSpool.under(root, redactor);
    for (int i = 0; i < 10; i++) {
      spool.append(line("export", "c", "line " + i));
    }
    assertTrue(shipper(spool).shipOnce());
    assertEquals(10, batches().stream().mapToInt(b -> b.get("lines").size()).sum());
  }

  @Test
  void aFourHundredIsDroppedOnceNotRetried() throws Exception {
    backend.admin("POST", "/failures", Map.of("path_regex", ".*/logs", "count", 1, "status", 400));
    LogSpool spool = LogSpool.under(root, redactor);
    spool.append(line("export", "c", "refused"));
    spool.seal();
    spool.append(line("export", "c", "kept"));
    assertTrue(shipper(spool).shipOnce());
    List<JsonNode> batches = batches();
    assertEquals(1, batches.size());
    assertEquals("kept", batches.get(0).get("lines").get(0).get("message").asText());
    assertTrue(spool.sealed().isEmpty());
  }

  @Test
  void aNewSpoolOnTheSameFolderShipsWhatTheOldOneLeft() throws Exception {
    LogSpool old = LogSpool.under(root, redactor);
    old.append(line("export", "c", "before the restart"));
    // No seal, no close: the process died with the segment open.
    LogSpool again = LogSpool.under(root, redactor);
    again.append(line("service-run", null, "after the restart"));
    assertTrue(shipper(again).shipOnce());
    List<String> messages = new ArrayList<>();
    batches().forEach(b -> b.get("lines").forEach(l -> messages.add(l.get("message").asText())));
    assertEquals(List.of("before the restart", "after the restart"), messages);
  }

  @Test
  void runShipsOnItsIntervalAndFlushesOnStop() throws Exception {
    LogSpool spool = LogSpool.under(root, redactor);
    Thread t = new Thread(shipper(spool));
    t.start();
    spool.append(line("export", "c", "ticked"));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (batches().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(1, batches().size());
    spool.append(line("export", "c", "at stop"));
    stop.stop();
    t.join(10_000);
    assertFalse(t.isAlive());
    assertEquals(2, batches().size());
  }

  private LogShipper shipper(LogSpool spool) {
    BackendRetry retry = new BackendRetry(stop, new BackendHealth(), Duration.ofMillis(10), Duration.ofMillis(50),
        Duration.ofSeconds(1));
    return new LogShipper(spool, backend.client(), retry, stop, Duration.ofMillis(200));
  }

  private static SpoolLine line(String source, String commandId, String message) {
    return new SpoolLine("2026-01-01T00:00:00Z", "INFO", "test", message, null, source, commandId);
  }

  private List<JsonNode> batches() throws Exception {
    List<JsonNode> out = new ArrayList<>();
    backend.admin("GET", "/logs?device_id=" + backend.enrollment().deviceId(), null).get("batches").forEach(out::add);
    return out;
  }
}
