package agent.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrollmentTest {
  @TempDir Path root;

  @Test
  void writtenOwnerOnlyAndReadBack() throws Exception {
    Enrollment e = new Enrollment("https://b.example", "acme", "dev-1", "ak_secret_123", "dev", "2026-11-22T10:30:00Z");
    e.write(root);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(Enrollment.file(root))));
    assertEquals(Optional.of(e), Enrollment.read(root));
    assertFalse(e.toString().contains("ak_secret_123"), e.toString());
  }

  @Test
  void networkSettingsAreKeptAndGivenToTheCommandsTheServiceRuns() throws Exception {
    Enrollment e = new Enrollment("https://b.example", "acme", "dev-1", "ak_1", "stable", "t", "http://proxy.corp:3128",
        "/etc/ssl/corp-ca.pem");
    e.write(root);
    assertEquals(Optional.of(e), Enrollment.read(root));
    assertEquals(java.util.Map.of("customer_id", "acme", "proxy", "http://proxy.corp:3128", "ca_file", "/etc/ssl/corp-ca.pem"),
        e.childAgentConfig());
    Enrollment plain = new Enrollment("https://b.example", "acme", "dev-1", "ak_1", "stable", "t");
    plain.write(root);
    assertEquals(java.util.Map.of("customer_id", "acme"), Enrollment.read(root).orElseThrow().childAgentConfig());
    assertFalse(Files.readString(Enrollment.file(root)).contains("proxy"), "absent settings are not written");
  }

  @Test
  void notEnrolledAndBrokenFiles() throws Exception {
    assertEquals(Optional.empty(), Enrollment.read(root));
    Files.writeString(Enrollment.file(root), "{\"backend_url\":\"https://b\"}");
    InputException e = assertThrows(InputException.class, () -> Enrollment.read(root));
    assertTrue(e.getMessage().contains("\"customer_id\"") && e.getMessage().contains("agent enroll <CODE> --force"), e.getMessage());
  }

  @Test
  void aCorruptFileIsOneSentenceWithoutJacksonOrTheKey() throws Exception {
    Files.writeString(Enrollment.file(root), "{\"backend_url\":\"https://b\",\n \"api_key\": ak_secret_123}");
    InputException e = assertThrows(InputException.class, () -> Enrollment.read(root));
    assertEquals(Enrollment.file(root) + " is not valid JSON (line 2, column 27): the agent's enrollment is unusable;"
        + " re-enroll with: agent enroll <CODE> --force", e.getMessage());
  }

  @Test
  void aCustomerIdThatIsAPathIsRefused() throws Exception {
    Files.writeString(Enrollment.file(root),
        "{\"backend_url\":\"https://b\",\"customer_id\":\"../../etc\",\"device_id\":\"d\",\"api_key\":\"k\"}");
    InputException e = assertThrows(InputException.class, () -> Enrollment.read(root));
    assertTrue(e.getMessage().contains("the customer id \"../../etc\", which is not allowed")
        && e.getMessage().contains("agent enroll <CODE> --force"), e.getMessage());
  }
}
