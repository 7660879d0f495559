package agent.rpcdef;

import agent.rpcdef.internal.Agent;
import agent.rpcdef.internal.ObjectStream;
import agent.rpcdef.internal.SessionInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * A session that sends objects of one model type. Objects are serialized once, here, and travel to
 * the host in batches of {@value #BATCH_BYTES} to {@value #MAX_BATCH_BYTES} bytes (the last one may
 * be smaller); an object that would push a batch past the maximum goes in a message of its own. The
 * host writes them as they are.
 * {@link #send} blocks when the host is not ready for more (flow control), so memory stays bounded
 * however fast the integration produces.
 *
 * <p>Not thread-safe: one thread sends, then calls {@link #done}.
 */
public final class ModelSession extends Session {
  /** A batch is sent once it holds at least this many bytes (the protocol asks for 64-256 KiB). */
  public static final int BATCH_BYTES = 128 * 1024;

  /** No message holds more than this, unless it holds a single larger object. */
  public static final int MAX_BATCH_BYTES = 256 * 1024;

  private static final ObjectWriter WRITER = Json.mapper().writer();

  private final String modelType;
  private final Batch batch = new Batch();
  private JsonGenerator generator;
  private ObjectStream stream;
  private long sent;

  ModelSession(Agent agent, SessionInfo info, LongSupplier nanoClock, String modelType) {
    super(agent, info, nanoClock);
    this.modelType = modelType;
    this.generator = newGenerator();
  }

  private JsonGenerator newGenerator() {
    JsonGenerator g;
    try {
      g = Json.mapper().getFactory().createGenerator(batch);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    // Objects are separated by our own '\n', not by the generator's root separator.
    g.setRootValueSeparator(null);
    return g;
  }

  public String modelType() {
    return modelType;
  }

  /** Objects sent so far (queued in the current batch included). */
  public long sent() {
    return sent;
  }

  /** Serializes {@code object} (a datamodel record, a map, ...) and queues it. */
  public void send(Object object) {
    checkOpen();
    batch.startObject();
    try {
      WRITER.writeValue(generator, object);
      generator.flush();
    } catch (IOException | RuntimeException e) {
      // Drop the half-written object, and the generator that is stuck inside it, so that the
      // session stays usable: an integration may skip an object it cannot serialize.
      batch.size = batch.lastStart;
      generator = newGenerator();
      throw new IntegrationException("cannot serialize " + object.getClass().getName() + ": " + e.getMessage(), e);
    }
    batch.write('\n');
    objectQueued();
  }

  /**
   * Queues one object that is already serialized: a single JSON object in UTF-8 on one line (no raw
   * newline inside).
   */
  public void sendJson(byte[] json) {
    checkOpen();
    for (byte b : json) {
      if (b == '\n' || b == '\r') {
        throw new IllegalArgumentException("a serialized object must be one line of JSON");
      }
    }
    batch.startObject();
    batch.write(json, 0, json.length);
    batch.write('\n');
    objectQueued();
  }

  private void objectQueued() {
    sent++;
    batch.count++;
    if (batch.size >= BATCH_BYTES) {
      flush();
    }
  }

  private void flush() {
    if (batch.count == 0) {
      return;
    }
    if (stream == null) {
      stream = agent.sessionSend(info.id());
    }
    byte[] buf = batch.buf;
    int size = batch.size;
    int count = batch.count;
    int last = batch.lastStart;
    batch.reset();
    if (size > MAX_BATCH_BYTES && count > 1) {
      // Only the last object can have pushed the batch past the maximum (it is flushed as soon as it
      // reaches BATCH_BYTES): send what came before it, then the object alone.
      stream.write(ByteBuffer.wrap(buf, 0, last), count - 1);
      stream.write(ByteBuffer.wrap(buf, last, size - last), 1);
    } else {
      stream.write(ByteBuffer.wrap(buf, 0, size), count);
    }
  }

  @Override
  void beforeDone() {
    flush();
    if (stream != null) {
      long accepted = stream.close();
      stream = null;
      if (accepted != sent) {
        throw new AgentException(
            "host accepted " + accepted + " objects of " + sent + " sent to " + key(), null);
      }
    }
  }

  @Override
  void abort(Throwable cause) {
    if (!isDone() && stream != null) {
      stream.abort(cause);
      stream = null;
    }
    super.abort(cause);
  }

  /**
   * The batch being filled: a growable array handed over whole, never reused after a flush. The
   * array is allocated on the first write, so a session that is done holds none.
   */
  private static final class Batch extends OutputStream {
    private static final byte[] EMPTY = new byte[0];
    private static final int INITIAL = BATCH_BYTES + BATCH_BYTES / 4;

    byte[] buf = EMPTY;
    int size;
    int count;
    /** Where the object being written, or the last one written, starts. */
    int lastStart;

    void startObject() {
      lastStart = size;
    }

    @Override
    public void write(int b) {
      ensure(1);
      buf[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      ensure(len);
      System.arraycopy(b, off, buf, size, len);
      size += len;
    }

    private void ensure(int more) {
      if (size + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(INITIAL, Math.max(buf.length * 2, size + more)));
      }
    }

    /** Starts a new batch; the old array now belongs to the stream it was written to. */
    void reset() {
      buf = EMPTY;
      size = 0;
      count = 0;
      lastStart = 0;
    }
  }
}
