package agent.rpcdef.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.ExportCancelledException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeClockTest {

  @Test
  void sleepsAdvanceVirtualTimeAndAreRecorded() {
    FakeClock c = new FakeClock(Instant.parse("2026-03-01T00:00:00Z"));
    c.sleep(Duration.ofSeconds(5));
    c.sleep(Duration.ZERO);
    c.sleep(Duration.ofMinutes(2));
    assertEquals(List.of(Duration.ofSeconds(5), Duration.ofMinutes(2)), c.sleeps());
    assertEquals(Instant.parse("2026-03-01T00:02:05Z"), c.now());
    assertEquals(Duration.ofSeconds(125), c.slept());
  }

  @Test
  void aCancelEndsTheNextSleepAndAnswersAwaitCancel() {
    FakeClock c = new FakeClock();
    assertFalse(c.awaitCancel(Duration.ofSeconds(1)));
    c.cancel();
    assertTrue(c.isCancelled());
    assertTrue(c.awaitCancel(Duration.ofHours(1)));
    assertThrows(ExportCancelledException.class, () -> c.sleep(Duration.ofSeconds(1)));
    assertEquals(List.of(), c.sleeps());
  }
}
