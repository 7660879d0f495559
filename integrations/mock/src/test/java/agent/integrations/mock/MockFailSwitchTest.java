package agent.integrations.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.ConfigException;
import agent.rpcdef.IntegrationException;
import agent.rpcdef.testing.IntegrationHarness;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The failures an export can be told to have, and config errors. crash, exit and hang halt or block
 * the JVM: process-level tests cover them.
 */
class MockFailSwitchTest {
  private static final String SMALL = "\"organizations\":1,\"repos_per_org\":2,\"pull_requests_per_repo\":3";

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
  void errorAfterObjectsFailsTheExportAndCommitsNothing() {
    IntegrationException e = assertThrows(IntegrationException.class,
        () -> harness.export("{" + SMALL + ",\"fail\":{\"error_after_objects\":7}}"));
    assertEquals(IntegrationException.class, e.getClass(), "a failure in words, not a config error");
    assertTrue(e.getMessage().contains("mock failure after 7 objects (fail.error_after_objects)"), e.getMessage());
    assertEquals(Map.of(), harness.agent().committedTokens());
    long sent = harness.agent().sessions().stream().mapToLong(s -> s.objects().size()).sum();
    assertTrue(sent <= 7, "objects after the failure point reached the host: " + sent);
  }

  @Test
  void aFailedExportLeavesTheLastGoodTokensAndTheNextOneHasNoGap() {
    harness.export("{" + SMALL + "}");
    Map<String, String> good = harness.agent().committedTokens();
    String bigger = "\"organizations\":1,\"repos_per_org\":2,\"pull_requests_per_repo\":5";
    assertThrows(IntegrationException.class,
        () -> harness.export("{" + bigger + ",\"fail\":{\"error_after_objects\":4}}"));
    assertEquals(good, harness.agent().committedTokens());

    IntegrationHarness.Result next = harness.export("{" + bigger + "}");
    assertEquals(2 * 2, (int) next.counts().get("sourcecode.PullRequest"), "pull requests 4 and 5 of both repos");
  }

  @Test
  void errorAfterZeroObjectsFailsBeforeSendingAnything() {
    IntegrationException e = assertThrows(IntegrationException.class,
        () -> harness.export("{" + SMALL + ",\"fail\":{\"error_after_objects\":0}}"));
    assertTrue(e.getMessage().contains("after 0 objects"), e.getMessage());
    assertTrue(harness.agent().sessions().isEmpty(), "no session opened");
  }

  @Test
  void aSwitchBeyondTheLastObjectNeverFires() {
    IntegrationHarness.Result r = harness.export("{" + SMALL + ",\"fail\":{\"error_after_objects\":100000}}");
    assertEquals(2 * 3, (int) r.counts().get("sourcecode.PullRequest"));
  }

  @Test
  void slowExportStillSendsEverything() {
    IntegrationHarness.Result r = harness.export(
        "{\"organizations\":1,\"repos_per_org\":1,\"pull_requests_per_repo\":2,\"users\":1,\"slow_ms_per_object\":1}");
    assertEquals(Map.of("sourcecode.User", 1, "sourcecode.Repo", 1, "sourcecode.PullRequest", 2,
        "sourcecode.PullRequestReview", 2, "sourcecode.PullRequestComment", 4, "sourcecode.PullRequestCommit", 4),
        r.counts());
  }

  @Test
  void invalidConfigFailsAsAConfigError() {
    ConfigException e = assertThrows(ConfigException.class, () -> harness.export("{\"organizations\":\"x\"}"));
    assertTrue(e.getMessage().contains("\"organizations\" must be a whole number"), e.getMessage());

    ConfigException nested = assertThrows(ConfigException.class,
        () -> harness.export("{\"fail\":{\"crash_after_objects\":\"soon\"}}"));
    assertTrue(nested.getMessage().contains("config key \"fail.crash_after_objects\" must be a whole number"),
        nested.getMessage());

    IntegrationException range = assertThrows(IntegrationException.class,
        () -> harness.export("{\"slow_ms_per_object\":-5}"));
    assertTrue(range.getMessage().contains("\"slow_ms_per_object\" must be between 0 and"), range.getMessage());
  }

  @Test
  void rejectedTokenFailsTheExport() {
    IntegrationException e = assertThrows(IntegrationException.class, () -> harness.export("{\"token\":\"bad\"}"));
    assertTrue(e.getMessage().contains("401 Unauthorized"), e.getMessage());
    assertTrue(harness.agent().sessions().isEmpty(), "nothing was started");
  }
}
