package agent.core.service;

import agent.core.loop.StopSignal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stop request file that {@code agent service-stop} writes and service-run acts on. */
class StopRequestTest {
  @TempDir Path root;

  @Test
  void aRequestIsActedOnOnceAndRemoved() throws Exception {
    StopSignal stop = new StopSignal();
    AtomicInteger requests = new AtomicInteger();
    Thread watcher = StopRequest.watch(root, stop, Duration.ofMillis(20), requests::incrementAndGet);
    StopRequest.request(root);
    watcher.join(5000);
    assertFalse(watcher.isAlive(), "the watcher ends once it acted");
    assertEquals(1, requests.get());
    assertFalse(Files.exists(StopRequest.file(root)));
  }

  @Test
  void aRequestLeftFromBeforeTheStartIsNotActedOn() throws Exception {
    StopRequest.request(root);
    StopSignal stop = new StopSignal();
    AtomicInteger requests = new AtomicInteger();
    Thread watcher = StopRequest.watch(root, stop, Duration.ofMillis(20), requests::incrementAndGet);
    Thread.sleep(200);
    stop.stop();
    watcher.join(5000);
    assertEquals(0, requests.get(), "a stale request stopped the new service");
    assertFalse(Files.exists(StopRequest.file(root)));
  }
}
