package agent.rpcdef.internal;

import java.nio.ByteBuffer;

/**
 * A stream of serialized objects into one model session (the protocol's SessionSend).
 *
 * <p>Not thread-safe: one thread writes, then closes or aborts.
 */
public interface ObjectStream {

  /**
   * Writes {@code count} objects, each one line of JSON followed by {@code '\n'}. Blocks while the
   * receiver is not ready for more (flow control); the caller must not modify {@code objects} after
   * the call.
   */
  void write(ByteBuffer objects, int count);

  /** Ends the stream normally and returns the number of objects the receiver accepted. */
  long close();

  /** Ends the stream abnormally: whatever was written may be discarded. Never throws. */
  void abort(Throwable cause);
}
