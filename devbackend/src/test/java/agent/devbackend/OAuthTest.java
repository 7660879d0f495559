package agent.devbackend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.devbackend.TestBackend.Agent;
import agent.devbackend.TestBackend.Reply;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OAuthTest {
  @TempDir Path dataDir;
  TestBackend backend;
  Agent agent;

  @BeforeEach
  void start() throws Exception {
    backend = new TestBackend(dataDir);
    agent = backend.enroll();
  }

  @AfterEach
  void stop() {
    backend.close();
  }

  @Test
  void aProviderWithoutTokenIs404ThenTheTokenAnAdminSet() throws Exception {
    Reply before = backend.api("POST", "/oauth/github/token", agent.apiKey(), Map.of("integration_id", "gh"));
    assertEquals(404, before.status());
    assertEquals("oauth_not_connected", before.errorCode());

    assertEquals(204, backend.admin("PUT", "/oauth/github", Map.of("access_token", "gho_test", "expires_in_seconds", 600)).status());
    Reply after = backend.api("POST", "/oauth/github/token", agent.apiKey(), Map.of("integration_id", "gh"));

    assertEquals(200, after.status(), after.raw().body());
    assertEquals("gho_test", after.json().get("access_token").asText());
    assertEquals("bearer", after.json().get("token_type").asText());
    assertTrue(Instant.parse(after.json().get("expires_at").asText()).isAfter(Instant.now()));
  }

  @Test
  void theTokenEndpointNeedsAnApiKey() throws Exception {
    backend.admin("PUT", "/oauth/github", Map.of("access_token", "gho_test"));
    assertEquals(401, backend.api("POST", "/oauth/github/token", null, Map.of()).status());
  }
}
