package agent.devbackend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.devbackend.store.DataDir;
import agent.devbackend.store.DeviceStore;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevBackendMainTest {
  @TempDir Path dataDir;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void mintCodePrintsACodeThatEnrolls() throws Exception {
    int exit = run("--data-dir", dataDir.toString(), "--mint-code", "--customer-id", "acme");

    assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
    String code = out.toString(StandardCharsets.UTF_8).trim();
    assertTrue(code.matches("[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}"), code);
    DeviceStore.Enrollment e =
        new DeviceStore(new DataDir(dataDir)).enroll(code, "r-1", JsonNodeFactory.instance.objectNode());
    assertEquals("acme", e.device().customerId());
  }

  @Test
  void badArgumentsExit2WithUsage() {
    assertEquals(2, run("--port", "0"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--data-dir is required"));
    assertEquals(2, run("--data-dir", dataDir.toString(), "--frobnicate"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown argument --frobnicate"));
    assertEquals(2, run("--data-dir", dataDir.toString(), "--port", "many"));
  }

  @Test
  void helpNamesTheCommandAndItsAdminApiIn80Columns() {
    assertEquals(0, run("--help"));
    String help = out.toString(StandardCharsets.UTF_8);
    assertTrue(help.contains("usage: devbackend --data-dir DIR"), help);
    assertTrue(help.contains("POST   /admin/commands"), help);
    assertTrue(help.contains("Authorization: Bearer T"), help);
    help.lines().forEach(l -> assertTrue(l.length() <= 80, "longer than 80 columns: " + l));
  }

  private int run(String... args) {
    return DevBackendMain.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }
}
