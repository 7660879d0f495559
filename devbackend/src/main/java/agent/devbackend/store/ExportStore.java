package agent.devbackend.store;

import agent.devbackend.http.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The uploaded exports: their files, verified by SHA-256, and their manifests once completed.
 *
 * <p>An upload streams into a temporary file while it is hashed; only bytes that hash to the
 * announced value are moved under their final name, so a stored file is always the one the agent
 * meant. Storing the same file with the same hash again changes nothing; with another hash it is a
 * conflict. Thread-safe: the index of an export ({@code export.json}) is updated under this object's
 * monitor, the streaming itself runs outside it.
 */
public final class ExportStore {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private final DataDir dir;
  private final long maxFileBytes;

  /** One stored file. */
  public record FileEntry(String path, String sha256, long bytes) {}

  /** An export: its owner, {@code uploading} or {@code completed}, and its files by path. */
  public record ExportRecord(
      String exportId,
      String deviceId,
      String status,
      String commandId,
      String created,
      String completed,
      Map<String, FileEntry> files) {

    public ExportRecord {
      files = files == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(files)); // sorted by path
    }

    ExportRecord withFile(FileEntry file) {
      Map<String, FileEntry> next = new TreeMap<>(files);
      next.put(file.path(), file);
      return new ExportRecord(exportId, deviceId, status, commandId, created, completed, next);
    }

    /** The files sorted by path, as the API lists them. */
    public List<FileEntry> fileList() {
      return List.copyOf(files.values());
    }
  }

  /** What a PUT did: {@code created} false when the same file was already stored. */
  public record PutResult(FileEntry file, boolean created) {}

  /** @param maxFileBytes uploads above this are refused with 413 */
  public ExportStore(DataDir dir, long maxFileBytes) {
    this.dir = dir;
    this.maxFileBytes = maxFileBytes;
  }

  /**
   * Validates an upload path (already percent-decoded, {@code /}-separated) and returns it.
   *
   * @throws ApiException 400 for an empty, absolute or {@code ..} path
   */
  public static String requirePath(String path) {
    if (path == null || path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
      throw ApiException.badRequest("a file path is relative and names a file: " + path);
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")
          || segment.indexOf('\\') >= 0 || segment.indexOf('\0') >= 0
          || segment.startsWith(".incoming-")) {
        throw ApiException.badRequest("bad segment \"" + segment + "\" in file path " + path);
      }
    }
    return path;
  }

  /**
   * Stores {@code body} as {@code path} of export {@code exportId} if it hashes to {@code sha256}.
   *
   * @throws ApiException 400 bad hash or path, 403 another device's export, 409 {@code
   *     file_conflict} or {@code export_completed}, 413 too large, 422 {@code checksum_mismatch}
   */
  public PutResult put(
      String deviceId, String exportId, String path, String sha256, InputStream body)
      throws IOException {
    Ids.require("export_id", exportId);
    requirePath(path);
    if (sha256 == null || !SHA256.matcher(sha256).matches()) {
      throw ApiException.badRequest("X-Content-SHA256 must be 64 lowercase hex digits, got " + sha256);
    }
    ExportRecord before = record(exportId);
    checkOwner(before, deviceId);
    Path tmp = dir.newTempFile(dir.resolve("incoming"));
    try {
      long bytes;
      String actual;
      try (InputStream in = body;
          FileChannel channel =
              FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          DigestOutputStream out =
              new DigestOutputStream(Channels.newOutputStream(channel), sha256Digest())) {
        bytes = copyLimited(in, out);
        out.flush();
        channel.force(true);
        actual = HexFormat.of().formatHex(out.getMessageDigest().digest());
      }
      if (!actual.equals(sha256)) {
        throw new ApiException(
            422,
            "checksum_mismatch",
            "sha256 of the " + bytes + " received bytes is " + actual + ", X-Content-SHA256 says " + sha256
                + "; nothing was stored");
      }
      return commit(deviceId, exportId, new FileEntry(path, sha256, bytes), tmp);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private synchronized PutResult commit(String deviceId, String exportId, FileEntry file, Path tmp)
      throws IOException {
    ExportRecord export = record(exportId);
    checkOwner(export, deviceId);
    if (export == null) {
      export = new ExportRecord(exportId, deviceId, "uploading", null, Ids.now(), null, Map.of());
    }
    FileEntry stored = export.files().get(file.path());
    if (stored != null) {
      if (stored.sha256().equals(file.sha256())) {
        return new PutResult(stored, false);
      }
      throw new ApiException(
          409,
          "file_conflict",
          file.path() + " is already stored with sha256 " + stored.sha256() + ", not " + file.sha256());
    }
    if (export.status().equals("completed")) {
      throw new ApiException(
          409, "export_completed", "export " + exportId + " is completed; " + file.path() + " is not part of it");
    }
    DataDir.moveInto(tmp, filePath(exportId, file.path()));
    dir.writeJson(exportDir(exportId).resolve("export.json"), export.withFile(file));
    return new PutResult(file, true);
  }

  /** A stored file of {@code deviceId}'s export; null when not stored. */
  public synchronized FileEntry file(String deviceId, String exportId, String path) {
    requirePath(path);
    ExportRecord export = record(Ids.require("export_id", exportId));
    checkOwner(export, deviceId);
    return export == null ? null : export.files().get(path);
  }

  /** Where a stored file's bytes are. */
  public Path filePath(String exportId, String path) {
    Path files = exportDir(exportId).resolve("files");
    Path file = files.resolve(path).normalize();
    if (!file.startsWith(files)) {
      throw ApiException.badRequest("file path escapes its export: " + path);
    }
    return file;
  }

  /**
   * An export of {@code deviceId} (any device's when {@code deviceId} is null, for admins).
   *
   * @throws ApiException 404 {@code export_unknown}, 403 another device's
   */
  public synchronized ExportRecord describe(String deviceId, String exportId) {
    ExportRecord export = record(Ids.require("export_id", exportId));
    if (export == null) {
      throw ApiException.notFound("export_unknown", "nothing of export " + exportId + " is stored");
    }
    checkOwner(export, deviceId);
    return export;
  }

  /** The stored manifest of a completed export; null before. */
  public JsonNode manifest(String exportId) {
    return dir.readJson(exportDir(Ids.require("export_id", exportId)).resolve("manifest.json"), JsonNode.class);
  }

  /**
   * Completes an export: every file its manifest lists must be stored with the manifest's sha256.
   * Completing a completed export again with the same manifest changes nothing.
   *
   * @throws ApiException 400 no manifest or another export's, 404 nothing stored and files listed,
   *     409 {@code export_incomplete} (with {@code missing}) or {@code export_completed}
   */
  public synchronized ExportRecord complete(
      String deviceId, String exportId, String commandId, JsonNode manifest) {
    Ids.require("export_id", exportId);
    if (manifest == null || !manifest.isObject()) {
      throw ApiException.badRequest("manifest is required");
    }
    if (!exportId.equals(manifest.path("export_id").asText(exportId))) {
      throw ApiException.badRequest(
          "the manifest is of export " + manifest.path("export_id").asText() + ", not " + exportId);
    }
    List<FileEntry> listed = listedFiles(manifest);
    ExportRecord export = record(exportId);
    checkOwner(export, deviceId);
    if (export != null && export.status().equals("completed")) {
      if (manifest.equals(manifest(exportId))) {
        return export;
      }
      throw new ApiException(409, "export_completed", "export " + exportId + " was completed with another manifest");
    }
    if (export == null) {
      if (!listed.isEmpty()) {
        throw ApiException.notFound("export_unknown", "nothing of export " + exportId + " is stored");
      }
      export = new ExportRecord(exportId, deviceId, "uploading", null, Ids.now(), null, Map.of());
    }
    List<String> missing = new ArrayList<>();
    for (FileEntry f : listed) {
      FileEntry stored = export.files().get(f.path());
      if (stored == null || !stored.sha256().equals(f.sha256())) {
        missing.add(f.path());
      }
    }
    if (!missing.isEmpty()) {
      throw new ApiException(
          409,
          "export_incomplete",
          missing.size() + " file(s) of the manifest are not stored (or with another sha256)",
          Map.of("missing", missing));
    }
    dir.writeJson(exportDir(exportId).resolve("manifest.json"), manifest);
    ExportRecord done =
        new ExportRecord(
            exportId, export.deviceId(), "completed", commandId, export.created(), Ids.now(), export.files());
    dir.writeJson(exportDir(exportId).resolve("export.json"), done);
    return done;
  }

  private static List<FileEntry> listedFiles(JsonNode manifest) {
    List<FileEntry> out = new ArrayList<>();
    for (JsonNode integration : manifest.path("integrations")) {
      for (JsonNode f : integration.path("files")) {
        String path = requirePath(f.path("path").asText(null));
        String sha = f.path("sha256").asText("");
        if (!SHA256.matcher(sha).matches()) {
          throw ApiException.badRequest("manifest file " + path + " has no valid sha256");
        }
        out.add(new FileEntry(path, sha, f.path("bytes").asLong()));
      }
    }
    return out;
  }

  private ExportRecord record(String exportId) {
    return dir.readJson(exportDir(exportId).resolve("export.json"), ExportRecord.class);
  }

  private static void checkOwner(ExportRecord export, String deviceId) {
    if (export != null && deviceId != null && !export.deviceId().equals(deviceId)) {
      throw new ApiException(403, "forbidden", "export " + export.exportId() + " belongs to another device");
    }
  }

  private long copyLimited(InputStream in, OutputStream out) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    for (int n; (n = in.read(buffer)) > 0; ) {
      total += n;
      if (total > maxFileBytes) {
        throw new ApiException(413, "too_large", "a file may have at most " + maxFileBytes + " bytes");
      }
      out.write(buffer, 0, n);
    }
    return total;
  }

  private Path exportDir(String exportId) {
    return dir.resolve("exports", exportId);
  }

  private static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }
}
