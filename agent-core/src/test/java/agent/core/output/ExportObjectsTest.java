package agent.core.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.config.InputException;
import agent.core.fs.PinpointRoot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportObjectsTest {
  @TempDir Path dir;

  /** An export folder with a final manifest and, per "integration/model", the given lines in 000000.json.gz. */
  static Path export(PinpointRoot root, String id, String started, ExportManifest.Status status, Map<String, List<String>> files)
      throws IOException {
    Path d = Files.createDirectories(root.exportDir(id));
    new ExportManifest(id, "test", started, status == ExportManifest.Status.RUNNING ? null : started, status, List.of())
        .write(d);
    for (Map.Entry<String, List<String>> e : files.entrySet()) {
      Path f = Files.createDirectories(d.resolve(e.getKey())).resolve("000000.json.gz");
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
        for (String line : e.getValue()) {
          out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
      }
    }
    return d;
  }

  @Test
  void theLatestExportIsTheNewestFinishedOneByItsStartTimeNotByItsFolderName() throws Exception {
    PinpointRoot root = PinpointRoot.of(dir);
    // A clock set back: the newer export got the smaller id.
    export(root, "20300101T000000Z-aaaaaa", "2026-01-01T00:00:00Z", ExportManifest.Status.COMPLETED, Map.of());
    Path newer = export(root, "20250101T000000Z-bbbbbb", "2026-02-01T00:00:00Z", ExportManifest.Status.PARTIAL, Map.of());
    export(root, "20310101T000000Z-cccccc", "2026-03-01T00:00:00Z", ExportManifest.Status.RUNNING, Map.of());
    assertEquals(newer, ExportObjects.locate(root, null));
  }

  @Test
  void anExportIsNamedByItsIdOrItsPathAndAMissingOneListsThoseThereAre() throws Exception {
    PinpointRoot root = PinpointRoot.of(dir.resolve("root"));
    Path e = export(root, "20260101T000000Z-aaaaaa", "2026-01-01T00:00:00Z", ExportManifest.Status.COMPLETED, Map.of());
    assertEquals(e, ExportObjects.locate(root, "20260101T000000Z-aaaaaa"));
    assertEquals(e, ExportObjects.locate(root, e.toString()));
    InputException x = assertThrows(InputException.class, () -> ExportObjects.locate(root, "20990101T000000Z-nope00"));
    assertTrue(x.getMessage().contains("exports: 20260101T000000Z-aaaaaa"), x.getMessage());
    InputException none = assertThrows(InputException.class, () -> ExportObjects.locate(PinpointRoot.of(dir.resolve("empty")), null));
    assertTrue(none.getMessage().contains("no finished export"), none.getMessage());
  }

  @Test
  void objectsAreCopiedLineByLineAndFilteredByIntegrationModelAndIdOrRefId() throws Exception {
    PinpointRoot root = PinpointRoot.of(dir);
    Path e = export(root, "20260101T000000Z-aaaaaa", "2026-01-01T00:00:00Z", ExportManifest.Status.COMPLETED, Map.of(
        "gh/sourcecode.User", List.of("{\"id\":\"u1\",\"ref_id\":\"7\",\"name\":\"ann\"}", "{\"id\":\"u2\",\"ref_id\":\"8\"}"),
        "gh/sourcecode.Repo", List.of("{\"ref_id\":\"7\",\"nested\":{\"id\":\"u2\"},\"id\":\"r1\"}"),
        "jira/work.Issue", List.of("{\"id\":\"i1\"}")));
    assertEquals(4, lines(e, new ExportObjects.Filter(null, null, null)).size());
    assertEquals(List.of("{\"id\":\"i1\"}"), lines(e, new ExportObjects.Filter("jira", null, null)));
    assertEquals(2, lines(e, new ExportObjects.Filter("gh", "sourcecode.User", null)).size());
    // ref_id 7 is a user and a repo; a nested "id" is not the object's.
    assertEquals(2, lines(e, new ExportObjects.Filter(null, null, "7")).size());
    assertEquals(List.of("{\"id\":\"u2\",\"ref_id\":\"8\"}"), lines(e, new ExportObjects.Filter(null, null, "u2")));
    assertEquals(0, lines(e, new ExportObjects.Filter("jira", null, "u1")).size());
  }

  @Test
  void anUnknownIntegrationOrModelIsBadInputNamingWhatTheExportHas() throws Exception {
    Path e = export(PinpointRoot.of(dir), "20260101T000000Z-aaaaaa", "2026-01-01T00:00:00Z", ExportManifest.Status.COMPLETED,
        Map.of("gh/sourcecode.User", List.of("{}"), "jira/work.Issue", List.of("{}")));
    InputException i = assertThrows(InputException.class, () -> lines(e, new ExportObjects.Filter("github", null, null)));
    assertTrue(i.getMessage().contains("no integration \"github\"; it has: gh, jira"), i.getMessage());
    InputException m = assertThrows(InputException.class, () -> lines(e, new ExportObjects.Filter("gh", "work.Issue", null)));
    assertTrue(m.getMessage().contains("integration gh of export 20260101T000000Z-aaaaaa has no objects of model type"
        + " \"work.Issue\"; it has: sourcecode.User"), m.getMessage());
  }

  @Test
  void unfinishedFilesAreNotRead() throws Exception {
    Path e = export(PinpointRoot.of(dir), "20260101T000000Z-aaaaaa", "2026-01-01T00:00:00Z", ExportManifest.Status.RUNNING,
        Map.of("gh/sourcecode.User", List.of("{\"id\":\"a\"}")));
    Files.write(e.resolve("gh/sourcecode.User/000001.json.gz.tmp"), new byte[] {31, -117, 0});
    assertEquals(1, lines(e, new ExportObjects.Filter(null, null, null)).size());
  }

  private static List<String> lines(Path export, ExportObjects.Filter filter) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long n = ExportObjects.write(export, filter, out);
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(n, lines.size());
    return lines;
  }
}
