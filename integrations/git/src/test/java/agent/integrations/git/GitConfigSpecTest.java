package agent.integrations.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.ConfigException;
import agent.rpcdef.ValidationResult;
import agent.rpcdef.testing.ConfigDocs;
import agent.rpcdef.testing.IntegrationHarness;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The git integration's declared keys, through the real protocol, and their docs. */
class GitConfigSpecTest {

  @Test
  void aMisspeltKeyIsRefusedBeforeAnythingIsExported() {
    try (IntegrationHarness h = IntegrationHarness.start(new GitIntegration(), "git")) {
      // Ignored, "branch" would export every branch instead of main only.
      ConfigException e = assertThrows(ConfigException.class,
          () -> h.export("{\"repos\":[\"/x\"],\"branch\":[\"main\"]}"));
      assertEquals("unknown config key \"branch\"; did you mean \"branches\"? "
          + "(known keys: repos, branches, exclude, max_file_size, code_stats, blame, max_lines, max_line_length, exclude_documentation, username, password)", e.getMessage());
      assertTrue(h.agent().sessions().isEmpty(), "nothing was started");
      assertTrue(h.agent().gitRepoCalls().isEmpty(), "no repository was exported");
    }
  }

  @Test
  void validateReportsTheSameSentencesAndOnboardFails() {
    try (IntegrationHarness h = IntegrationHarness.start(new GitIntegration(), "git")) {
      ValidationResult r = h.validate("{\"repos\":\"/x\",\"pasword\":\"hunter22\"}");
      assertFalse(r.success());
      assertEquals(List.of("config key \"repos\" must be an array of strings, got \"/x\"",
          "unknown config key \"pasword\"; did you mean \"password\"? "
              + "(known keys: repos, branches, exclude, max_file_size, code_stats, blame, max_lines, max_line_length, exclude_documentation, username, password)"), r.errors());
      assertFalse(r.errors().toString().contains("hunter22"), "a secret's value is never repeated");
      assertThrows(ConfigException.class, () -> h.onboard("{\"repo\":[\"/x\"]}", "repos"));
    }
  }

  @Test
  void requiredAndDefaultKeys() throws Exception {
    try (IntegrationHarness h = IntegrationHarness.start(new GitIntegration(), "git")) {
      ConfigException e = assertThrows(ConfigException.class, () -> h.export("{}"));
      assertTrue(e.getMessage().startsWith("config key \"repos\" is required (string[])"), e.getMessage());
    }
    GitConfig c = GitConfig.parse(agent.rpcdef.Config.parse("{\"repos\":[\"/x\"]}".getBytes()));
    assertEquals(1 << 20, c.maxFileSize(), "the declared default");
    assertEquals(List.of(), c.branches());
  }

  @Test
  void thePasswordIsDeclaredSecret() {
    try (IntegrationHarness h = IntegrationHarness.start(new GitIntegration(), "git")) {
      assertTrue(h.configSpec().key("password").orElseThrow().secret(), "the host learns it at Init");
      assertFalse(h.configSpec().key("username").orElseThrow().secret());
    }
  }

  @Test
  void theDocsListTheDeclaredKeys() {
    ConfigDocs.assertMatches(Path.of("../../_docs/integrations.md"), "git", GitConfig.SPEC);
  }
}
