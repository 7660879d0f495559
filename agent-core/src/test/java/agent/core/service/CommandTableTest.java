package agent.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.loop.StopSignal;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One state per command: what the heartbeat reports, what a cancel finds, when its waiter is done. */
class CommandTableTest {
  private final CommandTable table = new CommandTable();

  @Test
  void aQueuedExportIsActiveButNotRunningUntilItStarts() {
    table.queued("e1");
    table.running("q1");
    assertTrue(table.active("e1"));
    assertEquals(List.of("q1"), table.running(), "the heartbeat lists running commands only");

    table.running("e1");
    assertEquals(List.of("q1", "e1"), table.running(), "in the order they started");
    table.ended("q1");
    table.ended("e1");
    assertEquals(List.of(), table.running());
    assertFalse(table.active("e1"));
  }

  @Test
  void aCancelMarksOnlyAnActiveCommandAndOutlivesItsStart() {
    assertFalse(table.requestCancel("nothing"), "nothing to stop");
    assertFalse(table.cancelRequested("nothing"));

    table.queued("e1");
    assertTrue(table.requestCancel("e1"));
    assertTrue(table.cancelRequested("e1"), "a queued export that was cancelled never starts");
    table.running("e1");
    assertTrue(table.cancelRequested("e1"), "still cancelled once running: its child is stopped");
    table.ended("e1");
    assertFalse(table.cancelRequested("e1"));
    assertFalse(table.requestCancel("e1"), "an ended command has nothing left to stop");
  }

  @Test
  void aCancelWaiterIsDoneWhenItsTargetEndsOrTheServiceStops() throws Exception {
    StopSignal stop = new StopSignal();
    table.running("e1");
    CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> table.awaitEnded("e1", stop));
    Thread.sleep(150);
    assertFalse(waiter.isDone(), "it waits while the target runs");
    table.ended("e1");
    assertTrue(waiter.get(5, TimeUnit.SECONDS));

    table.running("e2");
    CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(() -> table.awaitEnded("e2", stop));
    stop.stop();
    assertFalse(stopped.get(5, TimeUnit.SECONDS));
  }
}
