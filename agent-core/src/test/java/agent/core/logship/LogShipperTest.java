package agent.core.logship;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.backend.LogBatch;
import agent.core.log.Redactor;
import agent.core.loop.BackendHealth;
import agent.core.loop.BackendRetry;
import agent.core.loop.StopSignal;
import agent.core.testing.LocalBackend;
import agent.devbackend.fault.FailureRule;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The spool and the shipper against the reference backend over loopback. */
class LogShipperTest {
  /** How long a shipper waits before asking again with a refused key (10 min in service). */
  static final Duration RECHECK = Duration.ofMillis(250);
  /** The path of POST /logs, for failure rules. */
  static final String LOGS = "^/logs$";

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
    assertEquals(List.of("before the restart", "after the restart"), shipped());
  }

  @Test
  void runShipsOnItsIntervalAndFlushesOnStop() throws Exception {
    LogSpool spool = LogSpool.under(root, redactor);
    Thread t = new Thread(shipper(spool));
    t.start();
    spool.append(line("export", "c", "ticked"));
    waitFor(() -> !batches().isEmpty());
    assertEquals(1, batches().size());
    spool.append(line("export", "c", "at stop"));
    stop.stop();
    t.join(10_000);
    assertFalse(t.isAlive());
    assertEquals(2, batches().size());
  }

  @Test
  void aRefusedKeyKeepsEveryLineAndIsAskedAgainOnlyAtTheRecheckInterval() throws Exception {
    FailureRule refused = refuseLogs(1000, 401);
    LogSpool spool = LogSpool.under(root, redactor);
    List<String> written = append(spool, 10);
    Thread t = new Thread(shipper(spool, RECHECK));
    long t0 = System.nanoTime();
    t.start();
    waitFor(() -> backend.taken(refused) >= 2);
    spool.append(line("export", "c", "while refused"));
    written.add("while refused");
    Thread.sleep(4 * RECHECK.toMillis()); // long enough for a busy loop to send hundreds
    stop.stop();
    t.join(10_000);
    long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
    assertFalse(t.isAlive(), "the stop ends the wait for the key to be accepted");

    int requests = backend.taken(refused);
    assertTrue(requests >= 3, "asked again while refused: " + requests);
    // Waits of RECHECK between attempts, plus the first attempt and the one last attempt on stop.
    assertTrue(requests <= elapsedMs / RECHECK.toMillis() + 2, requests + " requests in " + elapsedMs + " ms");
    assertEquals(List.of(), batches());
    assertEquals(written, spooled(spool), "every line stays in the spool");

    backend.admin("DELETE", "/failures", null);
    assertTrue(shipper(LogSpool.under(root, redactor), RECHECK).shipOnce());
    assertEquals(written, shipped());
    assertTrue(spool.sealed().isEmpty());
  }

  @Test
  void shipOnceWaitsOutARefusedKeyAndShipsWhenItIsAcceptedAgain() throws Exception {
    FailureRule refused = refuseLogs(2, 401);
    FailureRule accepted = backend.countRequests(LOGS);
    LogSpool spool = LogSpool.under(root, redactor);
    List<String> written = append(spool, 3);

    long t0 = System.nanoTime();
    assertTrue(shipper(spool, RECHECK).shipOnce());
    long elapsedMs = (System.nanoTime() - t0) / 1_000_000;

    assertEquals(2, backend.taken(refused));
    assertEquals(1, backend.taken(accepted), "one request once the key is accepted, no more");
    assertTrue(elapsedMs >= 2 * RECHECK.toMillis(), "did not wait for the recheck: " + elapsedMs + " ms");
    assertEquals(written, shipped());
    assertEquals(1, batches().size());
    assertTrue(spool.sealed().isEmpty());
  }

  @Test
  void aBatchStillTooLargeAfterOneSplitIsSplitAgain() throws Exception {
    FailureRule tooLarge = refuseLogs(2, 413);
    FailureRule after = backend.countRequests(LOGS);
    LogSpool spool = LogSpool.under(root, redactor);
    List<String> written = append(spool, 8);

    assertTrue(shipper(spool).shipOnce());

    // The whole (8) and its first half (4) refused; then 2 + 2 + 4 accepted.
    assertEquals(2, backend.taken(tooLarge));
    assertEquals(3, backend.taken(after));
    assertEquals(written, shipped(), "every line is stored once, in order");
  }

  @Test
  void aSplitCutShortByACrashIsRedoneAndStoresEveryLineOnce() throws Exception {
    LogSpool spool = LogSpool.under(root, redactor);
    List<String> written = append(spool, 6);
    // The whole refused, its first half stored, its second half meets an outage while the service stops.
    refuseLogs(1, 413);
    backend.inject(new FailureRule(LOGS, null, 1, 0, 0, 1)); // lets exactly one batch through
    refuseLogs(100, 503);
    stop.stop();
    assertFalse(shipper(spool).shipOnce(), "the second half was not stored");
    assertEquals(written.subList(0, 3), shipped());
    assertEquals(written, spooled(spool), "the segment stays whole for the next start");
    backend.admin("DELETE", "/failures", null);

    // The next start: the whole is refused again and split the same way; the stored half is not stored twice.
    StopSignal restarted = new StopSignal();
    refuseLogs(1, 413);
    BackendRetry retry = new BackendRetry(restarted, new BackendHealth(), Duration.ofMillis(10), Duration.ofMillis(50),
        RECHECK, BackendHealth.Caller.LOGS);
    assertTrue(new LogShipper(spool, backend.client(), retry, restarted, Duration.ofMillis(200)).shipOnce());
    assertEquals(written, shipped(), "every line is stored once");
    assertTrue(spool.sealed().isEmpty());
  }

  private LogShipper shipper(LogSpool spool) {
    return shipper(spool, Duration.ofSeconds(1));
  }

  private LogShipper shipper(LogSpool spool, Duration unauthorizedRecheck) {
    BackendRetry retry = new BackendRetry(stop, new BackendHealth(), Duration.ofMillis(10), Duration.ofMillis(50),
        unauthorizedRecheck, BackendHealth.Caller.LOGS);
    return new LogShipper(spool, backend.client(), retry, stop, Duration.ofMillis(200));
  }

  /** The next {@code count} log batches are answered {@code status}. */
  private FailureRule refuseLogs(int count, int status) {
    return backend.inject(new FailureRule(LOGS, null, count, status, 0, 0));
  }

  /** Appends {@code n} lines "line 0".. of one command; returns their messages. */
  private static List<String> append(LogSpool spool, int n) throws Exception {
    List<String> messages = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      spool.append(line("export", "c", "line " + i));
      messages.add("line " + i);
    }
    return messages;
  }

  /** The messages of the spool's sealed segments, oldest first. */
  private static List<String> spooled(LogSpool spool) throws Exception {
    List<String> out = new ArrayList<>();
    for (Path segment : spool.sealed()) {
      LogSpool.read(segment).forEach(l -> out.add(l.message()));
    }
    return out;
  }

  /** The messages the backend stored, in the order their batches arrived. */
  private List<String> shipped() throws Exception {
    List<String> out = new ArrayList<>();
    batches().forEach(b -> b.get("lines").forEach(l -> out.add(l.get("message").asText())));
    return out;
  }

  /** Polls {@code condition} for up to 10 s; the assertion after it says what did not happen. */
  private static void waitFor(Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.call() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
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
