package agent.cmd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.config.Enrollment;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator runs to watch and diagnose an enrolled agent, against the packaged bin/agent and the
 * devbackend: doctor, config show, service status --json, and a diagnostics bundle free of secrets.
 */
class OperatorIT {
  static final Duration TIMEOUT = Duration.ofMinutes(1);
  static final String PROXY_PASS = "pr0xy-s3cret!";

  @TempDir Path tmp;

  @Test
  void doctorConfigStatusAndDiagnosticsOfAnEnrolledAgent() throws Exception {
    Path root = tmp.resolve("root");
    try (DevBackend backend = DevBackend.start(tmp.resolve("backend"))) {
      Enrollment e = backend.enroll(root);
      String key = e.apiKey();
      // The proxy is bypassed for the loopback backend, but its password is in the environment all the same.
      Map<String, String> env = Map.of("HTTPS_PROXY", "http://ops:" + PROXY_PASS + "@proxy.invalid:3128",
          "NO_PROXY", "127.0.0.1,localhost", "AGENT_JAVA_OPTS", "-Duser.home=" + tmp.resolve("home"));
      Files.createDirectories(root.resolve("logs"));
      Files.writeString(root.resolve("logs/service-run"), String.join("\n", List.of(
          "a line that leaked the key: " + key,
          "as JSON: {\"k\": \"" + key.replace("\"", "\\\"") + "\"}",
          "URL-encoded: key=" + URLEncoder.encode(key, StandardCharsets.UTF_8),
          "a proxy header: Proxy-Authorization: Basic " + Base64.getEncoder().encodeToString(("ops:" + PROXY_PASS)
              .getBytes(StandardCharsets.UTF_8)),
          "base64 of the pair alone: " + Base64.getEncoder().encodeToString(("ops:" + PROXY_PASS).getBytes(StandardCharsets.UTF_8)))));

      Dist.Result doctor = Dist.run(TIMEOUT, env, "doctor", "--pinpoint-root=" + root);
      assertEquals(0, doctor.exit(), doctor.all());
      assertTrue(doctor.stdout().contains("OK   backend: " + backend.url + " answers"), doctor.all());
      assertTrue(doctor.stdout().contains("OK   clock: "), doctor.all());
      assertTrue(doctor.stdout().contains("OK   proxy: http://ops:[REDACTED]@proxy.invalid:3128 (from HTTPS_PROXY), bypassed"),
          doctor.all());

      Dist.Result config = Dist.run(TIMEOUT, env, "config", "show", "--pinpoint-root=" + root);
      assertEquals(0, config.exit(), config.all());
      assertTrue(config.stdout().matches("(?s).*api_key +\\[REDACTED\\]  \\(config.json\\).*"), config.all());
      assertTrue(config.stdout().matches("(?s).*NO_PROXY +127.0.0.1,localhost  \\(environment\\).*"), config.all());
      assertTrue(config.stdout().matches("(?s).*backend_url +" + java.util.regex.Pattern.quote(backend.url) + "  \\(config.json\\).*"),
          config.all());

      Dist.Result status = Dist.run(TIMEOUT, env, "service", "status", "--json", "--platform=procrun", "--pinpoint-root=" + root);
      assertEquals(1, status.exit(), "enrolled, not running: " + status.all());
      JsonNode s = ExportDir.JSON.readTree(status.stdout());
      assertEquals("unhealthy", s.path("health").asText(), s.toString());
      assertTrue(s.path("backend").path("reachable").asBoolean(), s.toString());
      assertFalse(s.path("service_run").path("running").asBoolean(), s.toString());

      Path zip = tmp.resolve("support/agent-diagnostics.zip");
      Files.createDirectories(zip.getParent());
      Dist.Result diag = Dist.run(TIMEOUT, env, "diagnostics", "--out", zip.toString(), "--platform=procrun",
          "--pinpoint-root=" + root);
      assertEquals(0, diag.exit(), diag.all());
      Path unzipped = unzip(zip, tmp.resolve("unzipped"));
      for (String name : List.of("version.txt", "status.txt", "doctor.txt", "config.txt", "logs/service-run")) {
        assertTrue(Files.isRegularFile(unzipped.resolve(name)), name + " in the bundle");
      }
      assertTrue(Files.readString(unzipped.resolve("doctor.txt")).contains("OK   backend: "), "the doctor's output is in it");
      Secrets.assertNowhere(unzipped, diag, secretForms(key).toArray(String[]::new));

      Dist.Result noFolder = Dist.run(TIMEOUT, env, "diagnostics", "--out", tmp.resolve("no/such/dir/x.zip").toString(),
          "--pinpoint-root=" + root);
      assertEquals(2, noFolder.exit(), noFolder.all());
    }
  }

  /** The key and the proxy's password as they are, JSON-escaped, URL-encoded, and user:pass in base64. */
  static List<String> secretForms(String key) {
    List<String> f = new ArrayList<>();
    for (String s : List.of(key, PROXY_PASS)) {
      f.add(s);
      f.add(s.replace("\\", "\\\\").replace("\"", "\\\""));
      f.add(URLEncoder.encode(s, StandardCharsets.UTF_8));
      f.add(Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
    }
    f.add(Base64.getEncoder().encodeToString(("ops:" + PROXY_PASS).getBytes(StandardCharsets.UTF_8)));
    return f;
  }

  static Path unzip(Path zip, Path dir) throws Exception {
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        Path f = dir.resolve(e.getName()).normalize();
        assertTrue(f.startsWith(dir), e.getName());
        Files.createDirectories(f.getParent());
        Files.write(f, in.readAllBytes());
      }
    }
    return dir;
  }
}
