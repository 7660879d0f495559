package agent.devbackend;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Tests that need a running backend and one enrolled agent: started before each test, closed after. */
abstract class EnrolledBackendTest {
  @TempDir Path dataDir;
  TestBackend backend;
  TestBackend.Agent agent;

  @BeforeEach
  void startBackendAndEnroll() throws Exception {
    backend = new TestBackend(dataDir);
    agent = backend.enroll();
  }

  @AfterEach
  void stopBackend() {
    backend.close();
  }
}
