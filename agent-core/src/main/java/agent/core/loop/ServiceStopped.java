package agent.core.loop;

/** The stop signal came while a loop was waiting to retry: unwind without reporting a failure. */
public final class ServiceStopped extends Exception {
  public ServiceStopped() {
    super("service-run is stopping", null, false, false);
  }
}
