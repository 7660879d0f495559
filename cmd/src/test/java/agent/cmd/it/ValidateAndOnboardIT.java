package agent.cmd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate-config} and {@code export-onboard-data} against the mock plugin process. */
class ValidateAndOnboardIT {
  static final Duration TIMEOUT = Duration.ofMinutes(1);

  @TempDir Path tmp;

  @Test
  void validConfigPasses() throws Exception {
    Path out = tmp.resolve("result.json");
    Dist.Result r = Dist.run(TIMEOUT, "validate-config", "--pinpoint-root=" + tmp, "--output-file=" + out,
        "--integrations-json", "[{\"name\":\"mock\",\"config\":{\"token\":\"s3cret-token\"}}]");
    assertEquals(0, r.exit(), r.all());
    assertTrue(r.stdout().contains("valid"), r.all());
    JsonNode result = ExportDir.JSON.readTree(out.toFile());
    assertTrue(result.path("success").asBoolean(), result.toString());
    assertTrue(!r.all().contains("s3cret-token"), "the token leaked into the output");
  }

  @Test
  void rejectedCredentialsFail() throws Exception {
    Dist.Result r = Dist.run(TIMEOUT, "validate-config", "--pinpoint-root=" + tmp,
        "--integrations-json", "[{\"name\":\"mock\",\"config\":{\"token\":\"bad\"}}]");
    assertEquals(1, r.exit(), r.all());
    assertTrue(r.stdout().contains("INVALID") && r.stdout().contains("401"), r.all());
  }

  @Test
  void onboardUsersAndRepos() throws Exception {
    Path out = tmp.resolve("users.json");
    Dist.Result r = Dist.run(TIMEOUT, "export-onboard-data", "--pinpoint-root=" + tmp, "--object-type=users",
        "--output-file=" + out, "--integrations-json", "[{\"name\":\"mock\",\"config\":{\"users\":4}}]");
    assertEquals(0, r.exit(), r.all());
    JsonNode users = ExportDir.JSON.readTree(out.toFile());
    assertEquals(4, users.size(), users.toString());

    Dist.Result repos = Dist.run(TIMEOUT, "export-onboard-data", "--pinpoint-root=" + tmp, "--object-type=repos",
        "--integrations-json", "[{\"name\":\"mock\",\"config\":{\"organizations\":2,\"repos_per_org\":3}}]");
    assertEquals(0, repos.exit(), repos.all());
    assertEquals(6, ExportDir.JSON.readTree(repos.stdout()).size(), repos.stdout());
  }
}
