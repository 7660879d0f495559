package agent.core.fs;

/** Another process holds a {@link ProcessLock}. */
public final class LockBusyException extends RuntimeException {
  public LockBusyException(String message) {
    super(message);
  }
}
