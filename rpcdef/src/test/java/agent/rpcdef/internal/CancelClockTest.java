package agent.rpcdef.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.ExportCancelledException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CancelClockTest {

  @Test
  void sleepsUntilCancelledThenRefusesToSleep() {
    CancelClock clock = new CancelClock();
    clock.sleep(Duration.ZERO);
    clock.sleep(Duration.ofMillis(1));
    assertFalse(clock.awaitCancel(Duration.ofMillis(1)));
    assertFalse(clock.isCancelled());
    clock.cancel();
    assertTrue(clock.isCancelled());
    assertTrue(clock.awaitCancel(Duration.ofHours(1)), "a cancelled clock answers at once");
    assertThrows(ExportCancelledException.class, () -> clock.sleep(Duration.ofHours(1)));
    assertThrows(ExportCancelledException.class, () -> clock.sleep(Duration.ZERO), "even a zero wait says so");
  }

  @Test
  void anInterruptEndsTheWaitAndKeepsTheFlag() {
    CancelClock clock = new CancelClock();
    Thread.currentThread().interrupt();
    try {
      assertThrows(ExportCancelledException.class, () -> clock.sleep(Duration.ofHours(1)));
      assertTrue(Thread.currentThread().isInterrupted());
    } finally {
      Thread.interrupted();
    }
  }
}
