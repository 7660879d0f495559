package agent.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.config.Enrollment;
import agent.core.config.InputException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** enroll's option handling, in process: everything here fails before a backend is called. */
class EnrollCommandTest {
  @TempDir Path tmp;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @Test
  void backendUrlIsHttpsOrLoopbackHttp() {
    assertEquals(URI.create("https://backend.example.com/base"), EnrollCommand.backendUri("https://backend.example.com/base/"));
    assertEquals(URI.create("http://127.0.0.1:8080"), EnrollCommand.backendUri(" http://127.0.0.1:8080 "));
    assertEquals(URI.create("http://localhost:1"), EnrollCommand.backendUri("http://localhost:1"));
    for (String bad : new String[] {"", "backend.example.com", "ftp://backend.example.com", "https://", "http://10.0.0.5",
        "https://u:p@backend.example.com", "https://backend.example.com/?x=1", "ht tp://x"}) {
      assertThrows(InputException.class, () -> EnrollCommand.backendUri(bad), bad);
    }
  }

  @Test
  void aMissingBackendIsExplained() {
    // AGENT_BACKEND_URL may be set where the tests run: an empty --backend-url overrides it.
    assertEquals(2, run("enroll", "CODE", "--backend-url=", "--pinpoint-root=" + tmp));
    assertTrue(err.toString().contains("give the backend with --backend-url https://... (or set AGENT_BACKEND_URL)"), err.toString());
  }

  @Test
  void badRunTypeChannelOrAgentConfigIsBadInput() throws Exception {
    assertEquals(2, run("enroll", "CODE", "--backend-url=http://127.0.0.1:1", "--pinpoint-root=" + tmp, "--run-type=daemon"));
    assertEquals(2, run("enroll", "CODE", "--backend-url=http://127.0.0.1:1", "--pinpoint-root=" + tmp, "--channel=beta"));
    Path junk = Files.writeString(tmp.resolve("ca.pem"), "not a certificate");
    assertEquals(2, run("enroll", "CODE", "--backend-url=http://127.0.0.1:1", "--pinpoint-root=" + tmp,
        "--agent-config-json", "{\"ca_file\":\"" + junk + "\"}"));
    assertTrue(err.toString().contains("\"ca_file\": cannot read certificates from " + junk), err.toString());
  }

  @Test
  void anEnrolledRootIsNotEnrolledAgainWithoutForce() throws Exception {
    new Enrollment("https://b.example.com", "acme", "dev-1", "ak_secret", "stable", "2026-11-22T10:30:00Z").write(tmp);
    assertEquals(2, run("enroll", "CODE", "--backend-url=https://b.example.com", "--pinpoint-root=" + tmp));
    assertTrue(err.toString().contains("already enrolled as device dev-1 with https://b.example.com; to enroll again run: "
        + "agent enroll <CODE> --force"), err.toString());
  }

  @Test
  void enrollAndServiceAreListedInTheHelp() {
    assertEquals(0, run("--help"));
    assertTrue(out.toString().matches("(?s).*Commands:\\s+enroll .*\\n\\s+service .*"), out.toString());
  }

  private int run(String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }
}
