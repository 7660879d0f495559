package agent.integrations.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.testing.IntegrationHarness;
import agent.rpcdef.testing.RecordingAgent;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The size of a serialized pull request in the benchmark's shape (1 organization, 10 repos, pull
 * requests only, no users), scaled down to 2,000 pull requests per repo.
 *
 * <p>The benchmark was planned around objects of about 430 bytes (350-500), but the PullRequest
 * datamodel cannot be that small: the identity fields (id, ref_id, ref_type, customer_id, hashcode,
 * repo_id) take about 160 bytes and each date about 85, so an open pull request (created and updated
 * dates, title, description, url, identifier, branches) is about 620-650 bytes, a closed one about
 * 710 and a merged one (merged_date, merge_sha) about 780-850. The bounds below guard the measured
 * distribution (mean about 770 bytes, all under 1 KB) against drifting.
 */
class PullRequestSizeTest {
  private static final int REPOS = 10;
  private static final int PRS = 2_000;

  @Test
  void pullRequestsOfTheBenchmarkShapeAreSmallAndUniform() {
    String config = "{\"organizations\":1,\"repos_per_org\":" + REPOS + ",\"pull_requests_per_repo\":" + PRS
        + ",\"reviews_per_pr\":0,\"comments_per_pr\":0,\"commits_per_pr\":0,\"users\":0}";
    try (IntegrationHarness h = IntegrationHarness.start(new MockIntegration(), "mock")) {
      IntegrationHarness.Result r = h.export(config);
      Map<String, Integer> counts = r.counts();
      assertEquals(REPOS * PRS, (int) counts.get("sourcecode.PullRequest"));
      assertEquals(REPOS, (int) counts.get("sourcecode.Repo"));
      assertEquals(REPOS + REPOS * PRS, counts.values().stream().mapToInt(Integer::intValue).sum(),
          "only repos and pull requests: " + counts);
      long bytes = 0;
      long n = 0;
      int min = Integer.MAX_VALUE;
      int max = 0;
      for (RecordingAgent.Recorded s : r.sessions()) {
        if (s.isModel() && s.name.equals("sourcecode.PullRequest")) {
          for (String line : s.objects()) {
            int size = line.getBytes(StandardCharsets.UTF_8).length;
            bytes += size;
            n++;
            min = Math.min(min, size);
            max = Math.max(max, size);
          }
        }
      }
      long mean = bytes / n;
      System.out.println("sourcecode.PullRequest serialized size: mean " + mean + " bytes, min " + min + ", max " + max
          + " over " + n + " objects");
      assertTrue(min >= 350, "smallest pull request: " + min + " bytes");
      assertTrue(max <= 1000, "largest pull request: " + max + " bytes");
      assertTrue(mean >= 650 && mean <= 900, "mean pull request size: " + mean + " bytes");
    }
  }
}
