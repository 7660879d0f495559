package agent.integrations.mock;

import agent.rpcdef.ExportContext;
import agent.rpcdef.IntegrationException;
import agent.rpcdef.ModelSession;
import java.time.Duration;

/**
 * Sends the objects of one export and counts them across all model sessions, which is what the
 * {@link FailSwitches} and {@code slow_ms_per_object} act on. It also stops the export once the
 * host cancels it.
 */
final class Sender {
  private final ExportContext ctx;
  private final FailSwitches fail;
  private final long slowMs;
  private long sent;

  Sender(ExportContext ctx, FailSwitches fail, long slowMs) {
    this.ctx = ctx;
    this.fail = fail;
    this.slowMs = slowMs;
  }

  /** Objects sent so far. */
  long sent() {
    return sent;
  }

  /** Call once before the first object: a switch set to 0 fires here. */
  void begin() {
    check();
  }

  void send(ModelSession session, Object object) {
    session.send(object);
    sent++;
    check();
    if (slowMs > 0) {
      // The export's clock: a cancel ends the wait at once, as every integration's waits must.
      ctx.sleep(Duration.ofMillis(slowMs));
    }
  }

  private void check() {
    if (ctx.isCancelled()) {
      throw new IntegrationException("mock export cancelled by the agent after " + sent + " objects");
    }
    if (due(fail.crashAfterObjects())) {
      crash();
    }
    if (due(fail.exitAfterObjects())) {
      Runtime.getRuntime().halt(0);
    }
    if (due(fail.hangAfterObjects())) {
      hang();
    }
    if (due(fail.oomAfterObjects())) {
      exhaustHeap();
    }
    if (due(fail.errorAfterObjects())) {
      throw new IntegrationException(
          "mock failure after " + sent + " objects (fail." + FailSwitches.ERROR + ")");
    }
  }

  private boolean due(long after) {
    return after != FailSwitches.OFF && sent >= after;
  }

  /** Dies like a Go plugin that panicked: one line on stderr, then exit code 3, nothing flushed. */
  private void crash() {
    System.err.println("panic: mock crash after " + sent + " objects (fail." + FailSwitches.CRASH + ")");
    System.err.flush();
    Runtime.getRuntime().halt(3);
  }

  /**
   * Holds 1 MiB blocks until the heap is exhausted, as a leak would: the {@link OutOfMemoryError}
   * is thrown in this export's thread, the rest of the plugin (its RPC threads) stays alive.
   */
  private void exhaustHeap() {
    ctx.log().warn("holding memory until the heap runs out", "objects", sent, "switch", "fail." + FailSwitches.OOM);
    java.util.List<byte[]> held = new java.util.ArrayList<>();
    while (true) {
      held.add(new byte[1 << 20]);
    }
  }

  /** Never returns: only killing the process ends a hang. */
  private void hang() {
    ctx.log().warn("hanging until killed", "objects", sent, "switch", "fail." + FailSwitches.HANG);
    while (true) {
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException ignored) {
        // Still hanging: an interrupt is not a kill.
      }
    }
  }
}
