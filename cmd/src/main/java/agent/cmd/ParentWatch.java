package agent.cmd;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import org.slf4j.LoggerFactory;

/**
 * {@code --stop-with-parent}: a command run by {@code service-run} stops when its standard input
 * closes. service-run holds the only writing end of that pipe and never writes to it, so it closes
 * exactly when service-run dies, however it died (a kill -9 included, on every OS). Without this the
 * orphaned export would run on and hold the root's export lock against the next service-run. The
 * export's plugins follow by the same rule, one level down.
 *
 * <p>Reads through a channel that a shutdown hook closes, which wakes the read: a JVM asked to exit
 * waits about 0.3 s for a thread blocked in a plain read before it exits anyway (as the Java plugins'
 * own stdin watch does). Not on Windows: see the hook.
 */
final class ParentWatch {
  private ParentWatch() {}

  static void start() {
    FileChannel stdin = new FileInputStream(FileDescriptor.in).getChannel();
    Thread t = new Thread(() -> {
      try {
        ByteBuffer ignored = ByteBuffer.allocate(256);
        while (stdin.read(ignored) != -1) {
          // nobody writes: read only returns at the end
          ignored.clear();
        }
      } catch (ClosedChannelException exiting) {
        // the hook below closed it: this JVM is exiting anyway
        return;
      } catch (IOException closed) {
        // the same as an end
      }
      LoggerFactory.getLogger(ParentWatch.class).warn("the service-run that started this command is gone (its pipe"
          + " closed): stopping; nothing of this command is committed, the next export covers it again");
      System.exit(ExitCodes.ENVIRONMENT);
    }, "parent-watch");
    t.setDaemon(true);
    t.start();
    // Not on Windows, where closing a handle that another thread is reading synchronously may wait
    // for that read, which would hold the exit until the parent goes.
    if (!System.getProperty("os.name", "").startsWith("Windows")) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          stdin.close();
        } catch (IOException ignored) {
          // exiting either way
        }
      }, "parent-watch-close"));
    }
  }
}
