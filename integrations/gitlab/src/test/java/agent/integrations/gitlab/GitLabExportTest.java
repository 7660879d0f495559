package agent.integrations.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.integrations.gitlab.fake.FakeGitLab;
import agent.integrations.gitlab.fake.GitLabFixtures;
import agent.integrations.gitlab.fake.GitLabWorld;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gitlab integration against the fake GitLab on loopback, through the SDK's harness. */
class GitLabExportTest {
  private GitLabWorld world;
  private FakeGitLab gitlab;
  private IntegrationHarness harness;

  @BeforeEach
  void start() {
    world = GitLabFixtures.small();
    // A relative path, as self-managed instances often have: everything must go below it.
    gitlab = new FakeGitLab(world, "/gitlab");
    harness = IntegrationHarness.start(new GitLabIntegration(), "gitlab");
    harness.agent().setGitRepoHandler(repo -> new GitRepoResult(0, 0));
  }

  @AfterEach
  void stop() {
    harness.close();
    gitlab.close();
  }

  private String config(String extra) {
    return "{\"url\":\"" + gitlab.url() + "\",\"access_token\":\"" + gitlab.token() + "\",\"groups\":[\"acme\"]" + extra + "}";
  }

  private static Map<String, JsonNode> byRefId(List<JsonNode> objects) {
    return objects.stream().collect(Collectors.toMap(o -> o.path("ref_id").asText(), Function.identity()));
  }

  private GitLabWorld.MergeRequest mr(String project, int iid) {
    return world.project(project).orElseThrow().mergeRequest(iid).orElseThrow();
  }

  private static JsonNode pr(List<JsonNode> prs, GitLabWorld.MergeRequest mr) {
    return prs.stream().filter(p -> p.path("ref_id").asText().equals(String.valueOf(mr.id))).findFirst()
        .orElseThrow(() -> new AssertionError("no pull request for !" + mr.iid + " in " + prs));
  }

  private static String id(GitLabWorld.User u) {
    return String.valueOf(u.id);
  }

  @Test
  void exportsAGroupWithItsSubgroupsCompletely() {
    IntegrationHarness.Result r = harness.export(config(""));

    // Projects of acme and its subgroups, four levels deep; not the user's own, not another group's.
    Map<String, JsonNode> repos = r.objects(Repo.MODEL).stream()
        .collect(Collectors.toMap(o -> o.path("name").asText(), Function.identity()));
    assertEquals(Set.of("acme/api", "acme/platform/empty", "acme/platform/infra/terraform",
        "acme/platform/infra/edge/proxy", "acme/platform/api-fork"), repos.keySet());
    assertFalse(repos.get("acme/platform/infra/terraform").path("active").asBoolean(), "archived");
    assertTrue(repos.get("acme/platform/api-fork").path("fork").asBoolean());
    assertFalse(repos.get("acme/api").path("fork").asBoolean());
    assertFalse(repos.get("acme/platform/empty").has("default_branch"));
    assertEquals(String.valueOf(world.project("acme/api").orElseThrow().id), repos.get("acme/api").path("ref_id").asText());
    assertEquals("The public API", repos.get("acme/api").path("description").asText());

    // Merge requests: every state, GitLab's "locked" (a merge running) still open.
    List<JsonNode> prs = r.objects(PullRequest.MODEL);
    long expected = world.mergeRequests().filter(m -> m.project.pathWithNamespace().startsWith("acme/")).count();
    assertEquals(expected, prs.size());
    JsonNode p1 = pr(prs, mr("acme/api", 1));
    JsonNode p2 = pr(prs, mr("acme/api", 2));
    JsonNode p3 = pr(prs, mr("acme/api", 3));
    assertEquals("open", p1.path("state").asText());
    assertEquals("acme/api!1", p1.path("identifier").asText());
    assertEquals(1, p1.path("number").asInt());
    assertEquals("merged", p2.path("state").asText());
    assertEquals(id(world.viewer), p2.path("merged_by_ref_id").asText());
    assertEquals(mr("acme/api", 2).mergeCommitSha, p2.path("merge_sha").asText());
    assertTrue(p2.has("merged_date"));
    assertFalse(p2.has("closed_date"));
    assertEquals("closed", p3.path("state").asText());
    assertTrue(p3.has("closed_date"));
    assertFalse(p3.has("merge_sha"));
    assertFalse(p3.has("description"), "a null description is absent");
    assertEquals(id(world.ghost), p3.path("created_by_ref_id").asText(), "a deleted author is GitLab's ghost");
    assertTrue(pr(prs, mr("acme/api", 4)).path("draft").asBoolean());
    JsonNode p5 = pr(prs, mr("acme/api", 5));
    assertEquals("merged", p5.path("state").asText());
    assertFalse(p5.has("merged_by_ref_id"), "merged by nobody known: " + p5);
    assertEquals("open", pr(prs, mr("acme/api", 6)).path("state").asText());
    assertTrue(pr(prs, mr("acme/api", 7)).path("locked").asBoolean());
    assertFalse(p1.path("locked").asBoolean());
    assertEquals(mr("acme/api", 1).sourceBranch, p1.path("branch_name").asText());
    assertEquals("main", p1.path("base_branch_name").asText());

    // Commits: GitLab lists them newest first; the export has them oldest first, as pushed.
    List<String> pushed = mr("acme/api", 2).commits.stream().map(GitLabWorld.Commit::sha).toList();
    List<String> shas = new ArrayList<>();
    p2.path("commit_shas").forEach(s -> shas.add(s.asText()));
    assertEquals(pushed, shas);
    List<JsonNode> commits = r.objects(PullRequestCommit.MODEL);
    assertEquals(world.mergeRequests().filter(m -> m.project.pathWithNamespace().startsWith("acme/"))
        .mapToLong(m -> m.commits.size()).sum(), commits.size());
    JsonNode c = commits.stream().filter(x -> x.path("sha").asText().equals(pushed.get(0))).findFirst().orElseThrow();
    assertEquals(p2.path("id").asText(), c.path("pull_request_id").asText());
    assertFalse(c.has("author_ref_id"), "GitLab names no account for a commit: " + c);

    // Comments: what people wrote, never system notes.
    List<JsonNode> comments = r.objects(PullRequestComment.MODEL);
    long userNotes = world.mergeRequests().filter(m -> m.project.pathWithNamespace().startsWith("acme/"))
        .flatMap(m -> m.notes.stream()).filter(n -> !n.system).count();
    assertEquals(userNotes, comments.size());
    assertTrue(comments.stream().noneMatch(x -> x.path("body").asText().startsWith("approved this")), comments.toString());
    assertTrue(comments.stream().anyMatch(x -> x.path("body").asText().equals("Off by one? (fixed)")
        && !x.path("updated_date").equals(x.path("created_date"))), "an edited note has both dates");
    JsonNode why = comments.stream().filter(x -> x.path("body").asText().equals("Why 100?")).findFirst().orElseThrow();
    assertTrue(why.path("url").asText().startsWith(p1.path("url").asText() + "#note_"), why.toString());

    // Approvals: carol on !1; bob on !2, at his second approval (he withdrew the first).
    Map<String, JsonNode> reviews = r.objects(PullRequestReview.MODEL).stream()
        .collect(Collectors.toMap(v -> v.path("pull_request_id").asText() + "/" + v.path("user_ref_id").asText(),
            Function.identity()));
    GitLabWorld.User carol = world.users.stream().filter(u -> u.username.equals("carol")).findFirst().orElseThrow();
    GitLabWorld.User bob = world.users.stream().filter(u -> u.username.equals("bob")).findFirst().orElseThrow();
    JsonNode carolOn1 = reviews.get(p1.path("id").asText() + "/" + id(carol));
    assertEquals("approved", carolOn1.path("state").asText());
    JsonNode bobOn2 = reviews.get(p2.path("id").asText() + "/" + id(bob));
    assertEquals("approved", bobOn2.path("state").asText());
    Instant secondApproval = mr("acme/api", 2).approvals.get(0).at();
    assertEquals(secondApproval.toEpochMilli(), bobOn2.path("created_date").path("epoch").asLong());

    // Users: members flagged (inherited ones too), the group's bot a bot and no member, the ghost.
    Map<String, JsonNode> users = byRefId(r.objects(User.MODEL));
    assertTrue(users.get(id(bob)).path("member").asBoolean());
    assertTrue(users.get(id(carol)).path("member").asBoolean(), "a member of a subgroup");
    JsonNode bot = users.values().stream().filter(u -> u.path("username").asText().startsWith("group_")).findFirst()
        .orElseThrow();
    assertEquals("bot", bot.path("type").asText());
    assertFalse(bot.path("member").asBoolean());
    assertEquals("ghost", users.get(id(world.ghost)).path("username").asText());
    for (JsonNode p : prs) {
      for (String f : List.of("created_by_ref_id", "merged_by_ref_id")) {
        if (p.has(f)) {
          assertTrue(users.containsKey(p.get(f).asText()), f + " of " + p);
        }
      }
    }
    reviews.values().forEach(v -> assertTrue(users.containsKey(v.path("user_ref_id").asText()), v.toString()));
    comments.forEach(x -> assertTrue(users.containsKey(x.path("user_ref_id").asText()), x.toString()));
    assertTrue(gitlab.unknownRequests().isEmpty(), gitlab.unknownRequests().toString());
  }

  @Test
  void anApprovalTimeComesFromTheSystemNoteWhereTheInstanceGivesNone() {
    world.approvedAt = false;
    IntegrationHarness.Result r = harness.export(config(",\"git\":false"));
    JsonNode p2 = pr(r.objects(PullRequest.MODEL), mr("acme/api", 2));
    JsonNode review = r.objects(PullRequestReview.MODEL).stream()
        .filter(v -> v.path("pull_request_id").asText().equals(p2.path("id").asText())).findFirst().orElseThrow();
    assertEquals(mr("acme/api", 2).approvals.get(0).at().toEpochMilli(), review.path("created_date").path("epoch").asLong());
  }

  @Test
  void aWithdrawnApprovalIsDismissed() {
    GitLabWorld.MergeRequest m1 = mr("acme/api", 1);
    GitLabWorld.User carol = m1.approvals.get(0).user();
    world.unapprove(m1, carol, m1.updatedAt.plusSeconds(60));
    IntegrationHarness.Result r = harness.export(config(",\"git\":false"));
    JsonNode p1 = pr(r.objects(PullRequest.MODEL), m1);
    List<JsonNode> reviews = r.objects(PullRequestReview.MODEL).stream()
        .filter(v -> v.path("pull_request_id").asText().equals(p1.path("id").asText())).toList();
    assertEquals(1, reviews.size(), reviews.toString());
    assertEquals("dismissed", reviews.get(0).path("state").asText());
    assertEquals("approval-" + carol.id, reviews.get(0).path("ref_id").asText(), "the same object as the approval");
  }

  @Test
  void withoutGroupsEveryProjectOfTheUserComesThroughKeysetPages() {
    IntegrationHarness.Result r = harness.export("{\"url\":\"" + gitlab.url() + "\",\"access_token\":\"" + gitlab.token()
        + "\",\"git\":false}");
    Set<String> names = r.objects(Repo.MODEL).stream().map(o -> o.path("name").asText()).collect(Collectors.toSet());
    Set<String> expected = world.memberProjects().stream().map(GitLabWorld.Project::pathWithNamespace)
        .collect(Collectors.toSet());
    assertEquals(expected, names);
    assertTrue(names.contains("ann/dotfiles"), "a project in the user's own namespace");
    assertTrue(gitlab.requests().stream().anyMatch(x -> x.apiPath().equals("/projects")
        && "keyset".equals(x.query().get("pagination"))), gitlab.requests().toString());
    // Sessions per top-level namespace: a personal project under user/, the rest under group/.
    Set<String> owners = r.sessions().stream().map(s -> s.key).filter(k -> k.split("/").length == 3)
        .collect(Collectors.toSet());
    assertTrue(owners.contains("gitlab/user/ann") && owners.contains("gitlab/group/acme"), owners.toString());
  }

  @Test
  void handsEachProjectWithHistoryToTheGitExportWithItsMergeRequestHeads() {
    world.project("acme/api").orElseThrow().httpUrlToRepo = "https://git.example.com/acme/api.git";
    harness.export(config(""));
    Map<String, GitRepo> byName = harness.agent().gitRepoCalls().stream()
        .collect(Collectors.toMap(x -> x.repo().repoRefId(), RecordingAgent.GitRepoCall::repo));
    assertFalse(byName.containsKey("acme/platform/empty"), "an empty repository has no history to fetch");
    GitRepo api = byName.get("acme/api");
    assertEquals("https://git.example.com/acme/api.git", api.url());
    assertEquals("oauth2", api.username());
    assertEquals(gitlab.token(), api.password());
    assertFalse(api.toString().contains(gitlab.token()));
    assertEquals(7, api.pullRequests().size());
    GitRepo.PullRequestHead h1 = api.pullRequests().stream().filter(h -> h.refId().equals(String.valueOf(mr("acme/api", 1).id)))
        .findFirst().orElseThrow();
    assertEquals(mr("acme/api", 1).sha(), h1.lastCommitSha());
    assertEquals(gitlab.url() + "/acme/api/-/commit/{sha}", api.commitUrlTemplate());
  }

  @Test
  void anUnchangedProjectCostsOneRequestAndAChangedMergeRequestIsReadAgain() {
    harness.export(config(",\"git\":false"));
    gitlab.resetLog();
    IntegrationHarness.Result same = harness.export(config(",\"git\":false"));
    assertEquals(0, same.objects(PullRequest.MODEL).size(), same.counts().toString());
    assertEquals(0, gitlab.count("/projects/\\d+/merge_requests/\\d+/.*"), gitlab.requests().toString());
    assertEquals(5, gitlab.count("/projects/\\d+/merge_requests"), "one list request per project");
    // Projects with merge requests ask for what changed since; those without have no token and list nothing.
    assertEquals(2, gitlab.count(x -> x.apiPath().matches("/projects/\\d+/merge_requests")
        && x.query().containsKey("updated_after")), gitlab.requests().toString());

    GitLabWorld.MergeRequest m7 = mr("acme/api", 7);
    world.comment(m7, world.viewer, "Let us talk", m7.updatedAt.plusSeconds(3600));
    gitlab.resetLog();
    IntegrationHarness.Result next = harness.export(config(",\"git\":false"));
    assertEquals(List.of(String.valueOf(m7.id)), next.objects(PullRequest.MODEL).stream()
        .map(p -> p.path("ref_id").asText()).toList());
    assertTrue(next.objects(PullRequestComment.MODEL).stream().anyMatch(x -> x.path("body").asText().equals("Let us talk")));
    assertEquals(3, gitlab.count("/projects/\\d+/merge_requests/\\d+/.*"), "commits, notes, approvals of the one");
  }

  @Test
  void aRateLimitIsWaitedOutAndServerErrorsAreRetried() {
    gitlab.tooManyRequests("/projects/\\d+/merge_requests", 1).times(2);
    gitlab.serverError("/groups/\\d+/projects", 502).times(1);
    IntegrationHarness.Result r = harness.export(config(",\"git\":false"));
    assertEquals(world.mergeRequests().filter(m -> m.project.pathWithNamespace().startsWith("acme/")).count(),
        r.objects(PullRequest.MODEL).size());
    assertTrue(gitlab.requests().stream().anyMatch(x -> x.status() == 429));
    assertTrue(r.requestStats().getOrDefault("retries", 0L) >= 1, r.requestStats().toString());
  }

  @Test
  void aRejectedTokenFailsInWordsWithoutTheToken() {
    gitlab.token("another");
    IntegrationException e = assertThrows(IntegrationException.class, () -> harness.export(
        "{\"url\":\"" + gitlab.url() + "\",\"access_token\":\"glpat-wrong-one\",\"groups\":[\"acme\"]}"));
    assertTrue(e.getMessage().contains("access_token"), e.getMessage());
    assertFalse(e.getMessage().contains("glpat-wrong-one"), e.getMessage());
  }

  @Test
  void aProjectDeletedMidExportIsSkippedAndTriedAgainNextTime() {
    GitLabWorld.Project api = world.project("acme/api").orElseThrow();
    gitlab.failNext("GET", "/projects/" + api.id + "/merge_requests", 404, "{\"message\":\"404 Project Not Found\"}");
    IntegrationHarness.Result r = harness.export(config(",\"git\":false"));
    assertTrue(r.objects(PullRequest.MODEL).stream().noneMatch(p -> p.path("identifier").asText().startsWith("acme/api!")));
    assertTrue(r.objects(PullRequest.MODEL).stream().anyMatch(p -> p.path("identifier").asText().startsWith("acme/platform/infra/terraform!")));
    assertTrue(r.stagedTokens().keySet().stream().noneMatch(k -> k.contains("acme%2Fapi")), r.stagedTokens().toString());
    IntegrationHarness.Result again = harness.export(config(",\"git\":false"));
    assertEquals(api.mergeRequests.size(), again.objects(PullRequest.MODEL).stream()
        .filter(p -> p.path("identifier").asText().startsWith("acme/api!")).count());
  }

  @Test
  void aGroupTheTokenCannotSeeIsSkippedAndNoneAtAllFails() {
    // outside is internal: visible, but its one project is private to others. It adds nothing.
    IntegrationHarness.Result r = harness.export("{\"url\":\"" + gitlab.url() + "\",\"access_token\":\"" + gitlab.token()
        + "\",\"groups\":[\"outside\",\"acme/platform/infra\"],\"git\":false}");
    assertEquals(Set.of("acme/platform/infra/terraform", "acme/platform/infra/edge/proxy"), r.objects(Repo.MODEL).stream()
        .map(o -> o.path("name").asText()).collect(Collectors.toSet()));
    IntegrationException e = assertThrows(IntegrationException.class, () -> harness.export("{\"url\":\"" + gitlab.url()
        + "\",\"access_token\":\"" + gitlab.token() + "\",\"groups\":[\"nosuch\",\"acme/nosuch\"]}"));
    assertTrue(e.getMessage().contains("no group could be read") && e.getMessage().contains("acme/nosuch"), e.getMessage());
  }

  @Test
  void archivedProjectsAndGlobsAreTheOperatorsChoice() {
    IntegrationHarness.Result r = harness.export(config(",\"git\":false,\"include_archived\":false,"
        + "\"exclude_repos\":[\"acme/platform/**\"]"));
    assertEquals(Set.of("acme/api"), r.objects(Repo.MODEL).stream().map(o -> o.path("name").asText())
        .collect(Collectors.toSet()));
    assertTrue(gitlab.requests().stream().filter(x -> x.apiPath().matches("/groups/\\d+/projects"))
        .allMatch(x -> "false".equals(x.query().get("archived"))), "archived projects left out by GitLab itself");
  }

  @Test
  void aProjectDeletedWhileItsMergeRequestsAreReadIsSkippedAndTheRestExported() {
    GitLabWorld.Project api = world.project("acme/api").orElseThrow();
    gitlab.deleteProjectAfter(api, 4); // its list and the children of its first merge request, then gone
    IntegrationHarness.Result r = harness.export(config(",\"git\":false"));
    // What was read of it may have been sent; its token is not staged, so nothing is taken as done.
    assertTrue(r.objects(PullRequest.MODEL).stream().anyMatch(p -> p.path("identifier").asText()
        .startsWith("acme/platform/infra/terraform!")), "the projects after it are exported");
    assertTrue(r.stagedTokens().keySet().stream().noneMatch(k -> k.contains("acme%2Fapi")), r.stagedTokens().toString());
  }

  @Test
  void aProjectWhoseMergeRequestsAreForbiddenIsSkippedAndAllForbiddenFails() {
    GitLabWorld.Project api = world.project("acme/api").orElseThrow();
    gitlab.failNext("GET", "/projects/" + api.id + "/merge_requests", 403, "{\"message\":\"403 Forbidden\"}");
    IntegrationHarness.Result r = harness.export(config(",\"git\":false"));
    assertEquals(1, r.objects(PullRequest.MODEL).size(), "terraform's, not api's");
    gitlab.failNext("GET", "/projects/\\d+/merge_requests", 403, "{\"message\":\"403 Forbidden\"}").times(10);
    IntegrationException e = assertThrows(IntegrationException.class, () -> harness.export(config(",\"git\":false")));
    assertTrue(e.getMessage().contains("Reporter"), e.getMessage());
  }

  @Test
  void oauthTokensComeFromTheHost() {
    harness.agent().setOAuthToken(gitlab.token());
    IntegrationHarness.Result r = harness.export("{\"url\":\"" + gitlab.url() + "\",\"oauth\":true,"
        + "\"groups\":[\"acme\"],\"git\":false}");
    assertEquals(5, r.objects(Repo.MODEL).size());
  }
}
