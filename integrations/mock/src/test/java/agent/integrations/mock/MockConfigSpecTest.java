package agent.integrations.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.ConfigException;
import agent.rpcdef.ValidationResult;
import agent.rpcdef.testing.ConfigDocs;
import agent.rpcdef.testing.IntegrationHarness;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The mock's declared keys: unknown keys are errors now, no longer logged and ignored. */
class MockConfigSpecTest {
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
  void anUnknownKeyFailsTheExportWithASuggestion() {
    ConfigException e = assertThrows(ConfigException.class, () -> harness.export("{\"organisations\":1}"));
    assertTrue(e.getMessage().startsWith("unknown config key \"organisations\"; did you mean \"organizations\"? "
        + "(known keys: organizations, repos_per_org,"), e.getMessage());
    assertTrue(harness.agent().sessions().isEmpty(), "nothing was exported");
  }

  @Test
  void anUnknownNestedKeyIsNamedByItsPath() {
    ConfigException e = assertThrows(ConfigException.class, () -> harness.export("{\"fail\":{\"crash_after\":3}}"));
    assertEquals("unknown config key \"fail.crash_after\"; did you mean \"fail.crash_after_objects\"? (known keys of "
        + "\"fail\": crash_after_objects, exit_after_objects, hang_after_objects, error_after_objects, oom_after_objects)", e.getMessage());
  }

  @Test
  void validateAndOnboardRefuseUnknownKeysToo() {
    ValidationResult r = harness.validate("{\"tokn\":\"x\"}");
    assertFalse(r.success());
    assertTrue(r.errors().get(0).startsWith("unknown config key \"tokn\"; did you mean \"token\"?"), r.errors().toString());
    assertThrows(ConfigException.class, () -> harness.onboard("{\"user\":3}", "users"));
  }

  @Test
  void absentKeysTakeTheDeclaredDefaults() {
    MockConfig c = MockConfig.parse(agent.rpcdef.Config.parse("{\"users\":7}".getBytes()));
    assertEquals(7, c.users());
    assertEquals(2, c.organizations());
    assertEquals(3, c.reposPerOrg());
    assertEquals("mock", c.seed());
    assertEquals("", c.token());
    assertEquals(FailSwitches.NONE, c.fail());
  }

  @Test
  void theTokenIsDeclaredSecret() {
    assertTrue(harness.configSpec().key("token").orElseThrow().secret());
  }

  @Test
  void theDocsListTheDeclaredKeys() {
    ConfigDocs.assertMatches(Path.of("../../_docs/integrations.md"), "mock", MockConfig.SPEC);
  }
}
