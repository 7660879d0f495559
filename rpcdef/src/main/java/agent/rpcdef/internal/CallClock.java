package agent.rpcdef.internal;

import agent.rpcdef.ExportClock;
import io.grpc.Context;
import java.util.function.Supplier;

/**
 * The clock of the call the current thread serves (Export, ValidateConfig, OnboardExport), cancelled
 * when the host cancels that call: its deadline passed, it shut down, an operator cancelled. An
 * {@code ApiClient} built without a clock of its own takes this one, so that even {@code validate}
 * and {@code onboard}, which get no export context, never wait past a cancel.
 */
public final class CallClock {
  private static final ThreadLocal<ExportClock> CURRENT = new ThreadLocal<>();

  private CallClock() {}

  /** The current call's clock; outside a call, a real clock that is never cancelled. */
  public static ExportClock current() {
    ExportClock c = CURRENT.get();
    return c != null ? c : new CancelClock();
  }

  /**
   * Runs {@code body} with {@code clock} as the thread's call clock, cancelling the clock when the
   * gRPC call the thread serves is cancelled.
   */
  public static <T> T run(CancellableClock clock, Supplier<T> body) {
    Context call = Context.current();
    Context.CancellationListener cancelled = c -> clock.cancel();
    call.addListener(cancelled, Runnable::run);
    ExportClock outer = CURRENT.get();
    CURRENT.set(clock);
    try {
      return body.get();
    } finally {
      restore(outer);
      // Only a cancel while the call runs cancels the clock: a test's clock may serve the next call.
      call.removeListener(cancelled);
    }
  }

  private static void restore(ExportClock outer) {
    if (outer == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(outer);
    }
  }
}
