package agent.core.checkpoint;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.testing.CapturedLogs;
import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckpointStoreTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-03-05T06:07:08.123Z"), ZoneOffset.UTC);
  private static final String PR = "github/organization/acme/repo/api/sourcecode.PullRequest";

  @TempDir Path root;
  @RegisterExtension final CapturedLogs logs = CapturedLogs.of("agent.core.checkpoint");
  Path file;

  @BeforeEach
  void locateFile() {
    file = root.resolve("state/checkpoints.json");
  }

  @Test
  void missingFileIsAnEmptyStoreWithoutWarning() {
    CheckpointStore store = CheckpointStore.open(file, CLOCK);

    assertEquals("", store.get(PR));
    assertEquals(Map.of(), store.snapshot());
    assertFalse(Files.exists(file), "opening must not create the file");
    assertTrue(warnings().isEmpty());
  }

  @Test
  void commitCreatesTheStateFolderAndRoundTrips() {
    CheckpointStore store = CheckpointStore.open(file, CLOCK);
    store.commit(Map.of(PR, "2024-03-01T00:00:00Z", "jira/PROJ/work.Issue", "12345"));

    assertEquals("2024-03-01T00:00:00Z", store.get(PR));

    CheckpointStore reopened = CheckpointStore.open(file, CLOCK);
    assertEquals(
        Map.of(PR, "2024-03-01T00:00:00Z", "jira/PROJ/work.Issue", "12345"), reopened.snapshot());
    assertEquals("", reopened.get("unknown/key"));
  }

  @Test
  void fileHasTheDocumentedFormatWithSortedKeys() throws IOException {
    Map<String, String> unordered = new LinkedHashMap<>();
    unordered.put("zeta", "3");
    unordered.put("alpha", "1");
    unordered.put("mid", "2");
    CheckpointStore.open(file, CLOCK).commit(unordered);

    JsonNode json = new ObjectMapper().readTree(file.toFile());
    assertEquals(1, json.get("version").intValue());
    assertEquals("2024-03-05T06:07:08.123Z", json.get("updated").textValue());
    List<String> keys = new ArrayList<>();
    json.get("checkpoints").fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("alpha", "mid", "zeta"), keys);
    assertEquals("2", json.get("checkpoints").get("mid").textValue());
    assertEquals(List.of("version", "updated", "checkpoints"), fieldNames(json));
    assertEquals(List.of(file), list(file.getParent()), "no .tmp left");
  }

  @Test
  void commitMergesIntoWhatIsCommitted() {
    CheckpointStore store = CheckpointStore.open(file, CLOCK);
    store.commit(Map.of("a", "1", "b", "1"));
    store.commit(Map.of("b", "2", "c", "2"));

    assertEquals(Map.of("a", "1", "b", "2", "c", "2"), store.snapshot());
    assertEquals(store.snapshot(), CheckpointStore.open(file, CLOCK).snapshot());
  }

  @Test
  void snapshotIsAnImmutableCopy() {
    CheckpointStore store = CheckpointStore.open(file, CLOCK);
    store.commit(Map.of("a", "1"));
    Map<String, String> before = store.snapshot();
    store.commit(Map.of("a", "2"));

    assertEquals("1", before.get("a"));
    assertThrows(UnsupportedOperationException.class, () -> before.put("x", "y"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\u0000\u0001garbage\u00ff",
        "",
        "{\"version\":1,\"checkpoints\":{\"a\":\"1\"", // truncated
        "{\"version\":1,\"checkpoints\":{}} trailing",
        "[1,2,3]",
        "{\"checkpoints\":{}}",
        "{\"version\":2,\"checkpoints\":{\"a\":\"1\"}}",
        "{\"version\":\"1\",\"checkpoints\":{}}",
        "{\"version\":1}",
        "{\"version\":1,\"checkpoints\":[]}",
        "{\"version\":1,\"checkpoints\":{\"a\":1}}",
      })
  void corruptFileIsMovedAsideWithItsBytesAndTheStoreStartsEmpty(String content)
      throws IOException {
    Files.createDirectories(file.getParent());
    byte[] original = content.getBytes(UTF_8);
    Files.write(file, original);

    CheckpointStore store = CheckpointStore.open(file, CLOCK);

    assertEquals(Map.of(), store.snapshot());
    assertFalse(Files.exists(file));
    Path aside = file.resolveSibling("checkpoints.json.corrupt-20240305-060708");
    assertArrayEquals(original, Files.readAllBytes(aside), "the corrupt bytes are kept as they were");
    assertEquals(1, warnings().size());
    String warning = warnings().get(0);
    assertTrue(warning.contains(file.toString()), warning);
    assertTrue(warning.contains(aside.toString()), warning);
    assertTrue(warning.contains("FULL export"), warning);
  }

  @Test
  void corruptNameUsesTheClockZoneAndTheDocumentedPattern() throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "not json");

    CheckpointStore.open(file); // the real clock

    List<Path> files = list(file.getParent());
    assertEquals(1, files.size());
    assertTrue(
        files.get(0).getFileName().toString().matches("checkpoints\\.json\\.corrupt-\\d{8}-\\d{6}"),
        files.get(0).toString());

    Files.writeString(file, "not json");
    Clock tokyo = Clock.fixed(Instant.parse("2024-03-05T23:00:00Z"), ZoneId.of("Asia/Tokyo"));
    CheckpointStore.open(file, tokyo);
    assertTrue(Files.exists(file.resolveSibling("checkpoints.json.corrupt-20240306-080000")));
  }

  @Test
  void aSecondCorruptionInTheSameSecondKeepsBothCopies() throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "first garbage");
    CheckpointStore.open(file, CLOCK);
    Files.writeString(file, "second garbage");
    CheckpointStore.open(file, CLOCK);

    Path base = file.resolveSibling("checkpoints.json.corrupt-20240305-060708");
    assertEquals("first garbage", Files.readString(base));
    assertEquals("second garbage", Files.readString(base.resolveSibling(base.getFileName() + "-1")));
  }

  @Test
  void aStoreOpenedAfterACorruptionCommitsNormally() throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "garbage");
    CheckpointStore store = CheckpointStore.open(file, CLOCK);
    store.commit(Map.of("a", "1"));

    assertEquals(Map.of("a", "1"), CheckpointStore.open(file, CLOCK).snapshot());
    assertEquals(1, warnings().size(), "only the corruption warns");
  }

  @Test
  void failedCommitLeavesMemoryAndFileUnchanged() throws IOException {
    CheckpointStore store = CheckpointStore.open(file, CLOCK);
    store.commit(Map.of("a", "1"));
    // Replace the state folder by a regular file: the next write cannot happen (works as root too).
    Path state = file.getParent();
    Files.delete(file);
    Files.delete(state);
    Files.writeString(state, "a file where the folder was");

    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> store.commit(Map.of("a", "2", "b", "2")));

    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertEquals(Map.of("a", "1"), store.snapshot());
    assertEquals("1", store.get("a"));
    assertEquals("", store.get("b"));
  }

  @Test
  void failedWriteInAnExistingFolderLeavesTheOldFile() throws IOException {
    CheckpointStore store = CheckpointStore.open(file, CLOCK);
    store.commit(Map.of("a", "1"));
    byte[] before = Files.readAllBytes(file);
    // A non-empty folder named like the tmp file: the write itself fails.
    Files.createDirectories(file.resolveSibling("checkpoints.json.tmp").resolve("x"));

    assertThrows(UncheckedIOException.class, () -> store.commit(Map.of("a", "2")));

    assertEquals("1", store.get("a"));
    assertArrayEquals(before, Files.readAllBytes(file));
  }

  @Test
  void nullTokenCommitsNothing() {
    CheckpointStore store = CheckpointStore.open(file, CLOCK);
    Map<String, String> tokens = new LinkedHashMap<>();
    tokens.put("a", "1");
    tokens.put("b", null);

    assertThrows(NullPointerException.class, () -> store.commit(tokens));
    assertEquals(Map.of(), store.snapshot());
    assertFalse(Files.exists(file));
  }

  @Test
  void unreadableFileIsAnErrorNotACorruption() throws IOException {
    Files.createDirectories(file); // a folder where the file should be: exists, but cannot be read

    assertThrows(UncheckedIOException.class, () -> CheckpointStore.open(file, CLOCK));
    assertTrue(Files.isDirectory(file), "left in place");
    assertTrue(warnings().isEmpty());
  }

  @Test
  void aFolderInPlaceOfTheFileIsOneSentenceWithThePathAndTheFix() throws IOException {
    Files.createDirectories(file);

    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> CheckpointStore.open(file, CLOCK));
    assertEquals(file + " is a folder, not the checkpoint file: move it out of the way and run again"
        + " (the next export is then a full one)", e.getMessage());
  }

  @Test
  void concurrentCommitsAreAllKept() throws Exception {
    CheckpointStore store = CheckpointStore.open(file, CLOCK);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int id = t;
      Thread thread =
          new Thread(
              () -> {
                for (int i = 0; i < 10; i++) {
                  store.commit(Map.of("t" + id + "/" + i, "v" + i));
                }
              });
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertEquals(80, store.snapshot().size());
    assertEquals(store.snapshot(), CheckpointStore.open(file, CLOCK).snapshot());
  }

  private List<String> warnings() {
    return logs.messages(Level.WARN);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }
}
