package agent.integrations.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.testing.IntegrationHarness;
import agent.rpcdef.testing.RecordingAgent;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Last-processed tokens: what a second export sends, with the same config and with a larger one. */
class MockIncrementalExportTest {
  private static final int ORGS = 2;
  private static final int REPOS = 3;
  private static final int REVIEWS = 1;
  private static final int COMMENTS = 2;
  private static final int COMMITS = 2;

  private IntegrationHarness harness;

  @BeforeEach
  void start() {
    harness = IntegrationHarness.start(new MockIntegration(), "mock");
  }

  @AfterEach
  void close() {
    harness.close();
  }

  private static String config(int reposPerOrg, int prsPerRepo, int users) {
    return "{\"organizations\":" + ORGS + ",\"repos_per_org\":" + reposPerOrg + ",\"pull_requests_per_repo\":"
        + prsPerRepo + ",\"reviews_per_pr\":" + REVIEWS + ",\"comments_per_pr\":" + COMMENTS + ",\"commits_per_pr\":"
        + COMMITS + ",\"users\":" + users + "}";
  }

  private static int count(IntegrationHarness.Result r, String model) {
    return r.counts().getOrDefault(model, 0);
  }

  private static int total(IntegrationHarness.Result r) {
    return r.counts().values().stream().mapToInt(Integer::intValue).sum();
  }

  @Test
  void secondExportWithTheSameConfigSendsNothing() {
    IntegrationHarness.Result first = harness.export(config(REPOS, 10, 5));
    assertEquals(ORGS * REPOS * 10, count(first, "sourcecode.PullRequest"));
    IntegrationHarness.Result second = harness.export(config(REPOS, 10, 5));
    assertEquals(0, total(second), "objects sent again: " + second.counts());
    assertEquals(first.sessions().size(), second.sessions().size(), "the same sessions are opened, empty");
    assertEquals(first.stagedTokens(), second.stagedTokens(), "tokens stay where they were");
  }

  @Test
  void tokensAreTheHighWaterMarksOfEachModelSession() {
    harness.export(config(REPOS, 10, 5));
    Map<String, String> tokens = harness.agent().committedTokens();
    assertEquals("5", tokens.get("mock/sourcecode.User"));
    int repoTokens = 0;
    int prTokens = 0;
    for (Map.Entry<String, String> t : tokens.entrySet()) {
      if (t.getKey().endsWith("/sourcecode.Repo")) {
        assertEquals(String.valueOf(REPOS), t.getValue(), t.getKey());
        repoTokens++;
      } else if (t.getKey().contains("/repo/")) {
        assertEquals("10", t.getValue(), t.getKey());
        prTokens++;
      }
    }
    assertEquals(ORGS, repoTokens);
    assertEquals(ORGS * REPOS * MockExportShapeTest.PR_MODELS.length, prTokens);
    assertEquals(1 + repoTokens + prTokens, tokens.size(), "tracking sessions stage no token: " + tokens.keySet());
  }

  @Test
  void morePullRequestsSendExactlyTheNewOnesWithTheirChildren() {
    IntegrationHarness.Result first = harness.export(config(REPOS, 10, 5));
    Set<String> firstIds = ids(first, "sourcecode.PullRequest");
    IntegrationHarness.Result second = harness.export(config(REPOS, 12, 5));

    int repos = ORGS * REPOS;
    assertEquals(Map.of("sourcecode.PullRequest", repos * 2, "sourcecode.PullRequestReview", repos * 2 * REVIEWS,
        "sourcecode.PullRequestComment", repos * 2 * COMMENTS, "sourcecode.PullRequestCommit", repos * 2 * COMMITS),
        nonEmpty(second.counts()));
    for (RecordingAgent.Recorded s : second.sessions()) {
      if (s.isModel() && s.name.equals("sourcecode.PullRequest")) {
        List<Integer> numbers = new ArrayList<>();
        IntegrationHarnessJson.parse(s.objects()).forEach(pr -> numbers.add(pr.get("number").asInt()));
        assertEquals(List.of(11, 12), numbers, s.key);
      }
    }
    Set<String> newIds = ids(second, "sourcecode.PullRequest");
    newIds.retainAll(firstIds);
    assertTrue(newIds.isEmpty(), "resent: " + newIds);
    Set<String> prIds = ids(second, "sourcecode.PullRequest");
    for (String child : new String[] {"sourcecode.PullRequestReview", "sourcecode.PullRequestComment",
        "sourcecode.PullRequestCommit"}) {
      for (JsonNode o : second.objects(child)) {
        assertTrue(prIds.contains(o.get("pull_request_id").asText()), "child of an old pull request: " + o);
      }
    }
  }

  @Test
  void moreUsersAndReposSendExactlyTheNewOnes() {
    IntegrationHarness.Result first = harness.export(config(REPOS, 4, 5));
    Set<String> firstRepoIds = ids(first, "sourcecode.Repo");
    IntegrationHarness.Result second = harness.export(config(REPOS + 1, 4, 8));

    assertEquals(3, count(second, "sourcecode.User"));
    assertEquals(ORGS, count(second, "sourcecode.Repo"));
    Set<String> repoIds = ids(second, "sourcecode.Repo");
    assertFalse(repoIds.removeAll(firstRepoIds), "a repo was sent twice");
    assertEquals(ORGS * 4, count(second, "sourcecode.PullRequest"), "all pull requests of the new repos only");
    for (JsonNode pr : second.objects("sourcecode.PullRequest")) {
      assertTrue(ids(second, "sourcecode.Repo").contains(pr.get("repo_id").asText()), "pull request of an old repo: " + pr);
    }
    Set<String> userIds = ids(first, "sourcecode.User");
    for (JsonNode u : second.objects("sourcecode.User")) {
      assertTrue(userIds.add(u.get("id").asText()), "user sent twice: " + u);
    }
  }

  @Test
  void loweringACountAndRaisingItAgainDoesNotResend() {
    harness.export(config(REPOS, 10, 5));
    IntegrationHarness.Result lower = harness.export(config(REPOS, 6, 2));
    assertEquals(0, total(lower), lower.counts().toString());
    IntegrationHarness.Result back = harness.export(config(REPOS, 10, 5));
    assertEquals(0, total(back), back.counts().toString());
  }

  @Test
  void reprocessHistoricalSendsEverythingAgain() {
    IntegrationHarness.Result first = harness.export(config(REPOS, 10, 5));
    harness.export(config(REPOS, 10, 5));
    IntegrationHarness.Result again = harness.export(config(REPOS, 10, 5), true);
    assertEquals(first.counts(), again.counts());
    for (RecordingAgent.Recorded s : first.sessions()) {
      assertEquals(s.objects(), again.session(s.key).objects(), s.key);
    }
    IntegrationHarness.Result after = harness.export(config(REPOS, 10, 5));
    assertEquals(0, total(after), "the reprocessed export staged its tokens too");
  }

  @Test
  void morePullRequestsAndReposLeaveTheExistingObjectsAsTheyWere() {
    IntegrationHarness.Result small = harness.export(config(REPOS, 10, 5));
    IntegrationHarness.Result big = harness.export(config(REPOS + 1, 12, 5), true);
    for (RecordingAgent.Recorded s : small.sessions()) {
      List<String> before = s.objects();
      List<String> after = big.session(s.key).objects();
      assertEquals(before, after.subList(0, before.size()), "objects of " + s.key + " changed");
    }
  }

  private static Map<String, Integer> nonEmpty(Map<String, Integer> counts) {
    Map<String, Integer> out = new java.util.TreeMap<>(counts);
    out.values().removeIf(v -> v == 0);
    return out;
  }

  private static Set<String> ids(IntegrationHarness.Result r, String model) {
    Set<String> out = new HashSet<>();
    r.objects(model).forEach(o -> out.add(o.get("id").asText()));
    return out;
  }
}
