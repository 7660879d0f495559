package agent.rpcdef.internal;

import agent.rpcdef.ExportClock;

/** A clock whose waits a cancel of the call ends: the real {@link CancelClock}, or a test's fake. */
public interface CancellableClock extends ExportClock {

  /** Ends every wait, now and later. Idempotent. */
  void cancel();
}
