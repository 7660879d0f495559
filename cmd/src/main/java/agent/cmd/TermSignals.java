package agent.cmd;

import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT for a long-running command: the first runs {@code onFirst} (ask every loop to
 * stop) and lets the command end by itself; the second kills the command's child processes and exits
 * at once. A JVM shutdown hook cannot do
 * this: once it runs the JVM is already exiting, and a second signal is ignored.
 */
final class TermSignals {
  private static volatile boolean received;

  private TermSignals() {}

  static void install(Runnable onFirst) {
    install(signal -> onFirst.run());
  }

  /** Like {@link #install(Runnable)}, telling {@code onFirst} the signal's name: "SIGTERM", "SIGINT". */
  static void install(java.util.function.Consumer<String> onFirst) {
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        Signal.handle(new Signal(name), s -> {
          if (received) {
            LoggerFactory.getLogger(TermSignals.class).warn("second SIG{}: killing the running export and exiting now",
                s.getName());
            // No orphan keeps exporting: what it did not finish is redone by the next export.
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
            Runtime.getRuntime().halt(128 + s.getNumber());
          }
          received = true;
          onFirst.accept("SIG" + s.getName());
        });
      } catch (IllegalArgumentException e) {
        // This platform has no such signal (SIGTERM on Windows): the service manager stops the JVM.
      }
    }
  }
}
