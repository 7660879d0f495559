package agent.core.export;

import agent.core.fs.AtomicFiles;
import agent.rpcdef.Json;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live progress of one export as a small JSON file, for the process that started it: {@code
 * service-run} reads it while its child export runs and relays it to the backend as {@code progress}
 * events.
 *
 * <pre>{"time": "2026-11-22T10:30:01.250Z", "integrations": {"gh": {"status": "running", "current": 3, "total": 10,
 *  "objects": {"sourcecode.PullRequest": 1200}, "paused": {"reason": "GitHub secondary rate limit",
 *  "resume_at": "2026-11-22T10:31:00Z", "since": "2026-11-22T10:30:00.812Z"}, "pauses": 2, "paused_ms": 61000}}}</pre>
 *
 * <p>Every integration of the export has an entry from the first write on, in the order given:
 * {@code status} is {@code running} until it ended ({@code completed} or {@code failed}); {@code
 * current}/{@code total} are those of its top sessions ({@link HostAgent#topProgress()}), present once
 * it reported any; {@code objects} counts what it sent so far per model type. {@code paused} is there
 * while it waits for a rate limit ({@code resume_at} only when the plugin said when it goes on);
 * {@code pauses} (the current one included) and {@code paused_ms} (of the pauses that ended) appear
 * with its first pause.
 *
 * <p>Each write replaces the file atomically ({@link AtomicFiles}), so a reader sees a whole file,
 * never a half one. The file is a side channel: a failed write is logged once as a warning and never
 * fails the export.
 *
 * <p>Thread-safe: integrations start and end on their own threads while a ticker writes.
 */
final class ProgressFile {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressFile.class);
  /** One line with a space after ':' and ',': the shape documented for it, readable at a glance. */
  private static final ObjectWriter WRITER = Json.mapper().writer(new DefaultPrettyPrinter(
      Separators.createDefaultInstance()
          .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
          .withObjectEntrySpacing(Separators.Spacing.AFTER)
          .withObjectEmptySeparator(""))
      .withObjectIndenter(DefaultPrettyPrinter.NopIndenter.instance)
      .withArrayIndenter(DefaultPrettyPrinter.NopIndenter.instance));

  private final Path file;
  private final Clock clock;
  private final Map<String, Tracked> integrations;
  /** The integrations part of the last successful write; the time alone is no reason to write again. */
  private Map<String, Object> lastWritten;
  private boolean warned;

  /** One integration's state; fields are set by its own thread and read by the writer. */
  private static final class Tracked {
    volatile HostAgent host;
    volatile String status = "running";

    Map<String, Object> snapshot() {
      HostAgent h = host;
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("status", status);
      HostAgent.Progress top = h == null ? null : h.topProgress();
      if (top != null) {
        out.put("current", top.current());
        out.put("total", top.total());
      }
      out.put("objects", h == null ? Map.of() : h.objectsByModel());
      PauseTracker.Snapshot pauses = h == null ? null : h.pauses();
      if (pauses != null && pauses.current() != null) {
        PauseTracker.Pause p = pauses.current();
        Map<String, Object> paused = new LinkedHashMap<>();
        paused.put("reason", p.reason());
        if (p.resumeAt() != null) {
          paused.put("resume_at", p.resumeAt().toString());
        }
        paused.put("since", p.since().toString());
        out.put("paused", paused);
      }
      if (pauses != null && pauses.pauses() > 0) {
        out.put("pauses", pauses.pauses());
        out.put("paused_ms", pauses.pausedMs());
      }
      return out;
    }
  }

  /**
   * @param file replaced on every write; its folder must exist
   * @param integrationIds every integration of the export, each listed as running until it ends
   */
  ProgressFile(Path file, List<String> integrationIds) {
    this(file, integrationIds, Clock.systemUTC());
  }

  ProgressFile(Path file, List<String> integrationIds, Clock clock) {
    this.file = file;
    this.clock = clock;
    Map<String, Tracked> byId = new LinkedHashMap<>();
    integrationIds.forEach(id -> byId.put(id, new Tracked()));
    this.integrations = Collections.unmodifiableMap(byId);
  }

  /** From now on the integration's counts and top progress come from {@code host}. */
  void started(String integrationId, HostAgent host) {
    tracked(integrationId).host = host;
  }

  /** The integration ended; its host's counts are final. */
  void ended(String integrationId, boolean completed) {
    tracked(integrationId).status = completed ? "completed" : "failed";
  }

  /** Writes the file unless nothing but the time would change since the last write. */
  synchronized void writeIfChanged() {
    Map<String, Object> now = snapshot();
    if (!now.equals(lastWritten)) {
      write(now);
    }
  }

  /**
   * Writes the file whether or not anything changed: called once every integration ended, so that
   * the reader's last view is the final one, with a fresh time.
   */
  synchronized void writeFinal() {
    write(snapshot());
  }

  private void write(Map<String, Object> snapshot) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("time", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
    doc.put("integrations", snapshot);
    try {
      AtomicFiles.writeAtomically(file, WRITER.writeValueAsBytes(doc));
      lastWritten = snapshot;
    } catch (IOException | RuntimeException e) {
      if (!warned) {
        warned = true;
        LOG.warn("cannot write the progress file {}: {}; the export goes on (further failures are logged at debug level)", file, e.toString());
      } else {
        LOG.debug("cannot write the progress file {}: {}", file, e.toString());
      }
    }
  }

  private Map<String, Object> snapshot() {
    Map<String, Object> out = new LinkedHashMap<>();
    integrations.forEach((id, t) -> out.put(id, t.snapshot()));
    return out;
  }

  private Tracked tracked(String integrationId) {
    Tracked t = integrations.get(integrationId);
    if (t == null) {
      throw new IllegalArgumentException("bug: integration " + integrationId + " is not part of this export");
    }
    return t;
  }
}
