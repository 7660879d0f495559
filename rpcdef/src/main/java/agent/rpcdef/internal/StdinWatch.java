package agent.rpcdef.internal;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;

/**
 * Acts when this process's stdin reaches its end: the parent that holds the pipe's only writing end
 * (and never writes) is gone. Used by a Java plugin (its host) and by a command run by service-run
 * ({@code --stop-with-parent}).
 *
 * <p>Reads through a channel that a shutdown hook closes, which wakes the read: a JVM asked to exit
 * waits about 0.3 s for a thread blocked in a plain read before it exits anyway. Not on Windows,
 * where closing a handle that another thread is reading synchronously may wait for that read, which
 * would hold the exit until the parent goes.
 */
public final class StdinWatch {
  private StdinWatch() {}

  /** Starts a daemon thread named {@code name} that runs {@code atEnd} when stdin ends or breaks. */
  public static void start(String name, Runnable atEnd) {
    FileChannel in = new FileInputStream(FileDescriptor.in).getChannel();
    Thread t = new Thread(() -> {
      ByteBuffer ignored = ByteBuffer.allocate(256);
      try {
        while (in.read(ignored) >= 0) {
          // Nobody writes: anything read is ignored, and the read only returns at the end.
          ignored.clear();
        }
      } catch (ClosedChannelException exiting) {
        // The hook below closed it: this JVM exits anyway.
        return;
      } catch (IOException broken) {
        // A broken pipe means the same as the end.
      }
      atEnd.run();
    }, name);
    t.setDaemon(true);
    t.start();
    if (!System.getProperty("os.name", "").startsWith("Windows")) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          in.close();
        } catch (IOException ignored) {
          // Exiting either way.
        }
      }, name + "-close"));
    }
  }
}
