package agent.integrations.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.integrations.github.fake.FakeGitHub;
import agent.integrations.github.fake.Fixtures;
import agent.rpcdef.GitRepoResult;
import agent.rpcdef.model.sourcecode.PullRequest;
import agent.rpcdef.testing.FakeClock;
import agent.rpcdef.testing.IntegrationHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GitHub's rate limits, each waited out on a virtual clock (no real sleeping) and shown to the
 * operator as a pause, after which the export completes with everything.
 */
class GitHubLimitsTest {
  private FakeGitHub github;
  private FakeClock clock;
  private IntegrationHarness harness;

  @BeforeEach
  void start() {
    github = FakeGitHub.start(Fixtures.small());
    // The fake dates its resets on the wall clock: the virtual one starts there.
    clock = new FakeClock(Instant.now());
    harness = IntegrationHarness.start(new GitHubIntegration(), "github", clock);
    harness.agent().setGitRepoHandler(repo -> new GitRepoResult(0, 0));
  }

  @AfterEach
  void stop() {
    harness.close();
    github.close();
  }

  private IntegrationHarness.Result export() {
    return harness.export("{\"url\":\"" + github.url() + "\",\"access_token\":\"t0ken\",\"organizations\":[\"acme\"],"
        + "\"git\":false}");
  }

  private void assertCompleteAfterAPause(IntegrationHarness.Result r, Duration atLeast) {
    assertEquals(7, r.objects(PullRequest.MODEL).size());
    List<String> events = harness.agent().events();
    assertTrue(events.stream().anyMatch(e -> e.startsWith("pause ")), events.toString());
    Duration slept = clock.sleeps().stream().reduce(Duration.ZERO, Duration::plus);
    assertTrue(slept.compareTo(atLeast) >= 0, "waited " + slept + ", expected at least " + atLeast);
    assertTrue(slept.compareTo(Duration.ofMinutes(5)) < 0, "waited " + slept);
  }

  @Test
  void thePrimaryRestLimitIsWaitedOutUntilItsReset() {
    long reset = Instant.now().plusSeconds(40).getEpochSecond();
    github.primaryRateLimitNext("GET", "/repos/acme/api/pulls.*", reset);
    assertCompleteAfterAPause(export(), Duration.ofSeconds(30));
  }

  @Test
  void aSecondaryLimitIsWaitedOutForItsRetryAfter() {
    github.secondaryRateLimitNext("GET", "/orgs/acme/repos.*", 20);
    assertCompleteAfterAPause(export(), Duration.ofSeconds(20));
  }

  @Test
  void a429IsWaitedOutForItsRetryAfter() {
    github.tooManyRequestsNext("GET", "/repos/acme/api/pulls/comments.*", 15);
    assertCompleteAfterAPause(export(), Duration.ofSeconds(15));
  }

  @Test
  void graphQlsRateLimitedErrorIsWaitedOutUntilItsReset() {
    github.graphQlRateLimitedNext(Instant.now().plusSeconds(50).getEpochSecond());
    assertCompleteAfterAPause(export(), Duration.ofSeconds(40));
  }
}
