package agent.integrations.github.fake;

import static agent.testkit.fake.LinkHeader.links;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.integrations.github.fake.FakeData.PullRequest;
import agent.integrations.github.fake.FakeData.World;
import agent.testkit.fake.Fault;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake itself, over real HTTP: shapes, pagination, conditional requests, GraphQL, cost, faults. */
class FakeGitHubTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private FakeGitHub fake;

  @BeforeEach
  void start() {
    fake = FakeGitHub.start(Fixtures.small());
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  // -- REST

  @Test
  void theViewerComesWithScopesAndRateLimitHeaders() throws Exception {
    HttpResponse<String> r = get("/user");
    assertEquals(200, r.statusCode());
    JsonNode user = JSON.readTree(r.body());
    assertEquals("ann", user.path("login").asText());
    assertEquals(1, user.path("id").asLong());
    assertEquals("User", user.path("type").asText());
    assertEquals("ann@example.com", user.path("email").asText());
    assertEquals("repo, read:org", header(r, "X-OAuth-Scopes"));
    assertNull(header(r, "X-GitHub-Enterprise-Version"));
    assertEquals("5000", header(r, "X-RateLimit-Limit"));
    assertEquals("4999", header(r, "X-RateLimit-Remaining"));
    assertEquals("1", header(r, "X-RateLimit-Used"));
    assertEquals("core", header(r, "X-RateLimit-Resource"));
    assertEquals(String.valueOf(fake.resetEpoch()), header(r, "X-RateLimit-Reset"));
    assertNotNull(header(r, "ETag"));

    fake.enterpriseVersion("3.14.2").oauthScopes(null);
    HttpResponse<String> ghes = get("/user");
    assertEquals("3.14.2", header(ghes, "X-GitHub-Enterprise-Version"));
    assertNull(header(ghes, "X-OAuth-Scopes"));
  }

  @Test
  void anUnknownOrganizationIs404WithGitHubsMessage() throws Exception {
    HttpResponse<String> r = get("/orgs/nope");
    assertEquals(404, r.statusCode());
    assertEquals("Not Found", JSON.readTree(r.body()).path("message").asText());
    assertNotNull(header(r, "X-RateLimit-Remaining"));
    assertEquals("acme", JSON.readTree(get("/orgs/acme").body()).path("login").asText());
    assertEquals(List.of("acme"), logins(JSON.readTree(get("/user/orgs").body())));
  }

  @Test
  void repositoriesCarryGitHubsFields() throws Exception {
    JsonNode repos = JSON.readTree(get("/orgs/acme/repos?type=all").body());
    assertEquals(List.of("api", "empty", "old", "forked"), names(repos));
    JsonNode empty = repos.get(1);
    assertEquals(0, empty.path("size").asInt());
    assertEquals("acme/empty", empty.path("full_name").asText());
    assertEquals("Organization", empty.path("owner").path("type").asText());
    assertEquals("https://github.com/acme/empty.git", empty.path("clone_url").asText());
    assertTrue(repos.get(2).path("archived").asBoolean());
    assertTrue(repos.get(3).path("fork").asBoolean());
    JsonNode own = JSON.readTree(get("/user/repos?affiliation=owner").body());
    assertEquals(List.of("dotfiles"), names(own));
    assertEquals("User", own.get(0).path("owner").path("type").asText());
  }

  @Test
  void membersAndUsers() throws Exception {
    JsonNode members = JSON.readTree(get("/orgs/acme/members").body());
    assertEquals(List.of("bob", "dependabot[bot]"), logins(members));
    assertEquals("Bot", members.get(1).path("type").asText());
    assertFalse(members.get(0).path("site_admin").asBoolean());
    JsonNode carol = JSON.readTree(get("/users/carol").body());
    assertEquals("Carol", carol.path("name").asText());
    assertTrue(carol.path("email").isNull());
    assertEquals(404, get("/users/nobody").statusCode());
  }

  @Test
  void pagesFollowLinkHeadersToTheEnd() throws Exception {
    HttpResponse<String> first = get("/repos/acme/api/pulls?state=all&sort=updated&direction=desc&per_page=4");
    JsonNode page1 = JSON.readTree(first.body());
    assertEquals(4, page1.size());
    Map<String, String> links = links(header(first, "Link"));
    assertEquals(fake.url() + "/repos/acme/api/pulls?state=all&sort=updated&direction=desc&per_page=4&page=2",
        links.get("next"));
    assertEquals(links.get("next"), links.get("last"));
    HttpResponse<String> second = HTTP.send(HttpRequest.newBuilder(URI.create(links.get("next"))).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonNode page2 = JSON.readTree(second.body());
    assertEquals(2, page2.size());
    assertFalse(links(header(second, "Link")).containsKey("next"));

    List<String> updated = new ArrayList<>();
    page1.forEach(p -> updated.add(p.path("updated_at").asText()));
    page2.forEach(p -> updated.add(p.path("updated_at").asText()));
    List<String> sorted = new ArrayList<>(updated);
    sorted.sort(java.util.Comparator.reverseOrder());
    assertEquals(sorted, updated);
    assertEquals(6, updated.size());
    assertEquals(List.of(2, 1), numbers(JSON.readTree(get("/repos/acme/api/pulls?state=all&sort=created&per_page=2&page=3").body())));
  }

  @Test
  void perPageIsCappedAt100AndDefaultsTo30() throws Exception {
    fake.close();
    fake = FakeGitHub.start(Fixtures.budgetOrg(3, 1000, 7));
    String repo = "/repos/budget/repo0/pulls?state=all";
    assertEquals(30, JSON.readTree(get(repo).body()).size());
    assertEquals(100, JSON.readTree(get(repo + "&per_page=500").body()).size());
  }

  @Test
  void aMatchingETagGets304WithoutBodyAndCostsNothing() throws Exception {
    HttpResponse<String> first = get("/repos/acme/api/pulls?state=all");
    String etag = header(first, "ETag");
    HttpResponse<String> again = get("/repos/acme/api/pulls?state=all", "If-None-Match", etag);
    assertEquals(304, again.statusCode());
    assertEquals("", again.body());
    assertEquals(header(first, "X-RateLimit-Remaining"), header(again, "X-RateLimit-Remaining"));
    assertEquals(1, fake.notModified());
    assertEquals(1, fake.restUsed());

    fake.world().repo("acme/api").pullRequests().remove(0);
    HttpResponse<String> changed = get("/repos/acme/api/pulls?state=all", "If-None-Match", etag);
    assertEquals(200, changed.statusCode());
    assertFalse(etag.equals(header(changed, "ETag")));
  }

  @Test
  void pullRequestListItemsAndTheSinglePullRequest() throws Exception {
    JsonNode list = JSON.readTree(get("/repos/acme/api/pulls?state=all&sort=updated&direction=desc").body());
    Map<Integer, JsonNode> byNumber = new HashMap<>();
    list.forEach(p -> byNumber.put(p.path("number").asInt(), p));
    assertFalse(byNumber.get(2).has("merged_by"));
    assertEquals("closed", byNumber.get(2).path("state").asText());
    assertFalse(byNumber.get(2).path("merged_at").isNull());
    assertTrue(byNumber.get(4).path("draft").asBoolean());
    assertTrue(byNumber.get(5).path("locked").asBoolean());
    assertTrue(byNumber.get(3).path("user").isNull());
    assertTrue(byNumber.get(6).path("head").path("repo").isNull());
    assertEquals("acme/api", byNumber.get(1).path("head").path("repo").path("full_name").asText());
    assertEquals("dependabot[bot]", byNumber.get(4).path("user").path("login").asText());
    assertEquals(List.of(1, 4), numbers(JSON.readTree(get("/repos/acme/api/pulls").body())).stream().sorted().toList());

    JsonNode merged = JSON.readTree(get("/repos/acme/api/pulls/2").body());
    assertTrue(merged.path("merged").asBoolean());
    assertEquals("ann", merged.path("merged_by").path("login").asText());
    assertEquals(3, merged.path("commits").asInt());
    assertEquals(10 + 20 + 30, merged.path("additions").asInt());
    assertTrue(JSON.readTree(get("/repos/acme/api/pulls/5").body()).path("merged_by").isNull());
    assertEquals(404, get("/repos/acme/api/pulls/99").statusCode());

    fake.ghostAsUser(true);
    JsonNode ghost = JSON.readTree(get("/repos/acme/api/pulls/3").body()).path("user");
    assertEquals("ghost", ghost.path("login").asText());
    assertEquals(10137, ghost.path("id").asLong());
  }

  @Test
  void commitsReviewsAndComments() throws Exception {
    JsonNode commits = JSON.readTree(get("/repos/acme/api/pulls/4/commits").body());
    assertEquals(1, commits.size());
    assertTrue(commits.get(0).path("author").isNull());
    assertEquals("dependabot[bot]", commits.get(0).path("commit").path("author").path("name").asText());
    assertEquals(40, commits.get(0).path("sha").asText().length());

    JsonNode reviews = JSON.readTree(get("/repos/acme/api/pulls/1/reviews").body());
    assertEquals(List.of("APPROVED", "COMMENTED"), texts(reviews, "state"));
    assertEquals(List.of("DISMISSED", "APPROVED"), texts(JSON.readTree(get("/repos/acme/api/pulls/5/reviews").body()), "state"));

    JsonNode all = JSON.readTree(get("/repos/acme/api/pulls/comments?sort=updated&direction=asc").body());
    assertEquals(4, all.size());
    String since = Instant.parse(all.get(2).path("updated_at").asText()).toString();
    JsonNode recent = JSON.readTree(get("/repos/acme/api/pulls/comments?sort=updated&direction=asc&since=" + since).body());
    assertEquals(2, recent.size());
    assertTrue(recent.get(0).path("pull_request_review_id").asLong() > 0);

    JsonNode issueComments = JSON.readTree(get("/repos/acme/api/issues/comments?sort=updated&direction=asc").body());
    assertEquals(4, issueComments.size());
    JsonNode onPr3 = issueComments.get(3);
    assertTrue(onPr3.path("user").isNull());
    assertTrue(onPr3.path("html_url").asText().startsWith("https://github.com/acme/api/pull/3#issuecomment-"));
    assertTrue(onPr3.path("issue_url").asText().endsWith("/repos/acme/api/issues/3"));
  }

  @Test
  void aPullRequestsCommitsStopAt250() throws Exception {
    fake.close();
    World world = Fixtures.budgetOrg(3, 1000, 7);
    fake = FakeGitHub.start(world);
    PullRequest big = biggest(world);
    String path = "/repos/" + repoOf(world, big) + "/pulls/" + big.number() + "/commits?per_page=100&page=";
    assertEquals(100, JSON.readTree(get(path + 2).body()).size());
    HttpResponse<String> last = get(path + 3);
    assertEquals(50, JSON.readTree(last.body()).size());
    assertFalse(links(header(last, "Link")).containsKey("next"));
    assertEquals(300, JSON.readTree(get("/repos/" + repoOf(world, big) + "/pulls/" + big.number()).body())
        .path("commits").asInt());
  }

  // -- GraphQL

  @Test
  void aPageOfPullRequestsHasGitHubsShapeAndACursorToTheNext() throws Exception {
    String query = QueryTexts.get("PULL_REQUESTS");
    JsonNode page = graphQl(query, Map.of("owner", "acme", "name", "api", "first", 4));
    assertFalse(page.has("errors"), page::toString);
    JsonNode prs = page.path("data").path("repository").path("pullRequests");
    assertTrue(prs.path("pageInfo").path("hasNextPage").asBoolean());
    String cursor = prs.path("pageInfo").path("endCursor").asText();
    assertEquals(List.of(6, 5, 4, 3), numbers(prs.path("nodes")));

    JsonNode byBot = prs.path("nodes").get(2);
    assertEquals("PR_" + fake.world().repo("acme/api").pullRequests().get(3).id(), byBot.path("id").asText());
    assertTrue(byBot.path("fullDatabaseId").isTextual());
    assertEquals("Bot", byBot.path("author").path("__typename").asText());
    assertEquals("dependabot", byBot.path("author").path("login").asText());
    assertFalse(byBot.path("author").has("email"));
    assertTrue(byBot.path("isDraft").asBoolean());
    assertEquals("OPEN", byBot.path("state").asText());
    assertTrue(byBot.path("mergedBy").isNull());
    assertTrue(byBot.path("mergeCommit").isNull());
    JsonNode commit = byBot.path("commits").path("nodes").get(0).path("commit");
    assertTrue(commit.path("author").path("user").isNull());
    assertTrue(commit.path("authoredDate").asText().matches("2025-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));

    JsonNode deleted = prs.path("nodes").get(3);
    assertTrue(deleted.path("author").isNull());
    assertEquals("CLOSED", deleted.path("state").asText());
    JsonNode locked = prs.path("nodes").get(1);
    assertTrue(locked.path("locked").asBoolean());
    assertEquals("MERGED", locked.path("state").asText());
    assertTrue(locked.path("mergedBy").isNull());
    assertEquals(List.of("DISMISSED", "APPROVED"), texts(locked.path("reviews").path("nodes"), "state"));
    assertEquals(Set.of("id", "fullDatabaseId", "number", "title", "body", "url", "state", "isDraft", "locked",
        "createdAt", "updatedAt", "closedAt", "mergedAt", "author", "mergedBy", "mergeCommit", "headRefName", "headRefOid",
        "baseRefName", "baseRefOid", "commits", "reviews", "comments"), fieldNames(locked));

    JsonNode rest = graphQl(query, Map.of("owner", "acme", "name", "api", "first", 4, "after", cursor))
        .path("data").path("repository").path("pullRequests");
    assertEquals(List.of(2, 1), numbers(rest.path("nodes")));
    assertFalse(rest.path("pageInfo").path("hasNextPage").asBoolean());
    JsonNode p1 = rest.path("nodes").get(1);
    // The viewer's own pending review is listed to her only, and the query asks for submitted states.
    assertEquals(List.of("APPROVED", "COMMENTED"), texts(p1.path("reviews").path("nodes"), "state"));
    assertEquals("User", p1.path("reviews").path("nodes").get(0).path("author").path("__typename").asText());
    assertEquals("", p1.path("reviews").path("nodes").get(0).path("author").path("email").asText());
    JsonNode p2 = rest.path("nodes").get(0);
    assertEquals("Mannequin", p2.path("comments").path("nodes").get(1).path("author").path("__typename").asText());
    assertEquals("mona-imported", p2.path("comments").path("nodes").get(1).path("author").path("login").asText());
    assertEquals(40, p2.path("mergeCommit").path("oid").asText().length());
  }

  @Test
  void commitsOverGitHubsCapAreCountedButNotListed() throws Exception {
    fake.close();
    World world = Fixtures.budgetOrg(3, 1000, 7);
    fake = FakeGitHub.start(world);
    PullRequest big = biggest(world);
    String more = QueryTexts.get("MORE_COMMITS");
    List<String> oids = new ArrayList<>();
    String after = null;
    int pages = 0;
    do {
      Map<String, Object> vars = new HashMap<>(Map.of("id", big.nodeId(), "first", 100));
      vars.put("after", after);
      JsonNode commits = graphQl(more, vars).path("data").path("node").path("commits");
      commits.path("nodes").forEach(n -> oids.add(n.path("commit").path("oid").asText()));
      after = commits.path("pageInfo").path("hasNextPage").asBoolean() ? commits.path("pageInfo").path("endCursor").asText()
          : null;
      pages++;
    } while (after != null);
    assertEquals(3, pages);
    assertEquals(250, oids.size());
    assertEquals(250, new HashSet<>(oids).size());
    assertEquals(big.commits().get(249).sha(), oids.get(249));
  }

  @Test
  void membersAreUsersOnly() throws Exception {
    JsonNode members = graphQl(QueryTexts.get("MEMBERS"), Map.of("org", "acme", "first", 10))
        .path("data").path("organization").path("membersWithRole");
    assertEquals(List.of("bob"), logins(members.path("nodes")));
    assertEquals("Bob Builder", members.path("nodes").get(0).path("name").asText());
  }

  @Test
  void eachQueryIsChargedWhatGraphQlCostSaysAndRateLimitReportsIt() throws Exception {
    String query = QueryTexts.get("PULL_REQUESTS");
    Map<String, Object> vars = Map.of("owner", "acme", "name", "api", "first", 50);
    JsonNode one = graphQl(query, vars);
    int cost = GraphQlCost.of(query, vars).points();
    assertEquals(2, cost);
    assertEquals(cost, one.path("data").path("rateLimit").path("cost").asInt());
    assertEquals(5000 - cost, one.path("data").path("rateLimit").path("remaining").asInt());
    graphQl(QueryTexts.get("MEMBERS"), Map.of("org", "acme", "first", 10));
    HttpResponse<String> third = post(query, vars);
    assertEquals(cost + 1 + cost, fake.pointsSpent());
    assertEquals(String.valueOf(5000 - fake.pointsSpent()), header(third, "X-RateLimit-Remaining"));
    assertEquals("graphql", header(third, "X-RateLimit-Resource"));
    assertEquals(3, fake.graphqlRequests());
    assertEquals(0, fake.restRequests());
  }

  @Test
  void queriesGitHubWouldRejectAreRejected() throws Exception {
    JsonNode unknown = graphQl("query { viewer { login noSuchField } }", Map.of());
    assertTrue(unknown.path("data").isMissingNode());
    assertEquals("Field 'noSuchField' doesn't exist on type 'User'", unknown.path("errors").get(0).path("message").asText());
    JsonNode unbounded = graphQl("query { repository(owner: \"acme\", name: \"api\") { pullRequests { totalCount } } }", Map.of());
    assertEquals("MISSING_PAGINATION_BOUNDARIES", unbounded.path("errors").get(0).path("type").asText());
    JsonNode tooMany = graphQl("query { organization(login: \"acme\") { membersWithRole(first: 101) { totalCount } } }", Map.of());
    assertEquals("EXCESSIVE_PAGINATION", tooMany.path("errors").get(0).path("type").asText());
    JsonNode gone = graphQl("query { repository(owner: \"acme\", name: \"gone\") { name } }", Map.of());
    assertTrue(gone.path("data").path("repository").isNull());
    assertEquals("NOT_FOUND", gone.path("errors").get(0).path("type").asText());
    assertEquals(List.of("repository"), texts(gone.path("errors").get(0).path("path")));
  }

  // -- faults

  @Test
  void aFaultFiresOnceForTheRequestsItMatches() throws Exception {
    Fault<FakeRequest> fault = fake.failNext("POST", "/graphql", 502, "").when(r -> r.intVariable("first") > 25);
    String members = QueryTexts.get("MEMBERS");
    assertEquals(200, post(members, Map.of("org", "acme", "first", 10)).statusCode());
    assertEquals(502, post(members, Map.of("org", "acme", "first", 50)).statusCode());
    assertEquals(200, post(members, Map.of("org", "acme", "first", 50)).statusCode());
    assertEquals(1, fault.fired());
    assertTrue(fault.spent());
    assertEquals(3, fake.graphqlRequests());
    assertEquals(2, fake.pointsSpent());
  }

  @Test
  void aFaultCanFireSeveralTimes() throws Exception {
    Fault<FakeRequest> fault = fake.failNext("GET", "/user", 500, "{}").times(2);
    assertEquals(500, get("/user").statusCode());
    assertEquals(500, get("/user").statusCode());
    assertEquals(200, get("/user").statusCode());
    assertEquals(2, fault.fired());
  }

  @Test
  void samlAndRateLimitFaultsLookLikeGitHubs() throws Exception {
    fake.samlNext("GET", "/orgs/acme/repos", "acme");
    HttpResponse<String> saml = get("/orgs/acme/repos");
    assertEquals(403, saml.statusCode());
    assertEquals(FakeGitHub.SAML_MESSAGE, JSON.readTree(saml.body()).path("message").asText());
    assertEquals("required; url=https://github.com/orgs/acme/sso?authorization_request=x", header(saml, "X-GitHub-SSO"));

    fake.primaryRateLimitNext("GET", "/user", 1_900_000_000L);
    HttpResponse<String> primary = get("/user");
    assertEquals(403, primary.statusCode());
    assertEquals("0", header(primary, "X-RateLimit-Remaining"));
    assertEquals("1900000000", header(primary, "X-RateLimit-Reset"));

    fake.secondaryRateLimitNext("GET", "/user", 1);
    HttpResponse<String> secondary = get("/user");
    assertEquals(403, secondary.statusCode());
    assertTrue(JSON.readTree(secondary.body()).path("message").asText().startsWith("You have exceeded a secondary rate limit"));
    assertEquals("1", header(secondary, "Retry-After"));

    fake.tooManyRequestsNext("*", "/user", 2);
    assertEquals("2", header(get("/user"), "Retry-After"));

    fake.badCredentialsNext("GET", "/user");
    assertEquals(401, get("/user").statusCode());

    fake.graphQlRateLimitedNext(1_900_000_000L);
    HttpResponse<String> limited = post(QueryTexts.get("MEMBERS"), Map.of("org", "acme", "first", 10));
    assertEquals(200, limited.statusCode());
    assertEquals("RATE_LIMITED", JSON.readTree(limited.body()).path("errors").get(0).path("type").asText());
    assertEquals("0", header(limited, "X-RateLimit-Remaining"));
    assertEquals(0, fake.pointsSpent());
    assertEquals(200, get("/user").statusCode());
  }

  @Test
  void theLimitsAreEnforcedWhenSpent() throws Exception {
    fake.restLimit(2).graphQlLimit(3);
    assertEquals(200, get("/user").statusCode());
    assertEquals(200, get("/user").statusCode());
    HttpResponse<String> over = get("/user");
    assertEquals(403, over.statusCode());
    assertEquals("0", header(over, "X-RateLimit-Remaining"));
    Map<String, Object> vars = Map.of("owner", "acme", "name", "api", "first", 50);
    assertFalse(graphQl(QueryTexts.get("PULL_REQUESTS"), vars).has("errors"));
    assertEquals("RATE_LIMITED", graphQl(QueryTexts.get("PULL_REQUESTS"), vars).path("errors").get(0).path("type").asText());
  }

  @Test
  void aRequiredTokenIsChecked() throws Exception {
    fake.requireToken("t0ken");
    assertEquals(401, get("/user").statusCode());
    assertEquals(200, get("/user", "Authorization", "Bearer t0ken").statusCode());
    assertEquals(200, get("/user", "Authorization", "token t0ken").statusCode());
  }

  @Test
  void countersCountAndReset() throws Exception {
    get("/user");
    get("/repos/acme/api/pulls");
    get("/repos/acme/api/pulls/1/commits");
    assertEquals(3, fake.requests());
    assertEquals(2, fake.requestsTo("/repos/acme/api/pulls"));
    assertEquals(List.of("GET /user", "GET /repos/acme/api/pulls", "GET /repos/acme/api/pulls/1/commits"), fake.requestLog());
    fake.reset();
    assertEquals(0, fake.requests());
    assertEquals(0, fake.restUsed());
  }

  // -- fixtures

  @Test
  void theBudgetOrganizationIsDeterministicAndAsDescribed() {
    World a = Fixtures.budgetOrg(3, 1000, 42);
    assertEquals(a, Fixtures.budgetOrg(3, 1000, 42));
    List<PullRequest> prs = a.repos().flatMap(r -> r.pullRequests().stream()).toList();
    assertEquals(1000, prs.size());
    assertEquals(3, a.orgs().get(0).repos().size());
    assertEquals(1000, prs.stream().map(PullRequest::updatedAt).distinct().count());
    Instant start = Instant.parse("2025-01-01T00:00:00Z");
    Instant end = Instant.parse("2026-01-01T00:00:00Z");
    assertTrue(prs.stream().allMatch(p -> !p.createdAt().isBefore(start) && p.updatedAt().isBefore(end)));
    assertEquals(List.of(120, 120, 120, 120, 300), prs.stream().map(p -> p.commits().size()).filter(n -> n > 12).sorted().toList());
    assertEquals(3, prs.stream().filter(p -> p.comments().size() > 50).count());
    assertTrue(prs.stream().allMatch(p -> p.reviews().size() <= 4 && p.reviewComments().size() <= 5));
    assertTrue(prs.stream().anyMatch(p -> p.author() == null));
    assertTrue(prs.stream().anyMatch(p -> p.author() != null && p.author().type().equals("Bot")));
    Set<String> states = prs.stream().map(PullRequest::state).collect(Collectors.toSet());
    assertEquals(Set.of("OPEN", "CLOSED", "MERGED"), states);
  }

  @Test
  void aFullExportOfTheBudgetOrganizationIsQuick() throws Exception {
    fake.close();
    World world = Fixtures.budgetOrg(3, 1000, 7);
    fake = FakeGitHub.start(world);
    String query = QueryTexts.get("PULL_REQUESTS");
    long started = System.nanoTime();
    int seen = 0;
    for (var repo : world.orgs().get(0).repos()) {
      String after = null;
      do {
        Map<String, Object> vars = new HashMap<>(Map.of("owner", "budget", "name", repo.name(), "first", 50));
        vars.put("after", after);
        JsonNode prs = graphQl(query, vars).path("data").path("repository").path("pullRequests");
        seen += prs.path("nodes").size();
        after = prs.path("pageInfo").path("hasNextPage").asBoolean() ? prs.path("pageInfo").path("endCursor").asText() : null;
      } while (after != null);
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    assertEquals(1000, seen);
    assertTrue(millis < 10_000, "took " + millis + " ms");
    assertEquals(fake.graphqlRequests() * 2L, fake.pointsSpent());
  }

  // -- helpers

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(fake.uri(path));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String query, Map<String, Object> variables) throws Exception {
    Map<String, Object> body = new HashMap<>();
    body.put("query", query);
    body.put("variables", variables);
    return HTTP.send(HttpRequest.newBuilder(fake.uri("/graphql")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode graphQl(String query, Map<String, Object> variables) throws Exception {
    HttpResponse<String> r = post(query, variables);
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  private static String header(HttpResponse<?> r, String name) {
    return r.headers().firstValue(name).orElse(null);
  }

  private static void assertNull(Object o) {
    org.junit.jupiter.api.Assertions.assertNull(o);
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.path(field).asText()));
    return out;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<String> logins(JsonNode array) {
    return texts(array, "login");
  }

  private static List<String> names(JsonNode array) {
    return texts(array, "name");
  }

  private static List<Integer> numbers(JsonNode array) {
    List<Integer> out = new ArrayList<>();
    array.forEach(n -> out.add(n.path("number").asInt()));
    return out;
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> out = new HashSet<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static PullRequest biggest(World world) {
    return world.repos().flatMap(r -> r.pullRequests().stream()).filter(p -> p.commits().size() == 300).findFirst()
        .orElseThrow();
  }

  private static String repoOf(World world, PullRequest pr) {
    return world.repos().filter(r -> r.pullRequests().contains(pr)).findFirst().orElseThrow().fullName();
  }
}
