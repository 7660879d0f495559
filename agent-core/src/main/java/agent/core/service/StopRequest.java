package agent.core.service;

import agent.core.fs.PinpointRoot;
import agent.core.loop.StopSignal;
import agent.core.fs.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code state/service.stop}: a request to the running {@code service-run} to stop as it does on a
 * first SIGTERM (no new commands, the running export gets its grace). It is how {@code agent
 * service-stop} stops the service where there is no SIGTERM to send: a Windows service (procrun runs
 * {@code service-stop} to stop it), or an operator without the rights to signal the service's user.
 * service-run looks for the file every second and deletes it when it acts on it.
 */
public final class StopRequest {
  private static final Logger LOG = LoggerFactory.getLogger(StopRequest.class);

  private StopRequest() {}

  public static Path file(Path pinpointRoot) {
    return PinpointRoot.of(pinpointRoot).stopRequest();
  }

  /** Asks the service-run of {@code pinpointRoot} to stop. */
  public static void request(Path pinpointRoot) throws IOException {
    Path f = file(pinpointRoot);
    Files.createDirectories(f.getParent());
    AtomicFiles.writeAtomically(f, ("requested by pid " + ProcessHandle.current().pid() + " at " + Instant.now() + "\n")
        .getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Watches for a request on a daemon thread until {@code stop} fires; on one, deletes it and runs
   * {@code onRequest} once. A request left from before this start (its service had already stopped)
   * is deleted first: it was meant for a process that is gone.
   */
  public static Thread watch(Path pinpointRoot, StopSignal stop, Duration every, Runnable onRequest) throws IOException {
    Path f = file(pinpointRoot);
    Files.deleteIfExists(f);
    Thread t = new Thread(() -> {
      while (stop.sleep(every)) {
        if (Files.exists(f)) {
          try {
            Files.deleteIfExists(f);
          } catch (IOException e) {
            LOG.warn("cannot delete the stop request {}: {}", f, e.getMessage());
          }
          LOG.info("stop requested by agent service-stop");
          onRequest.run();
          return;
        }
      }
    }, "stop-request");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
