package agent.core.output;

import static agent.core.output.GzipFiles.gunzip;
import static agent.core.output.GzipFiles.tree;
import static agent.core.output.ModelFileWriterTest.batch;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ExportOutputTest {
  @TempDir Path exportDir;

  @Test
  void oneSharedWriterPerIntegrationAndModel() throws Exception {
    ExportOutput output = new ExportOutput(exportDir, 1024);

    assertSame(output.writer("github", "sourcecode.Repo"), output.writer("github", "sourcecode.Repo"));
    assertNotSame(output.writer("github", "sourcecode.Repo"), output.writer("github", "sourcecode.User"));
    assertNotSame(output.writer("github", "sourcecode.Repo"), output.writer("gitlab", "sourcecode.Repo"));

    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<ModelFileWriter>> calls = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        calls.add(() -> output.writer("jira", "work.Issue"));
      }
      Set<ModelFileWriter> distinct = new HashSet<>();
      for (Future<ModelFileWriter> f : pool.invokeAll(calls)) {
        distinct.add(f.get());
      }
      assertEquals(1, distinct.size());
    } finally {
      pool.shutdownNow();
    }
  }

  static Stream<String> unsafeNames() {
    return Stream.of(
        "..", ".", "../x", "a/b", "a\\b", "/abs", "a..b", "with space", "tab\t", "ünï", "a:b",
        "x".repeat(PathSegments.MAX_LENGTH + 1));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @MethodSource("unsafeNames")
  void rejectsUnsafeNamesWithAClearMessage(String name) throws IOException {
    ExportOutput output = new ExportOutput(exportDir, 1024);

    IllegalArgumentException asIntegration =
        assertThrows(IllegalArgumentException.class, () -> output.writer(name, "work.Issue"));
    assertTrue(asIntegration.getMessage().startsWith("integration id"), asIntegration.getMessage());
    if (name != null && !name.isEmpty()) {
      assertTrue(asIntegration.getMessage().contains(name), asIntegration.getMessage());
    }
    IllegalArgumentException asModel =
        assertThrows(IllegalArgumentException.class, () -> output.writer("jira", name));
    assertTrue(asModel.getMessage().startsWith("model type"), asModel.getMessage());
    assertThrows(IllegalArgumentException.class, () -> output.closeIntegration(name));
    assertThrows(IllegalArgumentException.class, () -> output.abortIntegration(name));
    assertEquals(List.of(), tree(exportDir), "nothing written");
  }

  @ParameterizedTest
  @ValueSource(strings = {"github", "sourcecode.PullRequest", "my-integration_2", "a.b.c", "X"})
  void acceptsSafeNames(String name) {
    ExportOutput output = new ExportOutput(exportDir, 1024);
    output.writer(name, name);
  }

  @Test
  void closeIntegrationReturnsAllItsFilesSortedAndLeavesOthersWriting() throws IOException {
    byte[] b = batch(0, 0, 4);
    ExportOutput output = new ExportOutput(exportDir, 2L * b.length); // two batches fill a file
    for (int i = 0; i < 5; i++) {
      output.writer("github", "sourcecode.User").append(ByteBuffer.wrap(b), 4);
    }
    output.writer("github", "sourcecode.Repo").append(ByteBuffer.wrap(b), 4);
    output.writer("jira", "work.Issue").append(ByteBuffer.wrap(b), 4);

    List<OutputFile> files = output.closeIntegration("github");

    assertEquals(
        List.of(
            "github/sourcecode.Repo/000000.json.gz",
            "github/sourcecode.User/000000.json.gz",
            "github/sourcecode.User/000001.json.gz",
            "github/sourcecode.User/000002.json.gz"),
        files.stream().map(OutputFile::path).toList());
    assertEquals(24, files.stream().mapToLong(OutputFile::objects).sum());
    for (OutputFile file : files) {
      gunzip(exportDir.resolve(file.path())); // complete
    }
    // jira is untouched: still writing, still a .tmp.
    assertTrue(tree(exportDir).contains("jira/work.Issue/000000.json.gz.tmp"));
    output.writer("jira", "work.Issue").append(ByteBuffer.wrap(b), 4);
    assertEquals(8, output.closeIntegration("jira").get(0).objects());
  }

  @Test
  void anEndedIntegrationTakesNoMoreWriters() {
    ExportOutput output = new ExportOutput(exportDir, 1024);
    ModelFileWriter writer = output.writer("github", "sourcecode.Repo");
    writer.append(ByteBuffer.wrap(batch(0, 0, 1)), 1);
    output.closeIntegration("github");

    assertThrows(IllegalStateException.class, () -> output.writer("github", "sourcecode.Repo"));
    assertThrows(IllegalStateException.class, () -> output.writer("github", "sourcecode.User"));
    assertThrows(
        IllegalStateException.class, () -> writer.append(ByteBuffer.wrap(batch(0, 1, 1)), 1));

    output.abortIntegration("gitlab");
    assertThrows(IllegalStateException.class, () -> output.writer("gitlab", "sourcecode.Repo"));
  }

  @Test
  void anIntegrationThatWroteNothingHasNoFilesAndNoFolder() throws IOException {
    ExportOutput output = new ExportOutput(exportDir, 1024);
    output.writer("github", "sourcecode.Repo"); // asked for, never written to

    assertEquals(List.of(), output.closeIntegration("github"));
    assertEquals(List.of(), output.closeIntegration("never-seen"));
    assertFalse(Files.exists(exportDir.resolve("github")));
  }

  @Test
  void abortIntegrationDeletesTmpFilesAndKeepsFinalizedOnes() throws IOException {
    byte[] full = batch(0, 0, 6);
    ExportOutput output = new ExportOutput(exportDir, full.length); // one such batch fills a file
    output.writer("github", "sourcecode.User").append(ByteBuffer.wrap(full), 6);
    output.writer("github", "sourcecode.User").append(ByteBuffer.wrap(batch(0, 1, 1)), 1);
    output.writer("github", "sourcecode.Repo").append(ByteBuffer.wrap(batch(0, 2, 1)), 1);

    output.abortIntegration("github");

    assertEquals(List.of("github/sourcecode.User/000000.json.gz"), tree(exportDir));
    assertArrayEquals(full, gunzip(exportDir.resolve("github/sourcecode.User/000000.json.gz")));
  }

  @Test
  void aWriterThatCannotCloseFailsTheIntegrationAndAbortsTheRest() throws IOException {
    ExportOutput output = new ExportOutput(exportDir, 1024);
    // The first writer's folder is blocked by a regular file: its append fails.
    Files.createDirectories(exportDir.resolve("github"));
    Files.writeString(exportDir.resolve("github/sourcecode.Repo"), "in the way");
    ModelFileWriter broken = output.writer("github", "sourcecode.Repo");
    assertThrows(
        UncheckedIOException.class, () -> broken.append(ByteBuffer.wrap(batch(0, 0, 1)), 1));
    output.writer("github", "sourcecode.User").append(ByteBuffer.wrap(batch(0, 1, 1)), 1);
    assertTrue(tree(exportDir).contains("github/sourcecode.User/000000.json.gz.tmp"));

    assertThrows(UncheckedIOException.class, () -> output.closeIntegration("github"));

    assertEquals(List.of("github/sourcecode.Repo"), tree(exportDir), "the other .tmp is gone");
  }

  @Test
  void sweepDeletesOnlyLeftoverTmpOutputFilesOfExportFolders() throws IOException {
    Path root = exportDir.resolve("exports");
    List<String> leftovers =
        List.of(
            "e1/github/sourcecode.Repo/000000.json.gz.tmp",
            "e1/github/sourcecode.Repo/000007.json.gz.tmp",
            "e2/jira/work.Issue/000003.json.gz.tmp");
    List<String> kept =
        List.of(
            "e1/github/sourcecode.Repo/000001.json.gz",
            "e1/manifest.json",
            "e1/manifest.json.tmp",
            "e2/jira/work.Issue/notes.txt.tmp",
            "stray.json.gz.tmp",
            "e3/a/b/c/too-deep.json.gz.tmp");
    for (String p : concat(leftovers, kept)) {
      Files.createDirectories(root.resolve(p).getParent());
      Files.writeString(root.resolve(p), p);
    }

    assertEquals(3, ExportOutput.sweepTempFiles(root));

    assertEquals(kept.stream().sorted().toList(), tree(root));
    assertEquals(0, ExportOutput.sweepTempFiles(root));
    assertEquals(0, ExportOutput.sweepTempFiles(exportDir.resolve("missing")));
  }

  @Test
  void sweptExportFolderCanBeWrittenAgainCleanly() throws IOException {
    // A killed host left a .tmp; after the sweep a new export of the same names works.
    Path root = exportDir.resolve("exports");
    Path tmp = root.resolve("e1/github/sourcecode.Repo/000000.json.gz.tmp");
    Files.createDirectories(tmp.getParent());
    Files.write(tmp, new byte[] {31, (byte) 139, 8}); // a truncated gzip
    ExportOutput.sweepTempFiles(root);

    ExportOutput output = new ExportOutput(root.resolve("e1"), 1024);
    output.writer("github", "sourcecode.Repo").append(ByteBuffer.wrap(batch(0, 0, 2)), 2);
    assertEquals(2, output.closeIntegration("github").get(0).objects());
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
