package agent.integrations.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.integrations.github.fake.FakeData;
import agent.integrations.github.fake.FakeGitHub;
import agent.integrations.github.fake.Fixtures;
import agent.rpcdef.GitRepo;
import agent.rpcdef.GitRepoResult;
import agent.rpcdef.model.sourcecode.PullRequest;
import agent.rpcdef.testing.IntegrationHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What an export costs on GitHub's budget, measured on the fake organization of the issue (3
 * repositories, 1,000 pull requests with realistic children): GraphQL points by GitHub's documented
 * rule (the fake charges them), REST requests, and 304s, which cost nothing. Each case prints its
 * figures (the closing note's table comes from here) and holds the targets:
 *
 * <ul>
 *   <li>a full export: at most 100 GraphQL points, plus the REST listings;
 *   <li>an unchanged re-export: at most one request per repository that is not a 304;
 *   <li>REST mode: no request per pull request where a repository-wide list exists (comments).
 * </ul>
 */
class GitHubBudgetTest {
  private static final int REPOS = 3;
  private static final int PRS = 1000;
  private static final Pattern PER_PR_COMMENTS = Pattern.compile(".*/pulls/\\d+/comments.*|.*/issues/\\d+/comments.*");

  private FakeGitHub github;
  private IntegrationHarness harness;

  @BeforeEach
  void start() {
    github = FakeGitHub.start(Fixtures.budgetOrg(REPOS, PRS, 42));
    harness = IntegrationHarness.start(new GitHubIntegration(), "github");
    harness.agent().setGitRepoHandler(repo -> new GitRepoResult(0, 0));
  }

  @AfterEach
  void stop() {
    harness.close();
    github.close();
  }

  private IntegrationHarness.Result export(String mode) {
    github.reset();
    return harness.export("{\"url\":\"" + github.url() + "\",\"access_token\":\"t0ken\",\"organizations\":[\"budget\"],"
        + "\"git\":false,\"pull_requests_api\":\"" + mode + "\"}");
  }

  private String figures(String what, IntegrationHarness.Result r) {
    long objects = r.counts().values().stream().mapToLong(Integer::longValue).sum();
    long paid = github.requests() - github.notModified();
    String line = String.format(Locale.ROOT, "%-32s GraphQL %3d queries %4d points | REST %4d requests, %3d of them 304"
            + " | %6d objects, %6.1f per paid request, %.2f paid requests per pull request",
        what, github.graphqlRequests(), github.pointsSpent(), github.restRequests(), github.notModified(), objects,
        paid == 0 ? 0.0 : (double) objects / paid, (double) paid / PRS);
    System.out.println("[budget] " + line);
    return line;
  }

  /** Makes one pull request newer than everything, with a new conversation comment. */
  private void changeOnePullRequest() {
    FakeData.Repo repo = github.world().repo("budget", "repo1").orElseThrow();
    FakeData.PullRequest p = repo.pullRequests().get(repo.pullRequests().size() / 2);
    Instant now = repo.pullRequests().stream().map(FakeData.PullRequest::updatedAt).max(Instant::compareTo).orElseThrow()
        .plus(Duration.ofDays(1));
    p.comments().add(new FakeData.Comment(9_999_999, "Late thought", Fixtures.ANN, now, now));
    repo.pullRequests().set(repo.pullRequests().indexOf(p), GitHubExportTest.touched(p, now));
  }

  @Test
  void graphQlFullUnchangedAndOneChanged() {
    IntegrationHarness.Result full = export("graphql");
    String line = figures("graphql full", full);
    assertEquals(PRS, full.objects(PullRequest.MODEL).size());
    assertTrue(github.pointsSpent() <= 100, "a full export costs at most 100 points: " + line);

    IntegrationHarness.Result same = export("graphql");
    line = figures("graphql unchanged", same);
    assertEquals(0, same.objects(PullRequest.MODEL).size());
    assertTrue(github.requests() - github.notModified() <= REPOS,
        "an unchanged re-export costs at most one paid request per repository: " + line + " " + github.requestLog());

    changeOnePullRequest();
    IntegrationHarness.Result one = export("graphql");
    line = figures("graphql one pull request changed", one);
    assertTrue(one.objects(PullRequest.MODEL).size() <= 2, line);
    assertTrue(github.pointsSpent() <= 5, line);
  }

  @Test
  void aPullRequestOfMoreThan250CommitsHasTheRestSentFromGit() {
    harness.export("{\"url\":\"" + github.url() + "\",\"access_token\":\"t0ken\",\"organizations\":[\"budget\"]}");
    FakeData.PullRequest big = github.world().repos().flatMap(r -> r.pullRequests().stream())
        .filter(p -> p.commits().size() > RestPullRequests.MAX_LISTED_COMMITS).findFirst().orElseThrow();
    List<GitRepo.PullRequestHead> capped = harness.agent().gitRepoCalls().stream()
        .flatMap(c -> c.repo().pullRequests().stream()).filter(GitRepo.PullRequestHead::exportsCommits).toList();
    assertEquals(1, capped.size(), capped.toString());
    GitRepo.PullRequestHead head = capped.get(0);
    assertEquals(big.baseSha(), head.baseSha());
    assertEquals(big.headSha(), head.lastCommitSha());
    assertEquals(big.commits().subList(0, RestPullRequests.MAX_LISTED_COMMITS).stream().map(FakeData.Commit::sha).toList(),
        head.knownCommitShas(), "the commits GitHub listed, which the integration sent itself");
  }

  @Test
  void restFullUnchangedAndOneChanged() {
    IntegrationHarness.Result full = export("rest");
    String line = figures("rest full", full);
    assertEquals(PRS, full.objects(PullRequest.MODEL).size());
    assertEquals(0, github.graphqlRequests(), line);
    assertTrue(github.requestLog().stream().noneMatch(r -> PER_PR_COMMENTS.matcher(r).matches()),
        "comments are listed per repository, never per pull request");

    IntegrationHarness.Result same = export("rest");
    line = figures("rest unchanged", same);
    assertEquals(0, same.objects(PullRequest.MODEL).size());

    changeOnePullRequest();
    IntegrationHarness.Result one = export("rest");
    figures("rest one pull request changed", one);
    assertTrue(one.objects(PullRequest.MODEL).size() <= 2);
  }
}
