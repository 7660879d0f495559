package agent.integrations.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.integrations.gitlab.fake.FakeGitLab;
import agent.integrations.gitlab.fake.GitLabFixtures;
import agent.integrations.gitlab.fake.GitLabWorld;
import agent.rpcdef.GitRepoResult;
import agent.rpcdef.model.sourcecode.PullRequest;
import agent.rpcdef.testing.IntegrationHarness;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What an export costs in GitLab requests, measured on the fixture group of the issue ({@code acme}
 * with subgroups three levels deep, six projects, 500 merge requests with commits, notes and
 * approvals, some past a page of 100). Each case prints its figures (the closing note's table comes
 * from here) and holds the targets: every merge request and child exported; an unchanged re-export
 * costs at most one request per project beyond the listings of projects and members.
 */
class GitLabBudgetTest {
  private GitLabWorld world;
  private FakeGitLab gitlab;
  private IntegrationHarness harness;

  @BeforeEach
  void start() {
    world = GitLabFixtures.budget();
    gitlab = new FakeGitLab(world);
    harness = IntegrationHarness.start(new GitLabIntegration(), "gitlab");
    harness.agent().setGitRepoHandler(repo -> new GitRepoResult(0, 0));
  }

  @AfterEach
  void stop() {
    harness.close();
    gitlab.close();
  }

  private IntegrationHarness.Result export() {
    gitlab.resetLog();
    return harness.export("{\"url\":\"" + gitlab.url() + "\",\"access_token\":\"" + gitlab.token()
        + "\",\"groups\":[\"acme\"],\"git\":false}");
  }

  /** Requests by kind: the path with ids replaced. */
  private Map<String, Integer> byKind() {
    Map<String, Integer> out = new TreeMap<>();
    gitlab.requests().forEach(c -> out.merge(c.apiPath().replaceAll("/\\d+", "/:id").replaceAll("/groups/[^/:]+$",
        "/groups/:path"), 1, Integer::sum));
    return out;
  }

  private void print(String run, IntegrationHarness.Result r, int changedMrs) {
    int requests = gitlab.requests().size();
    int objects = r.counts().values().stream().mapToInt(Integer::intValue).sum();
    System.out.printf(Locale.ROOT, "gitlab budget, %s: %d requests, %d objects (%.1f per request), %.2f requests per"
        + " merge request read; by kind %s%n", run, requests, objects, objects / (double) requests,
        changedMrs == 0 ? 0.0 : requests / (double) changedMrs, byKind());
  }

  @Test
  void aFullExportThenAnUnchangedOneThenOneChange() {
    long projects = world.projects.size();
    long mrs = world.mergeRequests().count();
    assertEquals(500, mrs);

    IntegrationHarness.Result full = export();
    assertEquals(mrs, full.objects(PullRequest.MODEL).size());
    long commits = world.mergeRequests().mapToLong(m -> m.commits.size()).sum();
    long notes = world.mergeRequests().flatMap(m -> m.notes.stream()).filter(n -> !n.system).count();
    assertEquals(commits, (long) full.counts().get("sourcecode.PullRequestCommit"));
    assertEquals(notes, (long) full.counts().get("sourcecode.PullRequestComment"));
    print("full", full, (int) mrs);
    // Per merge request: its commits, notes and approvals, plus the pages past 100 of the long ones.
    int longLists = (int) world.mergeRequests().filter(m -> m.commits.size() > 100).count()
        + (int) world.mergeRequests().filter(m -> m.notes.size() > 100).count();
    int perMr = gitlab.count("/projects/\\d+/merge_requests/\\d+/(commits|notes|approvals)");
    assertTrue(perMr <= 3 * mrs + 2 * longLists, perMr + " requests for the children of " + mrs + " merge requests");
    assertTrue(gitlab.unknownRequests().isEmpty(), gitlab.unknownRequests().toString());

    harness.agent().commitStaged();
    IntegrationHarness.Result same = export();
    print("unchanged", same, 0);
    assertEquals(0, same.objects(PullRequest.MODEL).size());
    int mrLists = gitlab.count("/projects/\\d+/merge_requests");
    assertTrue(mrLists <= projects, mrLists + " merge request lists for " + projects + " projects");
    assertEquals(0, gitlab.count("/projects/\\d+/merge_requests/.*"));

    GitLabWorld.MergeRequest someone = world.mergeRequests().filter(m -> m.state.equals("opened")).findFirst().orElseThrow();
    world.comment(someone, world.viewer, "One more thing", world.mergeRequests().map(m -> m.updatedAt)
        .max(java.time.Instant::compareTo).orElseThrow().plusSeconds(600));
    IntegrationHarness.Result one = export();
    print("one merge request changed", one, 1);
    assertEquals(1, one.objects(PullRequest.MODEL).size());
    assertEquals(3, gitlab.count("/projects/\\d+/merge_requests/\\d+/(commits|notes|approvals)"));
  }
}
