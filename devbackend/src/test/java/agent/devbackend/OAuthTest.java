package agent.devbackend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.devbackend.TestBackend.Reply;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OAuthTest extends EnrolledBackendTest {

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
