package agent.core.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.config.Enrollment;
import agent.core.fs.PinpointRoot;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundle holds what support needs and no secret in any encoding a log line may carry it in. */
class DiagnosticsBundleTest {
  static final String API_KEY = "ak_live_Z9q+/x=\"quoted\"&key";
  static final String PROXY_USER = "bob";
  static final String PROXY_PASS = "pr0xy:p@ss w/rd";
  static final String TOKEN = "ghp_0123456789abcdefSECRET";

  @TempDir Path tmp;

  /** Every form of every secret that must not be in the bundle. */
  static List<String> forms() {
    List<String> f = new java.util.ArrayList<>();
    for (String s : List.of(API_KEY, PROXY_PASS, TOKEN, PROXY_USER + ":" + PROXY_PASS)) {
      f.add(s);
      f.add(SecretScrubber.jsonEscaped(s));
      f.add(URLEncoder.encode(s, StandardCharsets.UTF_8));
      f.add(Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
    }
    return f;
  }

  @Test
  void noSecretInAnyEncodingReachesTheBundle() throws Exception {
    Path root = tmp.resolve("root");
    String proxy = "http://" + PROXY_USER + ":" + URLEncoder.encode(PROXY_PASS, StandardCharsets.UTF_8) + "@proxy.corp:3128";
    new Enrollment("http://127.0.0.1:1", "acme", "dev-1", API_KEY, "stable", "2026-01-01T00:00:00Z", proxy, null).write(root);
    PinpointRoot pr = PinpointRoot.of(root);
    Files.createDirectories(pr.commandsDir());
    Files.writeString(pr.commandsDir().resolve("cmd-1-integrations"), "[{\"name\":\"github\",\"config\":{\"access_token\":\""
        + TOKEN + "\"}}]");
    Files.writeString(pr.commandJournal(), "{\"commands\": [{\"id\": \"cmd-1\", \"type\": \"export\", \"state\": \"done\"}]}");
    Files.createDirectories(pr.integrationLogsDir());
    StringBuilder leaky = new StringBuilder("a log that leaked, as a bug might:\n");
    for (String f : forms()) {
      leaky.append("value=").append(f).append('\n');
    }
    leaky.append("{\"api_key\": \"something-unknown\", \"password\": \"also\\\"unknown\"}\n");
    leaky.append("Authorization: Basic ").append(Base64.getEncoder().encodeToString((PROXY_USER + ":" + PROXY_PASS)
        .getBytes(StandardCharsets.UTF_8))).append('\n');
    leaky.append("git clone https://oauth2:unknown-token-42@gitlab.corp/x.git\n");
    Files.writeString(pr.serviceLog(), leaky);
    Files.writeString(pr.integrationLogsDir().resolve("github.log"), "token " + TOKEN + " in an integration log\n");
    Path export = Files.createDirectories(pr.exportDir("20261122T103000Z-3fa2c1"));
    Files.writeString(export.resolve("manifest.json"), "{\"export_id\": \"20261122T103000Z-3fa2c1\", \"status\": \"completed\"}");
    Files.writeString(export.resolve("upload.json"), "{\"state\": \"pending\"}");
    Files.writeString(export.resolve("objects.json"), "not for support: " + TOKEN);

    Path out = tmp.resolve("bundle.zip");
    Map<String, String> reports = new LinkedHashMap<>();
    reports.put("doctor.txt", "OK   proxy: " + proxy + "\n");
    List<String> names = DiagnosticsBundle.write(out, root, reports, Map.of("HTTPS_PROXY", proxy));

    Map<String, String> entries = unzip(out);
    assertEquals(names, List.copyOf(entries.keySet()));
    assertTrue(entries.keySet().containsAll(List.of("doctor.txt", "state/commands.json", "logs/service-run",
        "logs/integrations/github.log", "exports/20261122T103000Z-3fa2c1/manifest.json",
        "exports/20261122T103000Z-3fa2c1/upload.json")), entries.keySet().toString());
    assertFalse(entries.containsKey("config.json"), "config.json itself is never in the bundle");
    assertFalse(entries.keySet().stream().anyMatch(n -> n.contains("integrations") && n.startsWith("state/")), "parameters");
    assertFalse(entries.keySet().stream().anyMatch(n -> n.endsWith("objects.json")), "exported objects");
    for (Map.Entry<String, String> e : entries.entrySet()) {
      for (String f : forms()) {
        assertFalse(e.getValue().contains(f), "a secret (" + f + ") in " + e.getKey() + ":\n" + e.getValue());
      }
      for (String unknown : List.of("something-unknown", "also\\\"unknown", "unknown-token-42")) {
        assertFalse(e.getValue().contains(unknown), "a value under a secret key / in a URL in " + e.getKey());
      }
    }
    assertTrue(entries.get("logs/service-run").contains("a log that leaked"), "the log is there, masked, not dropped");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
  }

  static Map<String, String> unzip(Path zip) throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        out.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return out;
  }
}
