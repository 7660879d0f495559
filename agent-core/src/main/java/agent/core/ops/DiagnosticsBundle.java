package agent.core.ops;

import agent.core.config.Enrollment;
import agent.core.config.InputException;
import agent.core.fs.AtomicFiles;
import agent.core.fs.PinpointRoot;
import agent.core.log.Redactor;
import agent.core.output.ExportManifest;
import agent.core.service.UploadMarker;
import agent.rpcdef.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * {@code agent diagnostics}: one zip an operator can attach to a support ticket. It holds the reports
 * the caller made (status, doctor, the effective config, versions), and from the root the logs, the
 * command journal, and every export's manifest and upload marker; never config.json itself, a
 * command's parameter files, checkpoints or exported objects. Every entry is text passed through a
 * {@link SecretScrubber} that knows the API key, the proxy's credentials and every value under a
 * secret-looking key of the commands' parameter files; a log is capped to its last {@value #MAX_ENTRY_BYTES} bytes.
 * The zip is written beside {@code out} and moved into place, mode 0600.
 */
public final class DiagnosticsBundle {
  static final int MAX_ENTRY_BYTES = 4 << 20;

  private DiagnosticsBundle() {}

  /**
   * @param reports name to text of the caller's reports (e.g. {@code doctor.txt}), scrubbed like the rest
   * @param env the environment, for the proxy's credentials
   * @return the names of the entries written
   */
  public static List<String> write(Path out, Path root, Map<String, String> reports, Map<String, String> env) throws IOException {
    SecretScrubber scrubber = scrubberFor(root, env);
    Map<String, Path> files = collect(root);
    List<String> names = new ArrayList<>();
    Path tmp = AtomicFiles.tmpSibling(out);
    try (OutputStream os = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(os)) {
      for (Map.Entry<String, String> r : reports.entrySet()) {
        put(zip, r.getKey(), scrubber.scrub(r.getValue()), names);
      }
      for (Map.Entry<String, Path> f : files.entrySet()) {
        put(zip, f.getKey(), scrubber.scrub(read(f.getValue())), names);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    try {
      Files.setPosixFilePermissions(tmp, AtomicFiles.OWNER_ONLY);
    } catch (UnsupportedOperationException e) {
      // Windows: the user's own folder's ACL applies.
    }
    AtomicFiles.moveReplacing(tmp, out);
    return names;
  }

  /** Everything the agent knows to be secret on this root, in the forms the scrubber masks. */
  static SecretScrubber scrubberFor(Path root, Map<String, String> env) {
    List<String> secrets = new ArrayList<>();
    List<String> pairs = new ArrayList<>();
    String proxy = null;
    try {
      Enrollment e = Enrollment.read(root).orElse(null);
      if (e != null) {
        secrets.add(e.apiKey());
        proxy = e.proxy();
      }
    } catch (InputException broken) {
      // An unusable config.json still holds the key, maybe: its raw secret-looking values are added below.
    }
    Path config = PinpointRoot.of(root).configFile();
    secretsOfJsonFile(config, secrets);
    for (String p : new String[] {proxy, env.get("HTTPS_PROXY"), env.get("https_proxy"), env.get("HTTP_PROXY"),
        env.get("http_proxy")}) {
      String raw = p == null ? null : rawUserInfo(p);
      if (raw == null || raw.indexOf(':') <= 0) {
        continue;
      }
      String user = raw.substring(0, raw.indexOf(':'));
      String pass = raw.substring(raw.indexOf(':') + 1);
      // As written, and decoded both ways a client might ('+' as itself, as URIs do, or as a space, as forms do).
      for (String pw : new String[] {pass, uriDecoded(pass), java.net.URLDecoder.decode(pass, StandardCharsets.UTF_8)}) {
        secrets.add(pw);
      }
      pairs.add(raw);
      pairs.add(uriDecoded(user) + ":" + uriDecoded(pass));
      pairs.add(java.net.URLDecoder.decode(user, StandardCharsets.UTF_8) + ":"
          + java.net.URLDecoder.decode(pass, StandardCharsets.UTF_8));
    }
    Path commands = PinpointRoot.of(root).commandsDir();
    if (Files.isDirectory(commands)) {
      try (Stream<Path> s = Files.list(commands)) {
        s.filter(Files::isRegularFile).forEach(f -> secretsOfJsonFile(f, secrets));
      } catch (IOException e) {
        // Unreadable here is unreadable for the bundle too.
      }
    }
    return new SecretScrubber(secrets, pairs);
  }

  private static String uriDecoded(String s) {
    try {
      return java.net.URI.create("http://h/" + s.replace(" ", "%20")).getPath().substring(1);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  private static String rawUserInfo(String url) {
    int scheme = url.indexOf("://");
    int at = url.indexOf('@', scheme < 0 ? 0 : scheme + 3);
    return at < 0 ? null : url.substring(scheme < 0 ? 0 : scheme + 3, at);
  }

  private static void secretsOfJsonFile(Path f, List<String> into) {
    try {
      JsonNode n = Json.mapper().readTree(f.toFile());
      Redactor r = new Redactor();
      r.addSecretsOf(n);
      into.addAll(r.secrets());
    } catch (IOException | RuntimeException e) {
      // Not JSON: nothing to learn from it.
    }
  }

  /** Entry name to file: logs, the command journal, each export's and quarantined export's manifest and marker. */
  static Map<String, Path> collect(Path root) throws IOException {
    PinpointRoot pr = PinpointRoot.of(root);
    Map<String, Path> out = new LinkedHashMap<>();
    if (Files.isRegularFile(pr.commandJournal())) {
      out.put("state/commands.json", pr.commandJournal());
    }
    if (Files.isRegularFile(pr.heartbeatFile())) {
      out.put("state/heartbeat.json", pr.heartbeatFile());
    }
    if (Files.isDirectory(pr.logsDir())) {
      try (Stream<Path> s = Files.walk(pr.logsDir())) {
        for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
          out.put("logs/" + slashes(pr.logsDir().relativize(f)), f);
        }
      }
    }
    for (Path dir : new Path[] {pr.exportsDir(), pr.quarantineDir()}) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> s = Files.list(dir)) {
        for (Path export : s.filter(Files::isDirectory).sorted().toList()) {
          for (String name : new String[] {ExportManifest.FILE_NAME, UploadMarker.FILE}) {
            Path f = export.resolve(name);
            if (Files.isRegularFile(f)) {
              out.put(slashes(root.relativize(f)), f);
            }
          }
        }
      }
    }
    return out;
  }

  private static String slashes(Path p) {
    return p.toString().replace('\\', '/');
  }

  /** The file as text, its last {@value #MAX_ENTRY_BYTES} bytes when longer. */
  private static String read(Path f) throws IOException {
    long size = Files.size(f);
    try (InputStream in = Files.newInputStream(f)) {
      if (size > MAX_ENTRY_BYTES) {
        in.skipNBytes(size - MAX_ENTRY_BYTES);
        return "[first " + (size - MAX_ENTRY_BYTES) + " bytes left out]\n"
            + new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void put(ZipOutputStream zip, String name, String text, List<String> names) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(text.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
    names.add(name);
  }
}
