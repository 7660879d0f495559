package agent.cmd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Reads what exports left under a pinpoint root, the way a user with zcat and jq would. */
final class ExportDir {
  static final ObjectMapper JSON = new ObjectMapper();

  private ExportDir() {}

  /** Export folders, oldest first (export ids sort by time). */
  static List<Path> exports(Path root) throws IOException {
    Path dir = root.resolve("exports");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).sorted().toList();
    }
  }

  static Path latest(Path root) throws IOException {
    List<Path> all = exports(root);
    assertTrue(!all.isEmpty(), "no export under " + root);
    return all.get(all.size() - 1);
  }

  /** Every object of every final file of one integration, by model type, parsed from gzip. */
  static Map<String, List<JsonNode>> objects(Path export, String integrationId) throws IOException {
    Map<String, List<JsonNode>> out = new TreeMap<>();
    Path dir = export.resolve(integrationId);
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json.gz")).sorted().toList()) {
        String model = f.getParent().getFileName().toString();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(f)), StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            out.computeIfAbsent(model, k -> new ArrayList<>()).add(JSON.readTree(line));
          }
        }
      }
    }
    return out;
  }

  static Map<String, Integer> counts(Map<String, List<JsonNode>> objects) {
    Map<String, Integer> out = new TreeMap<>();
    objects.forEach((k, v) -> out.put(k, v.size()));
    return out;
  }

  /** Files under the root whose name says they are unfinished. */
  static List<Path> tempFiles(Path root) throws IOException {
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
    }
  }

  /** Every .json.gz under the root decompresses completely (no truncated file). */
  static void assertAllFilesComplete(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path f : s.filter(p -> p.toString().endsWith(".json.gz")).toList()) {
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(f))) {
          in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
          throw new AssertionError("truncated or corrupt output file " + f + ": " + e, e);
        }
      }
    }
  }

  static JsonNode manifest(Path export) throws IOException {
    return JSON.readTree(export.resolve("manifest.json").toFile());
  }

  static JsonNode checkpoints(Path root) throws IOException {
    Path f = root.resolve("state/checkpoints.json");
    return Files.exists(f) ? JSON.readTree(f.toFile()).path("checkpoints") : JSON.createObjectNode();
  }

  static void assertCount(Map<String, Integer> counts, String model, int expected) {
    assertEquals(expected, counts.getOrDefault(model, 0), model + " in " + counts);
  }
}
