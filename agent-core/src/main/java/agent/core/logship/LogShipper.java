package agent.core.logship;

import agent.core.backend.BackendClient;
import agent.core.backend.BackendException;
import agent.core.backend.LogBatch;
import agent.core.loop.BackendRetry;
import agent.core.loop.Backoff;
import agent.core.loop.ServiceStopped;
import agent.core.loop.StopSignal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships the {@link LogSpool} to {@code POST /logs}, on its own thread: every {@code interval} (jittered
 * by ±20 %) it seals the open segment and posts the sealed ones, oldest first, then deletes each
 * segment once every batch of it was acknowledged. A batch holds at most 1000 lines and under 1 MiB
 * (a segment never holds more) and lines of one source and command; its {@code batch_id} is the
 * segment's name plus the index of its first line, so a batch sent again after a crash between the
 * post and the delete is stored once by the backend.
 *
 * <p>Retryable failures (network, 5xx, 429) are retried through {@link BackendRetry} until the stop
 * signal; a 401 waits for the key to be accepted again (BackendRetry's recheck). A batch refused as
 * too large (413) is split in halves and sent again, down to single lines; any other refusal (a 400,
 * a 413 of a single line) is logged once and that batch is dropped, since sending it again would be
 * refused again. On stop, {@link #run()} seals and makes one last bounded attempt to
 * ship what is left; what still fails stays in the spool for the next start.
 */
public final class LogShipper implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(LogShipper.class);
  /** The backend's limits per batch, which the spool's segments already keep to. */
  static final int MAX_LINES = LogSpool.SEGMENT_LINES;
  static final long MAX_BYTES = LogSpool.SEGMENT_BYTES;

  private final LogSpool spool;
  private final BackendClient client;
  private final BackendRetry retry;
  private final StopSignal stop;
  private final Duration interval;

  /** @param interval at most 10 s in service (the contract's "at least every 10 s"); tests shorten it */
  public LogShipper(LogSpool spool, BackendClient client, BackendRetry retry, StopSignal stop, Duration interval) {
    this.spool = spool;
    this.client = client;
    this.retry = retry;
    this.stop = stop;
    this.interval = interval;
  }

  @Override
  public void run() {
    while (stop.sleep(Backoff.jittered(interval))) {
      shipOnce();
    }
    // The stop signal: one last attempt; BackendRetry does not wait once stopping, so this is bounded.
    shipOnce();
  }

  /**
   * Seals the open segment and ships every sealed one until the first that cannot be shipped now.
   *
   * @return true when the spool was emptied
   */
  public boolean shipOnce() {
    try {
      spool.seal();
      for (Path segment : spool.sealed()) {
        if (!ship(segment)) {
          return false;
        }
        spool.delete(segment);
      }
      return true;
    } catch (IOException e) {
      LOG.warn("cannot read the log spool: {}", e.getMessage());
      return false;
    } catch (RuntimeException e) {
      LOG.error("bug: shipping logs failed", e);
      return false;
    }
  }

  /** @return true when every batch of the segment was stored (or dropped as refused) */
  private boolean ship(Path segment) throws IOException {
    String name = segment.getFileName().toString();
    name = name.substring(0, name.indexOf('.'));
    for (LogBatch batch : batches(name, LogSpool.read(segment))) {
      if (!post(batch, batch.batchId(), 0)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Posts one batch; a batch the backend finds too large (413) is cut in two halves, each posted the
   * same way. A half's id is {@code <id>-<index of its first line in the whole>-<lines>}: stable across
   * a crash (the halving is deterministic), and never the id of a whole batch, so a half stored before a
   * crash cannot make the backend take the whole batch for stored.
   *
   * @param baseId the id of the batch as the segment cut it, which the ids of its pieces derive from
   * @param offset where {@code batch} starts within that whole batch: 0 for the whole batch itself
   * @return false when it must be tried again later (the backend is away, the key refused, stopping)
   */
  private boolean post(LogBatch batch, String baseId, int offset) {
    try {
      retry.call(() -> client.postLogs(batch), 0);
      return true;
    } catch (ServiceStopped e) {
      return false;
    } catch (BackendException e) {
      if (e.retryable() || e.unauthorized()) {
        return false;
      }
      if (e.status() == 413 && batch.lines().size() > 1) {
        LOG.info("the backend found log batch {} too large ({} lines); sending it in two halves", batch.batchId(),
            batch.lines().size());
        int half = batch.lines().size() / 2;
        return post(piece(batch, baseId, offset, 0, half), baseId, offset)
            && post(piece(batch, baseId, offset, half, batch.lines().size()), baseId, offset + half);
      }
      // Refused as it is (a 400, a 413 of one line): sending it again would be refused again.
      LOG.warn("the backend refused log batch {} ({}); dropping its {} line(s)", batch.batchId(), e.getMessage(),
          batch.lines().size());
      return true;
    }
  }

  private static LogBatch piece(LogBatch batch, String baseId, int offset, int from, int to) {
    return new LogBatch(baseId + "-" + (offset + from) + "-" + (to - from), batch.source(), batch.commandId(),
        batch.lines().subList(from, to));
  }


  /** Cuts a segment's lines into batches: one source and command each, within the backend's limits. */
  static List<LogBatch> batches(String segmentName, List<SpoolLine> lines) {
    List<LogBatch> out = new ArrayList<>();
    int start = 0;
    while (start < lines.size()) {
      SpoolLine first = lines.get(start);
      List<LogBatch.Line> batch = new ArrayList<>();
      long bytes = 0;
      int i = start;
      while (i < lines.size() && batch.size() < MAX_LINES) {
        SpoolLine l = lines.get(i);
        long size = size(l);
        if (!Objects.equals(l.source(), first.source()) || !Objects.equals(l.commandId(), first.commandId())
            || (!batch.isEmpty() && bytes + size > MAX_BYTES)) {
          break;
        }
        batch.add(new LogBatch.Line(l.time(), l.level(), l.logger(), l.message(), l.integration()));
        bytes += size;
        i++;
      }
      out.add(new LogBatch(segmentName + "-" + start, first.source(), first.commandId(), batch));
      start = i;
    }
    return out;
  }

  private static long size(SpoolLine l) {
    long n = 96; // the keys and quotes of one line
    for (String s : new String[] {l.time(), l.level(), l.logger(), l.message(), l.integration()}) {
      n += s == null ? 4 : s.getBytes(StandardCharsets.UTF_8).length;
    }
    return n;
  }
}
