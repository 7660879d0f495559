package agent.integrations.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.integrations.github.fake.FakeData;
import agent.integrations.github.fake.FakeGitHub;
import agent.integrations.github.fake.Fixtures;
import agent.rpcdef.GitRepo;
import agent.rpcdef.GitRepoResult;
import agent.rpcdef.IntegrationException;
import agent.rpcdef.model.sourcecode.PullRequest;
import agent.rpcdef.model.sourcecode.PullRequestComment;
import agent.rpcdef.model.sourcecode.PullRequestCommit;
import agent.rpcdef.model.sourcecode.PullRequestReview;
import agent.rpcdef.model.sourcecode.Repo;
import agent.rpcdef.model.sourcecode.User;
import agent.rpcdef.testing.IntegrationHarness;
import agent.rpcdef.testing.RecordingAgent;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The github integration against the fake GitHub on loopback, through the SDK's harness. */
class GitHubExportTest {
  private FakeGitHub github;
  private IntegrationHarness harness;

  @BeforeEach
  void start() {
    github = FakeGitHub.start(Fixtures.small());
    harness = IntegrationHarness.start(new GitHubIntegration(), "github");
    harness.agent().setGitRepoHandler(repo -> new GitRepoResult(0, 0));
  }

  @AfterEach
  void stop() {
    harness.close();
    github.close();
  }

  private String config(String extra) {
    return "{\"url\":\"" + github.url() + "\",\"access_token\":\"t0ken\",\"organizations\":[\"acme\"]" + extra + "}";
  }

  static Map<String, JsonNode> byRefId(List<JsonNode> objects) {
    return objects.stream().collect(Collectors.toMap(o -> o.path("ref_id").asText(), Function.identity()));
  }

  static Map<Integer, JsonNode> byNumber(List<JsonNode> prs) {
    return prs.stream().collect(Collectors.toMap(o -> o.path("number").asInt(), Function.identity(), (a, b) -> a));
  }

  @Test
  void exportsAnOrganizationCompletely() {
    IntegrationHarness.Result r = harness.export(config(""));
    FakeData.Repo api = github.world().repo("acme", "api").orElseThrow();

    // Repositories: the fork left out by default, the archived one in but inactive, the empty one in.
    Map<String, JsonNode> repos = r.objects(Repo.MODEL).stream()
        .collect(Collectors.toMap(o -> o.path("name").asText(), Function.identity()));
    assertEquals(Set.of("acme/api", "acme/empty", "acme/old"), repos.keySet());
    assertFalse(repos.get("acme/old").path("active").asBoolean());
    assertTrue(repos.get("acme/api").path("active").asBoolean());
    assertEquals(String.valueOf(api.id()), repos.get("acme/api").path("ref_id").asText());
    assertEquals("Java", repos.get("acme/api").path("language").asText());

    // Pull requests of acme/api and acme/old, every state.
    List<JsonNode> prs = r.objects(PullRequest.MODEL);
    assertEquals(7, prs.size());
    Map<Integer, JsonNode> apiPrs = byNumber(prs.stream()
        .filter(p -> p.path("identifier").asText().startsWith("acme/api#")).toList());
    assertEquals("open", apiPrs.get(1).path("state").asText());
    assertEquals("merged", apiPrs.get(2).path("state").asText());
    assertEquals("closed", apiPrs.get(3).path("state").asText());
    assertTrue(apiPrs.get(4).path("draft").asBoolean());
    assertTrue(apiPrs.get(5).path("locked").asBoolean());
    assertEquals(String.valueOf(Fixtures.ANN.id()), apiPrs.get(2).path("merged_by_ref_id").asText());
    assertTrue(apiPrs.get(2).has("merge_sha"));
    assertTrue(apiPrs.get(2).has("merged_date"));
    assertFalse(apiPrs.get(2).has("closed_date"));
    assertTrue(apiPrs.get(3).has("closed_date"));
    assertFalse(apiPrs.get(3).has("merge_sha"));
    // Deleted accounts: the author of #3 and the merger of #5 are GitHub's ghost.
    assertEquals(Accounts.GHOST, apiPrs.get(3).path("created_by_ref_id").asText());
    assertEquals(Accounts.GHOST, apiPrs.get(5).path("merged_by_ref_id").asText());
    // A pull request from a deleted fork keeps its branch name.
    FakeData.PullRequest p6 = api.pullRequests().stream().filter(p -> p.number() == 6).findFirst().orElseThrow();
    assertEquals(p6.headRef(), apiPrs.get(6).path("branch_name").asText());
    assertEquals(p6.commits().stream().map(FakeData.Commit::sha).toList(),
        strings(apiPrs.get(6).path("commit_shas")));

    // Reviews: pending excluded, dismissed kept.
    List<JsonNode> reviews = r.objects(PullRequestReview.MODEL);
    long submitted = github.world().repos().flatMap(x -> x.pullRequests().stream()).flatMap(p -> p.reviews().stream())
        .filter(v -> !v.state().equals("PENDING")).count();
    assertEquals(submitted, reviews.size());
    assertTrue(reviews.stream().anyMatch(v -> v.path("state").asText().equals("dismissed")));

    // Comments: conversation comments without a review, review comments with theirs.
    List<JsonNode> comments = r.objects(PullRequestComment.MODEL);
    long conversation = api.pullRequests().stream().mapToLong(p -> p.comments().size()).sum();
    long onLines = api.pullRequests().stream().mapToLong(p -> p.reviewComments().size()).sum();
    assertEquals(conversation + onLines, comments.size());
    assertEquals(onLines, comments.stream().filter(c -> c.has("review_ref_id")).count());
    Set<String> reviewIds = reviews.stream().map(v -> v.path("ref_id").asText()).collect(Collectors.toSet());
    comments.stream().filter(c -> c.has("review_ref_id"))
        .forEach(c -> assertTrue(reviewIds.contains(c.path("review_ref_id").asText()), c.toString()));

    // Commits of every pull request, with line counts.
    List<JsonNode> commits = r.objects(PullRequestCommit.MODEL);
    long allCommits = github.world().repos().filter(x -> !x.fork()).flatMap(x -> x.pullRequests().stream())
        .mapToLong(p -> p.commits().size()).sum();
    assertEquals(allCommits, commits.size());
    JsonNode bump = commits.stream().filter(c -> c.path("message").asText().equals("Bump jackson")).findFirst().orElseThrow();
    assertEquals(3, bump.path("additions").asInt());
    assertFalse(bump.has("author_ref_id"), "a commit GitHub links to no account has no author: " + bump);

    // Users: everyone seen, members flagged, the bot as a bot with REST's login, the ghost.
    Map<String, JsonNode> users = byRefId(r.objects(User.MODEL));
    assertTrue(users.get(String.valueOf(Fixtures.BOB.id())).path("member").asBoolean());
    assertFalse(users.get(String.valueOf(Fixtures.CAROL.id())).path("member").asBoolean());
    JsonNode bot = users.get(String.valueOf(Fixtures.DEPENDABOT.id()));
    assertEquals("bot", bot.path("type").asText());
    assertEquals("dependabot[bot]", bot.path("username").asText());
    assertEquals("ghost", users.get(Accounts.GHOST).path("username").asText());
    assertEquals("Bob Builder", users.get(String.valueOf(Fixtures.BOB.id())).path("name").asText());
    assertFalse(users.get(String.valueOf(Fixtures.CAROL.id())).has("email"), "no public e-mail: none exported");

    // Every object points to users that were exported.
    for (JsonNode p : prs) {
      for (String f : List.of("created_by_ref_id", "merged_by_ref_id")) {
        if (p.has(f)) {
          assertTrue(users.containsKey(p.get(f).asText()), f + " of " + p);
        }
      }
    }
    reviews.forEach(v -> assertTrue(users.containsKey(v.path("user_ref_id").asText()), v.toString()));
    comments.forEach(c -> assertTrue(users.containsKey(c.path("user_ref_id").asText()), c.toString()));
  }

  @Test
  void handsEachNonEmptyRepositoryToTheGitExportWithItsPullRequestHeads() {
    harness.export(config(""));
    List<RecordingAgent.GitRepoCall> calls = harness.agent().gitRepoCalls();
    Map<String, GitRepo> byName = calls.stream()
        .collect(Collectors.toMap(c -> c.repo().repoRefId(), RecordingAgent.GitRepoCall::repo));
    assertEquals(Set.of("acme/api", "acme/old"), byName.keySet(), "the empty repository has no history to fetch");
    GitRepo api = byName.get("acme/api");
    assertEquals(github.world().repo("acme", "api").orElseThrow().cloneUrl(), api.url());
    assertEquals(6, api.pullRequests().size());
    assertTrue(calls.stream().allMatch(c -> c.sessionKey().startsWith("github/organization/acme/repo/")), calls.toString());
    if (!api.url().startsWith("http")) {
      assertEquals("", api.password(), "no credentials for a clone that is not over http");
    }
  }

  @Test
  void anHttpsCloneGetsTheTokenAsACredentialNeverInTheUrl() {
    FakeData.Repo api = github.world().repo("acme", "api").orElseThrow();
    github.world().org("acme").orElseThrow().repos().replaceAll(x -> x == api ? withCloneUrl(x, "https://github.example/acme/api.git") : x);
    harness.export(config(""));
    GitRepo repo = harness.agent().gitRepoCalls().stream().filter(c -> c.repo().repoRefId().equals("acme/api"))
        .findFirst().orElseThrow().repo();
    assertEquals("https://github.example/acme/api.git", repo.url());
    assertEquals("x-access-token", repo.username());
    assertEquals("t0ken", repo.password());
    assertFalse(repo.toString().contains("t0ken"));
  }

  static FakeData.Repo withCloneUrl(FakeData.Repo r, String url) {
    return new FakeData.Repo(r.id(), r.owner(), r.name(), r.fork(), r.archived(), r.empty(), r.defaultBranch(),
        r.language(), r.description(), r.createdAt(), r.updatedAt(), url, r.pullRequests());
  }

  @Test
  void forksAndArchivedRepositoriesAndGlobsAreTheOperatorsChoice() {
    IntegrationHarness.Result r = harness.export(config(",\"include_forks\":true,\"include_archived\":false,"
        + "\"exclude_repos\":[\"acme/empty\"]"));
    Set<String> names = r.objects(Repo.MODEL).stream().map(o -> o.path("name").asText()).collect(Collectors.toSet());
    assertEquals(Set.of("acme/api", "acme/forked"), names);
    JsonNode fork = r.objects(Repo.MODEL).stream().filter(o -> o.path("name").asText().equals("acme/forked"))
        .findFirst().orElseThrow();
    assertTrue(fork.path("fork").asBoolean());
  }

  @Test
  void theUsersOwnRepositoriesOnRequest() {
    IntegrationHarness.Result r = harness.export(config(",\"include_user_repos\":true,\"git\":false"));
    assertTrue(r.objects(Repo.MODEL).stream().anyMatch(o -> o.path("name").asText().equals("ann/dotfiles")));
    assertTrue(harness.agent().gitRepoCalls().isEmpty(), "git: false hands nothing to the git export");
  }

  @Test
  void everyOrganizationTheTokenSeesWhenNoneIsListed() {
    IntegrationHarness.Result r = harness.export("{\"url\":\"" + github.url() + "\",\"access_token\":\"t0ken\",\"git\":false}");
    assertEquals(3, r.objects(Repo.MODEL).size());
  }

  @Test
  void oauthTokensComeFromTheHost() {
    harness.agent().setOAuthToken("t0ken");
    IntegrationHarness.Result r = harness.export("{\"url\":\"" + github.url() + "\",\"oauth\":true,"
        + "\"organizations\":[\"acme\"],\"git\":false}");
    assertEquals(3, r.objects(Repo.MODEL).size());
  }

  @Test
  void aRejectedTokenFailsInWordsWithoutTheToken() {
    github.requireToken("another");
    IntegrationException e = assertThrows(IntegrationException.class, () -> harness.export(config("")));
    assertTrue(e.getMessage().contains("access_token"), e.getMessage());
    assertFalse(e.getMessage().contains("t0ken"), e.getMessage());
  }

  @Test
  void anOrganizationBehindSamlIsSkippedWithASentenceAndTheOthersContinue() {
    github.samlNext("GET", "/orgs/other/repos.*", "other");
    IntegrationHarness.Result r = harness.export("{\"url\":\"" + github.url() + "\",\"access_token\":\"t0ken\","
        + "\"organizations\":[\"other\",\"acme\"],\"git\":false}");
    assertEquals(3, r.objects(Repo.MODEL).size());
    assertTrue(Organizations.unreadable("other", new agent.rpcdef.http.CredentialsException(
        "GET x answered 403 Forbidden: (" + FakeGitHub.SAML_MESSAGE + ")", 403, "GET", "x")).contains("Configure SSO"));
  }

  @Test
  void noReadableOrganizationAtAllFailsTheExport() {
    IntegrationException e = assertThrows(IntegrationException.class, () -> harness.export(
        "{\"url\":\"" + github.url() + "\",\"access_token\":\"t0ken\",\"organizations\":[\"nosuchorg\"]}"));
    assertTrue(e.getMessage().contains("no organization could be read"), e.getMessage());
    assertTrue(e.getMessage().contains("nosuchorg"), e.getMessage());
  }

  @Test
  void aRepositoryThatDisappearsMidExportIsSkippedAndTriedAgainNextTime() {
    github.failNext("GET", "/repos/acme/api/pulls.*", 404, "{\"message\":\"Not Found\"}");
    IntegrationHarness.Result r = harness.export(config(",\"git\":false"));
    assertTrue(r.objects(PullRequest.MODEL).stream().noneMatch(p -> p.path("identifier").asText().startsWith("acme/api#")));
    assertTrue(r.objects(PullRequest.MODEL).stream().anyMatch(p -> p.path("identifier").asText().startsWith("acme/old#")));
    assertTrue(r.stagedTokens().keySet().stream().noneMatch(k -> k.contains("acme%2Fapi") || k.contains("acme/api")),
        r.stagedTokens().toString());
    IntegrationHarness.Result again = harness.export(config(",\"git\":false"));
    assertEquals(6, again.objects(PullRequest.MODEL).stream()
        .filter(p -> p.path("identifier").asText().startsWith("acme/api#")).count());
  }

  @Test
  void aHeavyGraphQlPageThatTimesOutIsAskedAgainSmaller() {
    github.graphQlServerErrorNext(502);
    IntegrationHarness.Result r = harness.export(config(",\"git\":false"));
    assertEquals(7, r.objects(PullRequest.MODEL).size());
  }

  @Test
  void serverErrorsAreRetried() {
    github.failNext("GET", "/orgs/acme/repos.*", 500, "{\"message\":\"Server Error\"}");
    IntegrationHarness.Result r = harness.export(config(",\"git\":false"));
    assertEquals(3, r.objects(Repo.MODEL).size());
    assertTrue(r.requestStats().getOrDefault("retries", 0L) >= 1, r.requestStats().toString());
  }

  @Test
  void ghostAsAUserOrAsNullIsTheSameAccount() {
    IntegrationHarness.Result asNull = harness.export(config(",\"git\":false,\"pull_requests_api\":\"rest\""));
    github.ghostAsUser(true);
    IntegrationHarness.Result asUser = harness.export(config(",\"git\":false,\"pull_requests_api\":\"rest\""), true);
    assertEquals(Set.copyOf(asNull.objects(PullRequest.MODEL)), Set.copyOf(asUser.objects(PullRequest.MODEL)));
    assertEquals(Set.copyOf(asNull.objects(User.MODEL)), Set.copyOf(asUser.objects(User.MODEL)));
  }

  @Test
  void restAndGraphQlGiveTheSameObjects() {
    IntegrationHarness.Result graphql = harness.export(config(",\"git\":false"));
    IntegrationHarness.Result rest = harness.export(config(",\"git\":false,\"pull_requests_api\":\"rest\""), true);
    for (String model : List.of(Repo.MODEL, PullRequest.MODEL, PullRequestReview.MODEL, PullRequestComment.MODEL,
        User.MODEL)) {
      assertEquals(byRefId(graphql.objects(model)), byRefId(rest.objects(model)), model);
    }
    // REST lists no line counts; every other field agrees.
    Map<String, JsonNode> g = byId(graphql.objects(PullRequestCommit.MODEL));
    Map<String, JsonNode> s = byId(rest.objects(PullRequestCommit.MODEL));
    assertEquals(g.keySet(), s.keySet());
    for (String id : g.keySet()) {
      for (String f : List.of("sha", "message", "author_ref_id", "committer_ref_id", "created_date", "pull_request_id")) {
        assertEquals(g.get(id).get(f), s.get(id).get(f), f + " of " + id);
      }
      assertEquals(0, s.get(id).path("additions").asInt());
    }
  }

  /** The pull request as GitHub shows it after a change at {@code when}. */
  static FakeData.PullRequest touched(FakeData.PullRequest p, java.time.Instant when) {
    return new FakeData.PullRequest(p.id(), p.number(), p.title(), p.body(), p.state(), p.draft(), p.locked(), p.author(),
        p.mergedBy(), p.mergeSha(), p.headRef(), p.headSha(), p.baseRef(), p.baseSha(), p.headRepoDeleted(), p.createdAt(),
        when, p.closedAt(), p.mergedAt(), p.commits(), p.reviews(), p.comments(), p.reviewComments());
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new java.util.ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  static Map<String, JsonNode> byId(List<JsonNode> objects) {
    return objects.stream().collect(Collectors.toMap(o -> o.path("id").asText(), Function.identity()));
  }

  @Test
  void restModeSendsNoGraphQl() {
    github.reset();
    harness.export(config(",\"git\":false,\"pull_requests_api\":\"rest\""));
    assertEquals(0, github.graphqlRequests());
    assertTrue(github.restRequests() > 0);
  }

  @Test
  void anUnchangedRepositoryCostsOneFreeProbeAndAChangedPullRequestComesBackWithAllItsChildren() {
    harness.export(config(",\"git\":false"));
    github.reset();
    IntegrationHarness.Result same = harness.export(config(",\"git\":false"));
    assertEquals(0, same.objects(PullRequest.MODEL).size());
    assertEquals(0, same.objects(PullRequestComment.MODEL).size());
    assertEquals(1, github.graphqlRequests(), "the members' query only: " + github.requestLog());
    assertEquals(3, github.notModified(), "one 304 probe per repository: " + github.requestLog());

    // One pull request changes: a new conversation comment.
    FakeData.Repo api = github.world().repo("acme", "api").orElseThrow();
    FakeData.PullRequest p1 = api.pullRequests().get(0);
    java.time.Instant now = p1.updatedAt().plus(Duration.ofDays(30));
    p1.comments().add(new FakeData.Comment(999_999, "One more thing", Fixtures.BOB, now, now));
    api.pullRequests().set(0, touched(p1, now));
    java.time.Instant token = api.pullRequests().stream().map(FakeData.PullRequest::updatedAt)
        .filter(u -> u.isBefore(now)).max(java.util.Comparator.naturalOrder()).orElseThrow();
    IntegrationHarness.Result changed = harness.export(config(",\"git\":false"));
    // The changed one, and whatever the token's overlap reaches back to (the newest before it).
    Set<Integer> numbers = changed.objects(PullRequest.MODEL).stream().map(p -> p.path("number").asInt())
        .collect(Collectors.toSet());
    Set<Integer> expected = new java.util.HashSet<>(Set.of(1));
    api.pullRequests().stream().filter(p -> !p.updatedAt().isBefore(token.minus(RepoExport.OVERLAP)) && p.number() != 1)
        .forEach(p -> expected.add(p.number()));
    assertEquals(expected, numbers);
    assertTrue(numbers.size() < api.pullRequests().size());
    String pr1 = changed.objects(PullRequest.MODEL).stream().filter(p -> p.path("number").asInt() == 1)
        .findFirst().orElseThrow().path("id").asText();
    Function<String, Long> ofPr1 = model -> changed.objects(model).stream()
        .filter(o -> o.path("pull_request_id").asText().equals(pr1)).count();
    assertEquals(p1.comments().size(), changed.objects(PullRequestComment.MODEL).stream()
        .filter(c -> c.path("pull_request_id").asText().equals(pr1) && !c.has("review_ref_id")).count(),
        "every conversation comment of the changed pull request");
    assertEquals(p1.commits().size(), ofPr1.apply(PullRequestCommit.MODEL));
    assertEquals(p1.reviews().stream().filter(v -> !v.state().equals("PENDING")).count(), ofPr1.apply(PullRequestReview.MODEL));
  }

  @Test
  void anEditedReviewCommentOfAPullRequestOutsideTheWalkIsExportedToo() {
    harness.export(config(",\"git\":false"));
    FakeData.Repo api = github.world().repo("acme", "api").orElseThrow();
    java.time.Instant later = api.pullRequests().stream().map(FakeData.PullRequest::updatedAt)
        .max(java.util.Comparator.naturalOrder()).orElseThrow().plus(Duration.ofDays(3));
    // #2's review comment is edited (its pull request stays as it was), and #1 changes.
    FakeData.PullRequest p2 = api.pullRequests().stream().filter(p -> p.number() == 2).findFirst().orElseThrow();
    FakeData.ReviewComment c = p2.reviewComments().get(0);
    p2.reviewComments().set(0, new FakeData.ReviewComment(c.id(), c.reviewId(), "Off by one (edited)", c.author(),
        c.createdAt(), later, c.path()));
    FakeData.PullRequest p1 = api.pullRequests().get(0);
    api.pullRequests().set(0, touched(p1, later.plusSeconds(60)));

    IntegrationHarness.Result r = harness.export(config(",\"git\":false"));
    JsonNode edited = r.objects(PullRequestComment.MODEL).stream()
        .filter(x -> x.path("ref_id").asText().equals(String.valueOf(c.id()))).findFirst().orElseThrow();
    assertEquals("Off by one (edited)", edited.path("body").asText());
    String p2Id = byNumber(harness.export(config(",\"git\":false"), true).objects(PullRequest.MODEL).stream()
        .filter(p -> p.path("identifier").asText().startsWith("acme/api#")).toList()).get(2).path("id").asText();
    assertEquals(p2Id, edited.path("pull_request_id").asText());
  }

  @Test
  void reprocessHistoricalReadsEverythingAgain() {
    harness.export(config(",\"git\":false"));
    IntegrationHarness.Result again = harness.export(config(",\"git\":false"), true);
    assertEquals(7, again.objects(PullRequest.MODEL).size());
  }
}
