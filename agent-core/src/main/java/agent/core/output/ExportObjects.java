package agent.core.output;

import agent.core.config.InputException;
import agent.core.fs.PinpointRoot;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * {@code agent cat}: the objects of an export folder as newline-delimited JSON, streamed file by file
 * (integration, then model type, then sequence number, each sorted), never holding more than one line. Only
 * final files ({@code <seq>.json.gz}) are read; a running export's unfinished {@code .tmp} files are not.
 */
public final class ExportObjects {
  private static final Pattern FINAL_FILE = Pattern.compile("[0-9]+\\.json\\.gz");
  private static final JsonFactory JSON = new JsonFactory();

  /**
   * What to print; a null field selects everything.
   *
   * @param id matches an object whose {@code id} or {@code ref_id} (its id in the source system) is this
   */
  public record Filter(String integration, String model, String id) {}

  private ExportObjects() {}

  /**
   * The export folder {@code exportIdOrPath} names: an export id (a folder under {@code exports/}) or a
   * path to an export folder; with null, the newest finished export by its manifest's {@code started}.
   *
   * @throws InputException when there is no such export, naming the ones there are
   */
  public static Path locate(PinpointRoot root, String exportIdOrPath) throws IOException {
    if (exportIdOrPath == null) {
      return latest(root);
    }
    if (!exportIdOrPath.contains("/") && !exportIdOrPath.contains("\\") && !exportIdOrPath.startsWith(".")
        && Files.isDirectory(root.exportDir(exportIdOrPath))) {
      return root.exportDir(exportIdOrPath);
    }
    Path asPath = Path.of(exportIdOrPath);
    if (Files.isRegularFile(asPath.resolve(ExportManifest.FILE_NAME))) {
      return asPath;
    }
    throw new InputException("no export \"" + exportIdOrPath + "\" in " + root.exportsDir() + " and no export folder (with a "
        + ExportManifest.FILE_NAME + ") at that path; " + listExports(root));
  }

  private static Path latest(PinpointRoot root) throws IOException {
    record Found(Path dir, Instant started) {}
    List<Found> finished = new ArrayList<>();
    for (Path dir : exportDirs(root)) {
      try {
        ExportManifest m = ExportManifest.read(dir);
        if (m.status() != ExportManifest.Status.RUNNING && m.started() != null) {
          finished.add(new Found(dir, Instant.parse(m.started())));
        }
      } catch (IOException | RuntimeException unreadable) {
        // not a finished export: skipped
      }
    }
    // By start time, not by folder name: ids sort by time only while every clock agreed.
    if (finished.isEmpty()) {
      throw new InputException("no finished export in " + root.exportsDir() + "; " + listExports(root)
          + " (run agent export first)");
    }
    return finished.stream()
        .max(Comparator.comparing(Found::started).thenComparing(f -> f.dir().getFileName().toString()))
        .orElseThrow()
        .dir();
  }

  /**
   * Writes the objects of {@code exportDir} that {@code filter} selects to {@code out}, one per line.
   *
   * @return how many objects were written
   * @throws InputException when the filter names an integration or a model type the export does not have
   * @throws UncheckedIOException when an export file cannot be read (the message names it)
   * @throws IOException when {@code out} cannot be written
   */
  public static long write(Path exportDir, Filter filter, OutputStream out) throws IOException {
    List<Path> files = files(exportDir, filter);
    long written = 0;
    byte[] buffer = new byte[64 * 1024];
    for (Path f : files) {
      try (InputStream in = open(f)) {
        if (filter.id() == null) {
          // Each line is an object ending with a newline, as the plugin wrote it: copied without decoding.
          int n;
          while ((n = readFrom(in, buffer, f)) > 0) {
            out.write(buffer, 0, n);
            for (int i = 0; i < n; i++) {
              if (buffer[i] == '\n') {
                written++;
              }
            }
          }
        } else {
          BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
          String line;
          while ((line = readLine(r, f)) != null) {
            if (matchesId(line, filter.id())) {
              out.write(line.getBytes(StandardCharsets.UTF_8));
              out.write('\n');
              written++;
            }
          }
        }
      } catch (IOException e) {
        if (e instanceof ReadFailure) {
          throw new UncheckedIOException("cannot read " + f + ": " + e.getCause().getMessage(), (IOException) e.getCause());
        }
        throw e;
      }
    }
    out.flush();
    return written;
  }

  /** The final files to read, in order, after checking the filter against what the export has. */
  static List<Path> files(Path exportDir, Filter filter) throws IOException {
    List<String> integrations = subdirs(exportDir);
    if (filter.integration() != null && !integrations.contains(filter.integration())) {
      throw new InputException("export " + exportDir.getFileName() + " has no integration \"" + filter.integration() + "\"; "
          + (integrations.isEmpty() ? "it has no objects" : "it has: " + String.join(", ", integrations)));
    }
    List<String> chosen = filter.integration() == null ? integrations : List.of(filter.integration());
    List<Path> files = new ArrayList<>();
    TreeSet<String> models = new TreeSet<>();
    for (String integration : chosen) {
      for (String model : subdirs(exportDir.resolve(integration))) {
        models.add(model);
        if (filter.model() == null || filter.model().equals(model)) {
          try (Stream<Path> s = Files.list(exportDir.resolve(integration).resolve(model))) {
            s.filter(p -> FINAL_FILE.matcher(p.getFileName().toString()).matches()).sorted().forEach(files::add);
          }
        }
      }
    }
    if (filter.model() != null && !models.contains(filter.model())) {
      String where = filter.integration() == null ? "export " + exportDir.getFileName()
          : "integration " + filter.integration() + " of export " + exportDir.getFileName();
      throw new InputException(where + " has no objects of model type \"" + filter.model() + "\"; "
          + (models.isEmpty() ? "it has none" : "it has: " + String.join(", ", models)));
    }
    return files;
  }

  /** Whether the top-level {@code id} or {@code ref_id} of the JSON object {@code line} is {@code id}. */
  static boolean matchesId(String line, String id) throws IOException {
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        if (("id".equals(name) || "ref_id".equals(name)) && p.currentToken().isScalarValue() && id.equals(p.getText())) {
          return true;
        }
        p.skipChildren();
      }
      return false;
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      return false; // not an object: it has no id
    }
  }

  private static List<Path> exportDirs(PinpointRoot root) throws IOException {
    if (!Files.isDirectory(root.exportsDir())) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(root.exportsDir())) {
      return s.filter(Files::isDirectory).sorted().toList();
    }
  }

  private static String listExports(PinpointRoot root) throws IOException {
    List<Path> dirs = exportDirs(root);
    if (dirs.isEmpty()) {
      return "there are no exports";
    }
    int shown = 10;
    List<String> names = dirs.stream().map(d -> d.getFileName().toString()).toList();
    List<String> newest = names.subList(Math.max(0, names.size() - shown), names.size());
    return "exports: " + String.join(", ", newest) + (names.size() > shown ? " (the newest " + shown + " of " + names.size() + ")" : "");
  }

  private static List<String> subdirs(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static InputStream open(Path f) throws ReadFailure {
    try {
      return new GZIPInputStream(Files.newInputStream(f), 64 * 1024);
    } catch (IOException e) {
      throw new ReadFailure(e);
    }
  }

  private static int readFrom(InputStream in, byte[] buffer, Path f) throws ReadFailure {
    try {
      return Math.max(in.read(buffer), 0);
    } catch (IOException e) {
      throw new ReadFailure(e);
    }
  }

  private static String readLine(BufferedReader r, Path f) throws ReadFailure {
    try {
      return r.readLine();
    } catch (IOException e) {
      throw new ReadFailure(e);
    }
  }

  /** A read of an export file failed, as opposed to a write to the output. */
  private static final class ReadFailure extends IOException {
    ReadFailure(IOException cause) {
      super(cause);
    }
  }
}
