package agent.core.checkpoint;

import agent.core.fs.AtomicFiles;
import agent.rpcdef.Json;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The committed last-processed tokens of every session key (DESIGN "Sessions and checkpoints"), kept
 * in one JSON file ({@code state/checkpoints.json}):
 *
 * <pre>{"version":1,"updated":"&lt;rfc3339&gt;","checkpoints":{"&lt;key&gt;":"&lt;token&gt;",...}}</pre>
 *
 * <p>Keys are written sorted so the file diffs cleanly. Every commit rewrites the whole file with
 * {@link AtomicFiles}: after a crash the file holds either the previous commit or the new one.
 *
 * <p>Thread-safe: readers see the last successful commit; commits are serialized. One store per file
 * per process: two processes committing to the same file would overwrite each other's commits.
 */
public final class CheckpointStore {
  /** The only file format version this code reads and writes. */
  public static final int VERSION = 1;

  static final String CORRUPT_INFIX = ".corrupt-";

  private static final Logger LOG = LoggerFactory.getLogger("agent.core.checkpoint");
  private static final DateTimeFormatter CORRUPT_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
  private static final ObjectMapper MAPPER = Json.mapper();

  private final Path file;
  private final Clock clock;
  // Immutable, replaced as a whole by commit: readers need no lock.
  private volatile SortedMap<String, String> committed;

  private CheckpointStore(Path file, Clock clock, SortedMap<String, String> committed) {
    this.file = file;
    this.clock = clock;
    this.committed = committed;
  }

  /** {@link #open(Path, Clock)} with the system clock in the local time zone. */
  public static CheckpointStore open(Path file) {
    return open(file, Clock.systemDefaultZone());
  }

  /**
   * Loads the store from {@code file}. A missing file is an empty store. A corrupt file (not JSON,
   * wrong shape, unknown version) is moved aside to {@code <name>.corrupt-<yyyyMMdd-HHmmss>} (in the
   * clock's time zone; never deleted), a WARN says so, and the store starts empty: the next export
   * is a full one.
   *
   * @param clock gives the {@code updated} time of commits and the stamp of a corrupt file's name
   * @throws UncheckedIOException if the file exists but cannot be read (a folder in its place, a
   *     permission), or a corrupt file cannot be moved aside (starting empty would then overwrite it at
   *     the next commit); the message names the file and what to do
   */
  public static CheckpointStore open(Path file, Clock clock) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(clock, "clock");
    if (Files.isDirectory(file)) {
      throw new UncheckedIOException(file + " is a folder, not the checkpoint file: move it out of the way and run"
          + " again (the next export is then a full one)", new FileSystemException(file.toString(), null, "is a folder"));
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new CheckpointStore(file, clock, Collections.emptySortedMap());
    } catch (IOException e) {
      // Unreadable is not corrupt (permissions, I/O error): moving it aside would lose good data.
      String why = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
      throw new UncheckedIOException("cannot read the checkpoint file " + file + " (" + why + "): give the agent's account"
          + " access to it, or move it out of the way for a full export", e);
    }
    try {
      return new CheckpointStore(file, clock, parse(bytes));
    } catch (CorruptException e) {
      Path aside = moveAside(file, clock);
      LOG.warn(
          "CHECKPOINTS LOST: {} is corrupt ({}). Moved it to {} and starting with no checkpoints: "
              + "the next export of every integration will be a FULL export, not an incremental one.",
          file,
          e.getMessage(),
          aside);
      return new CheckpointStore(file, clock, Collections.emptySortedMap());
    }
  }

  /** The file this store lives in. */
  public Path file() {
    return file;
  }

  /** The committed token of {@code key}, or {@code ""} if there is none (first run). */
  public String get(String key) {
    return committed.getOrDefault(key, "");
  }

  /** An immutable copy of every committed token, sorted by key. */
  public Map<String, String> snapshot() {
    return committed;
  }

  /**
   * Merges {@code tokens} into the store (a key given here replaces its committed token; other keys
   * stay) and makes the result durable before returning.
   *
   * @throws UncheckedIOException if the file cannot be written; the store then still holds the
   *     previous commit, in memory and on disk
   * @throws NullPointerException if a key or a token is null (nothing is committed)
   */
  public synchronized void commit(Map<String, String> tokens) {
    SortedMap<String, String> merged = new TreeMap<>(committed);
    tokens.forEach(
        (key, token) ->
            merged.put(
                Objects.requireNonNull(key, "checkpoint key"),
                Objects.requireNonNull(token, () -> "checkpoint token of " + key)));
    write(Collections.unmodifiableSortedMap(merged));
  }

  /**
   * Removes {@code keys} from the store (keys it does not hold are ignored) and makes the result durable
   * before returning, as {@link #commit} does: the next session of a removed key starts from scratch.
   *
   * @return the keys that were removed, with the tokens they held, sorted
   * @throws UncheckedIOException if the file cannot be written; the store then still holds every key
   */
  public synchronized SortedMap<String, String> remove(java.util.Collection<String> keys) {
    SortedMap<String, String> removed = new TreeMap<>();
    SortedMap<String, String> next = new TreeMap<>(committed);
    for (String key : keys) {
      String token = next.remove(key);
      if (token != null) {
        removed.put(key, token);
      }
    }
    if (removed.isEmpty()) {
      return removed;
    }
    write(Collections.unmodifiableSortedMap(next));
    return removed;
  }

  private void write(SortedMap<String, String> next) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      AtomicFiles.createDirectories(parent);
      AtomicFiles.writeAtomically(file, serialize(next));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot commit checkpoints to " + file + ": " + e.getMessage(), e);
    }
    committed = next; // only once the file holds it
  }

  private byte[] serialize(SortedMap<String, String> checkpoints) throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("version", VERSION);
    root.put(
        "updated",
        OffsetDateTime.now(clock)
            .withOffsetSameInstant(ZoneOffset.UTC)
            .truncatedTo(ChronoUnit.MILLIS)
            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    ObjectNode map = root.putObject("checkpoints");
    checkpoints.forEach(map::put);
    // Indented, one key per line: an operator diffs and reads this file.
    byte[] json = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    byte[] withNewline = new byte[json.length + 1];
    System.arraycopy(json, 0, withNewline, 0, json.length);
    withNewline[json.length] = '\n';
    return withNewline;
  }

  private static SortedMap<String, String> parse(byte[] bytes) throws CorruptException {
    JsonNode root;
    try {
      // Trailing garbage after the object is corruption too, not something to ignore.
      root = MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(bytes);
    } catch (JacksonException e) {
      throw new CorruptException("not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new CorruptException("not JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new CorruptException("not a JSON object");
    }
    JsonNode version = root.get("version");
    if (version == null || !version.isIntegralNumber()) {
      throw new CorruptException("\"version\" is missing or not an integer");
    }
    if (version.asLong() != VERSION) {
      throw new CorruptException("unknown version " + version + ", this agent reads " + VERSION);
    }
    JsonNode checkpoints = root.get("checkpoints");
    if (checkpoints == null || !checkpoints.isObject()) {
      throw new CorruptException("\"checkpoints\" is missing or not an object");
    }
    SortedMap<String, String> result = new TreeMap<>();
    for (Map.Entry<String, JsonNode> entry : checkpoints.properties()) {
      if (!entry.getValue().isTextual()) {
        throw new CorruptException("the token of " + entry.getKey() + " is not a string");
      }
      result.put(entry.getKey(), entry.getValue().textValue());
    }
    return Collections.unmodifiableSortedMap(result);
  }

  private static Path moveAside(Path file, Clock clock) {
    String base =
        file.getFileName() + CORRUPT_INFIX + OffsetDateTime.now(clock).format(CORRUPT_STAMP);
    // Two corruptions within one second must not overwrite the first copy: add -1, -2, ...
    for (int attempt = 0; ; attempt++) {
      Path aside = file.resolveSibling(attempt == 0 ? base : base + "-" + attempt);
      try {
        Files.move(file, aside); // no REPLACE_EXISTING: never clobber an earlier copy
        AtomicFiles.fsyncDirectory(file.toAbsolutePath().getParent());
        return aside;
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 100) {
          throw new UncheckedIOException("cannot move corrupt checkpoints " + file + " aside", e);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(
            "checkpoints " + file + " are corrupt and cannot be moved aside: " + e.getMessage(), e);
      }
    }
  }

  /** Why a checkpoint file cannot be used. */
  private static final class CorruptException extends Exception {
    CorruptException(String message) {
      super(message, null, false, false);
    }
  }
}
