package agent.integrations.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.ConfigException;
import agent.rpcdef.IntegrationException;
import agent.rpcdef.ValidationResult;
import agent.rpcdef.testing.IntegrationHarness;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MockValidateOnboardTest {
  private IntegrationHarness harness;

  @BeforeEach
  void start() {
    harness = IntegrationHarness.start(new MockIntegration(), "mock");
  }

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void validConfigValidatesAsTheMockUser() {
    ValidationResult r = harness.validate("{\"token\":\"secret\",\"organizations\":1}");
    assertTrue(r.success(), r.errors().toString());
    assertEquals(List.of(), r.errors());
    assertEquals("mock-user", r.account());
    assertTrue(harness.agent().sessions().isEmpty(), "validate must not send anything");
  }

  @Test
  void badTokenIsRejected() {
    ValidationResult r = harness.validate("{\"token\":\"bad\"}");
    assertFalse(r.success());
    assertEquals(List.of("401 Unauthorized: the token was rejected; check the integration's token"), r.errors());
    assertEquals("", r.account());
  }

  @Test
  void invalidConfigIsReportedNotThrown() {
    ValidationResult notANumber = harness.validate("{\"organizations\":\"x\"}");
    assertFalse(notANumber.success());
    assertEquals(1, notANumber.errors().size());
    assertTrue(notANumber.errors().get(0).contains("\"organizations\" must be a whole number, got \"x\""),
        notANumber.errors().toString());

    ValidationResult tooMany = harness.validate("{\"repos_per_org\":1000000}");
    assertFalse(tooMany.success());
    assertTrue(tooMany.errors().get(0).contains("\"repos_per_org\" must be between 0 and 10000"),
        tooMany.errors().toString());

    ValidationResult failNotObject = harness.validate("{\"fail\":true}");
    assertFalse(failNotObject.success());
    assertTrue(failNotObject.errors().get(0).contains("\"fail\" must be an object"), failNotObject.errors().toString());
  }

  @Test
  void onboardUsersListsEveryUserWithTheExportsIds() {
    JsonNode users = harness.onboard("{\"users\":7}", "users");
    assertEquals(7, users.size());
    Set<String> ids = new HashSet<>();
    for (JsonNode u : users) {
      assertTrue(u.has("username") && u.has("name") && u.has("type"), u.toString());
      assertEquals("test-customer", u.path("customer_id").asText(), "the agent's customer id: " + u);
      ids.add(u.get("ref_id").asText() + " " + u.get("id").asText());
    }
    IntegrationHarness.Result exported = harness.export("{\"users\":7,\"organizations\":0}");
    Set<String> exportedIds = new HashSet<>();
    exported.objects("sourcecode.User").forEach(u -> exportedIds.add(u.get("ref_id").asText() + " " + u.get("id").asText()));
    assertEquals(exportedIds, ids, "the same ref_id and the same id as the exported objects");
  }

  @Test
  void onboardReposListsEveryRepoOfEveryOrganization() {
    JsonNode repos = harness.onboard("{\"organizations\":2,\"repos_per_org\":4}", "repos");
    assertEquals(8, repos.size());
    List<String> names = new ArrayList<>();
    repos.forEach(r -> names.add(r.get("name").asText()));
    assertEquals(8, new HashSet<>(names).size(), "names are unique: " + names);
    assertTrue(names.stream().allMatch(n -> n.matches("[a-z0-9-]+/[a-z0-9-]+")), names.toString());
  }

  @Test
  void onboardOfAnotherTypeNamesTheSupportedOnes() {
    ConfigException e = assertThrows(ConfigException.class, () -> harness.onboard("{}", "projects"));
    assertTrue(e.getMessage().contains("cannot onboard \"projects\"; supported object types: users, repos"),
        e.getMessage());
  }

  @Test
  void onboardWithABadTokenFails() {
    IntegrationException e = assertThrows(IntegrationException.class, () -> harness.onboard("{\"token\":\"bad\"}", "repos"));
    assertTrue(e.getMessage().contains("401 Unauthorized"), e.getMessage());
  }
}
