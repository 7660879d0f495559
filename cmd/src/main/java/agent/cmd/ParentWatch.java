package agent.cmd;

import agent.rpcdef.internal.StdinWatch;
import org.slf4j.LoggerFactory;

/**
 * {@code --stop-with-parent}: a command run by {@code service-run} stops when its standard input
 * closes. service-run holds the only writing end of that pipe and never writes to it, so it closes
 * exactly when service-run dies, however it died (a kill -9 included, on every OS). Without this the
 * orphaned export would run on and hold the root's export lock against the next service-run. The
 * export's plugins follow by the same rule, one level down.
 *
 * <p>The watch itself is {@link StdinWatch}, as in the Java plugins.
 */
final class ParentWatch {
  private ParentWatch() {}

  static void start() {
    StdinWatch.start("parent-watch", () -> {
      LoggerFactory.getLogger(ParentWatch.class).warn("the service-run that started this command is gone (its pipe"
          + " closed): stopping; nothing of this command is committed, the next export covers it again");
      System.exit(ExitCodes.ENVIRONMENT);
    });
  }
}
