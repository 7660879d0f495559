package agent.integrations.gitlab.fake;

import static agent.testkit.fake.LinkHeader.links;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.integrations.gitlab.fake.GitLabWorld.MergeRequest;
import agent.integrations.gitlab.fake.GitLabWorld.Project;
import agent.testkit.fake.Fault;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake itself, over real HTTP: shapes, both kinds of pages, filters, approvals, notes, faults. */
class FakeGitLabTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private FakeGitLab fake;

  @BeforeEach
  void start() {
    fake = new FakeGitLab(GitLabFixtures.small());
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  // -- who and what

  @Test
  void theUserVersionAndTokenWithRateLimitHeaders() throws Exception {
    HttpResponse<String> r = get("/user");
    assertEquals(200, r.statusCode());
    JsonNode user = json(r);
    assertEquals("ann", user.path("username").asText());
    assertEquals("active", user.path("state").asText());
    assertFalse(user.path("is_admin").asBoolean());
    assertEquals(fake.url() + "/ann", user.path("web_url").asText());
    assertEquals("2000", header(r, "RateLimit-Limit"));
    assertEquals("1", header(r, "RateLimit-Observed"));
    assertEquals("1999", header(r, "RateLimit-Remaining"));
    assertEquals(String.valueOf(fake.rateLimitReset()), header(r, "RateLimit-Reset"));
    assertTrue(header(r, "RateLimit-ResetTime").endsWith("GMT"));

    assertEquals("17.5.1-ee", json(get("/version")).path("version").asText());
    JsonNode token = json(get("/personal_access_tokens/self"));
    assertEquals(List.of("read_api", "read_repository"), texts(token.path("scopes")));
    assertTrue(token.path("active").asBoolean());
    fake.world().tokenScopes = null;
    HttpResponse<String> old = get("/personal_access_tokens/self");
    assertEquals(404, old.statusCode());
    assertEquals("404 Not Found", json(old).path("error").asText());
  }

  @Test
  void eitherAuthHeaderWorksAndAnyOtherTokenIs401() throws Exception {
    HttpResponse<String> privateToken = send("/user", "PRIVATE-TOKEN", fake.token());
    assertEquals(200, privateToken.statusCode());
    HttpResponse<String> wrong = send("/user", "Authorization", "Bearer nope");
    assertEquals(401, wrong.statusCode());
    assertEquals("401 Unauthorized", json(wrong).path("message").asText());
    assertEquals(401, send("/user").statusCode());
  }

  @Test
  void theTokenRevokedAfterKRequests() throws Exception {
    fake.revokeTokenAfter(2);
    assertEquals(200, get("/user").statusCode());
    assertEquals(200, get("/version").statusCode());
    assertEquals(401, get("/user").statusCode());
    assertEquals(401, get("/projects/1").statusCode());
    assertEquals(List.of(200, 200, 401, 401), fake.requests().stream().map(FakeGitLab.Call::status).toList());
  }

  @Test
  void unknownPathsAre404AndRecorded() throws Exception {
    HttpResponse<String> r = get("/projects/1/pipelines");
    assertEquals(404, r.statusCode());
    assertEquals("404 Not Found", json(r).path("error").asText());
    assertEquals(404, get("/projects/999999").statusCode());
    assertEquals("404 Project Not Found", json(get("/projects/999999")).path("message").asText());
    assertEquals(1, fake.unknownRequests().size());
    assertEquals("/api/v4/projects/1/pipelines", fake.unknownRequests().get(0).path());
    fake.resetLog();
    assertTrue(fake.requests().isEmpty());
  }

  // -- groups and projects

  @Test
  void groupsByIdOrEncodedPathAndTheViewersGroups() throws Exception {
    JsonNode infra = json(get("/groups/" + FakeGitLab.encode("acme/platform/infra")));
    assertEquals("acme/platform/infra", infra.path("full_path").asText());
    assertEquals("Acme / Platform / Infra", infra.path("full_name").asText());
    long platformId = fake.world().group("acme/platform").orElseThrow().id;
    assertEquals(platformId, infra.path("parent_id").asLong());
    assertTrue(json(get("/groups/" + platformId)).path("parent_id").isIntegralNumber());
    assertTrue(json(get("/groups/" + fake.world().group("acme").orElseThrow().id)).path("parent_id").isNull());
    HttpResponse<String> missing = get("/groups/" + FakeGitLab.encode("acme/nope"));
    assertEquals(404, missing.statusCode());
    assertEquals("404 Group Not Found", json(missing).path("message").asText());

    assertEquals(List.of("acme", "acme/platform", "acme/platform/infra", "acme/platform/infra/edge"),
        texts(json(get("/groups?order_by=id&sort=asc")), "full_path"));
    assertEquals(List.of("acme"), texts(json(get("/groups?top_level_only=true")), "full_path"));
    assertTrue(texts(json(get("/groups?all_available=true")), "full_path").contains("outside"));
  }

  @Test
  void nestedSubgroupProjectsComeWithIncludeSubgroups() throws Exception {
    String acme = "/groups/acme/projects?order_by=id&sort=asc";
    assertEquals(List.of("acme/api"), texts(json(get(acme)), "path_with_namespace"));
    JsonNode all = json(get(acme + "&include_subgroups=true"));
    assertEquals(List.of("acme/api", "acme/platform/empty", "acme/platform/infra/terraform",
        "acme/platform/infra/edge/proxy", "acme/platform/api-fork"), texts(all, "path_with_namespace"));
    assertEquals(List.of("acme/platform/infra/terraform"),
        texts(json(get(acme + "&include_subgroups=true&archived=true")), "path_with_namespace"));
    assertEquals(4, json(get(acme + "&include_subgroups=true&archived=false")).size());

    JsonNode empty = all.get(1);
    assertTrue(empty.path("default_branch").isNull());
    assertTrue(empty.path("empty_repo").asBoolean());
    assertTrue(empty.path("description").isNull());
    assertFalse(empty.has("forked_from_project"));
    JsonNode proxy = all.get(3);
    assertEquals("group", proxy.path("namespace").path("kind").asText());
    assertEquals("acme/platform/infra/edge", proxy.path("namespace").path("full_path").asText());
    assertEquals(fake.url() + "/acme/platform/infra/edge/proxy.git", proxy.path("http_url_to_repo").asText());
    assertEquals("acme/api", all.get(4).path("forked_from_project").path("path_with_namespace").asText());
  }

  @Test
  void aProjectByEncodedPathWithASettableCloneUrl() throws Exception {
    Project api = fake.world().project("acme/api").orElseThrow();
    api.httpUrlToRepo = "file:///tmp/repos/api.git";
    JsonNode json = json(get("/projects/" + FakeGitLab.encode("acme/api")));
    assertEquals(api.id, json.path("id").asLong());
    assertEquals("file:///tmp/repos/api.git", json.path("http_url_to_repo").asText());
    assertEquals("Acme / API", json.path("name_with_namespace").asText());
    // Private and not a member: GitLab does not admit it exists.
    assertEquals("404 Project Not Found", json(get("/projects/" + FakeGitLab.encode("outside/secret"))).path("message")
        .asText());
    JsonNode dotfiles = json(get("/projects/" + FakeGitLab.encode("ann/dotfiles")));
    assertEquals("user", dotfiles.path("namespace").path("kind").asText());
    assertTrue(dotfiles.path("namespace").path("parent_id").isNull());
  }

  @Test
  void keysetPagesOnProjectsChainToTheEnd() throws Exception {
    List<String> seen = new ArrayList<>();
    String next = fake.apiUrl() + "/projects?membership=true&pagination=keyset&order_by=id&sort=asc&per_page=2";
    int pages = 0;
    while (next != null) {
      HttpResponse<String> r = send(URI.create(next), "Authorization", "Bearer " + fake.token());
      assertEquals(200, r.statusCode());
      assertNull(header(r, "X-Next-Page"));
      assertNull(header(r, "X-Page"));
      assertNull(header(r, "X-Total"));
      seen.addAll(texts(json(r), "path_with_namespace"));
      Map<String, String> links = links(header(r, "Link"));
      assertFalse(links.containsKey("prev") || links.containsKey("last") || links.containsKey("first"));
      next = links.get("next");
      pages++;
    }
    // Six projects on pages of two: the third page is full, so a fourth, empty one ends the chain.
    assertEquals(4, pages);
    assertEquals(List.of("acme/api", "acme/platform/empty", "acme/platform/infra/terraform",
        "acme/platform/infra/edge/proxy", "acme/platform/api-fork", "ann/dotfiles"), seen);
    assertTrue(fake.requests().get(1).query().containsKey("id_after"));

    HttpResponse<String> byName = get("/projects?membership=true&pagination=keyset&order_by=name&sort=asc");
    assertEquals(405, byName.statusCode());
    assertEquals("Keyset pagination is not yet available for this type of request", json(byName).path("error").asText());
    assertEquals(2, json(get("/projects?membership=true&archived=false&order_by=id&sort=asc&per_page=2")).size());
  }

  // -- offset pages

  @Test
  void offsetPagesChainByXNextPageWithGitLabsHeaders() throws Exception {
    fake.close();
    fake = new FakeGitLab(GitLabFixtures.budget(), "/gitlab");
    Project project = fake.world().projects.get(0);
    String path = "/projects/" + project.id + "/merge_requests?state=all&order_by=updated_at&sort=asc&per_page=40";
    HttpResponse<String> first = get(path);
    assertTrue(first.uri().toString().startsWith(fake.url() + "/api/v4/"));
    assertEquals("1", header(first, "X-Page"));
    assertEquals("40", header(first, "X-Per-Page"));
    assertEquals("", header(first, "X-Prev-Page"));
    assertEquals(String.valueOf(project.mergeRequests.size()), header(first, "X-Total"));
    Map<String, String> links = links(header(first, "Link"));
    assertEquals(fake.apiUrl() + "/projects/" + project.id
        + "/merge_requests?state=all&order_by=updated_at&sort=asc&per_page=40&page=2", links.get("next"));
    assertTrue(links.containsKey("first") && links.containsKey("last"));

    Set<Long> ids = new HashSet<>();
    List<String> updated = new ArrayList<>();
    String page = "1";
    while (!page.isEmpty()) {
      HttpResponse<String> r = get(path + "&page=" + page);
      json(r).forEach(m -> {
        ids.add(m.path("id").asLong());
        updated.add(m.path("updated_at").asText());
      });
      page = header(r, "X-Next-Page");
    }
    assertEquals(project.mergeRequests.size(), ids.size());
    assertEquals(updated.stream().sorted().toList(), updated);

    fake.world().omitTotals = true;
    HttpResponse<String> omitted = get(path);
    assertNull(header(omitted, "X-Total"));
    assertNull(header(omitted, "X-Total-Pages"));
    assertFalse(links(header(omitted, "Link")).containsKey("last"));
    assertEquals("2", header(omitted, "X-Next-Page"));
  }

  @Test
  void totalsGoPast10000Items() throws Exception {
    MergeRequest mr = fake.world().project("acme/api").orElseThrow().mergeRequest(7).orElseThrow();
    Instant t = GitLabFixtures.day(40);
    while (mr.notes.size() <= 10_000) {
      fake.world().comment(mr, fake.world().viewer, "+1", t);
    }
    String path = "/projects/" + mr.project.id + "/merge_requests/7/notes?per_page=100&page=";
    HttpResponse<String> r = get(path + 1);
    assertNull(header(r, "X-Total"));
    assertNull(header(r, "X-Total-Pages"));
    assertEquals("2", header(r, "X-Next-Page"));
    HttpResponse<String> last = get(path + 101);
    assertEquals(mr.notes.size() - 10_000, json(last).size());
    assertEquals("", header(last, "X-Next-Page"));
    mr.notes.subList(0, 2).clear();
    assertEquals(String.valueOf(mr.notes.size()), header(get(path + 1), "X-Total"));
  }

  @Test
  void perPageIsCappedAt100() throws Exception {
    fake.close();
    fake = new FakeGitLab(GitLabFixtures.budget());
    MergeRequest chatty = fake.world().mergeRequests().filter(m -> m.notes.size() > 100).findFirst().orElseThrow();
    String path = "/projects/" + chatty.project.id + "/merge_requests/" + chatty.iid + "/notes?sort=asc";
    assertEquals(20, json(get(path)).size());
    HttpResponse<String> r = get(path + "&per_page=500");
    assertEquals(100, json(r).size());
    assertEquals("100", header(r, "X-Per-Page"));
  }

  // -- merge requests

  @Test
  void mergeRequestsFilterByUpdatedAfterInTheOrderAsked() throws Exception {
    Project api = fake.world().project("acme/api").orElseThrow();
    String path = "/projects/" + api.id + "/merge_requests?state=all&scope=all";
    assertEquals(List.of(7L, 6L, 5L, 4L, 3L, 2L, 1L), longs(json(get(path)), "iid"));
    MergeRequest mr4 = api.mergeRequest(4).orElseThrow();
    String after = mr4.updatedAt.toString();
    List<Long> asc = longs(json(get(path + "&order_by=updated_at&sort=asc&updated_after=" + after)), "iid");
    assertEquals(List.of(4L, 5L, 6L, 7L), asc);
    List<Long> desc = longs(json(get(path + "&order_by=updated_at&sort=desc&updated_after=" + after
        + "&updated_before=" + api.mergeRequest(6).orElseThrow().updatedAt)), "iid");
    assertEquals(List.of(6L, 5L, 4L), desc);

    // A note bumps updated_at, so the merge request moves to the end of the next sync.
    fake.world().comment(api.mergeRequest(1).orElseThrow(), fake.world().viewer, "Any news?", GitLabFixtures.day(60));
    assertEquals(List.of(4L, 5L, 6L, 7L, 1L),
        longs(json(get(path + "&order_by=updated_at&sort=asc&updated_after=" + after)), "iid"));
  }

  @Test
  void mergeRequestsCarryGitLabsFields() throws Exception {
    Project api = fake.world().project("acme/api").orElseThrow();
    Map<Long, JsonNode> byIid = new HashMap<>();
    json(get("/projects/" + api.id + "/merge_requests?state=all")).forEach(m -> byIid.put(m.path("iid").asLong(), m));
    JsonNode open = byIid.get(1L);
    assertEquals("opened", open.path("state").asText());
    assertEquals(3, open.path("user_notes_count").asInt());
    assertTrue(open.path("merged_by").isNull() && open.path("merge_user").isNull() && open.path("closed_by").isNull());
    assertEquals("carol", open.path("reviewers").get(0).path("username").asText());
    assertEquals("acme/api!1", open.path("references").path("full").asText());
    assertEquals(40, open.path("sha").asText().length());
    assertTrue(open.path("discussion_locked").isNull());
    JsonNode merged = byIid.get(2L);
    assertEquals("ann", merged.path("merge_user").path("username").asText());
    assertEquals("ann", merged.path("merged_by").path("username").asText());
    assertFalse(merged.path("merge_commit_sha").isNull());
    JsonNode closed = byIid.get(3L);
    assertEquals("ghost", closed.path("author").path("username").asText());
    assertEquals("Ghost User", closed.path("closed_by").path("name").asText());
    assertTrue(closed.path("description").isNull());
    assertTrue(byIid.get(4L).path("draft").asBoolean());
    assertTrue(byIid.get(4L).path("title").asText().startsWith("Draft: "));
    assertTrue(byIid.get(4L).path("author").path("username").asText().startsWith("group_"));
    assertTrue(byIid.get(5L).path("merged_by").isNull() && byIid.get(5L).path("merge_user").isNull());
    assertEquals("locked", byIid.get(6L).path("state").asText());
    assertTrue(byIid.get(7L).path("discussion_locked").asBoolean());
    assertEquals(List.of(7L, 4L, 1L), longs(json(get("/projects/" + api.id + "/merge_requests?state=opened")), "iid"));
    // Seven notes on !2, one of them a person's: the system notes do not count.
    assertEquals(1, json(get("/projects/" + api.id + "/merge_requests/2")).path("user_notes_count").asInt());
  }

  @Test
  void commitsNewestFirstAndPagingPast100() throws Exception {
    fake.close();
    fake = new FakeGitLab(GitLabFixtures.budget());
    MergeRequest big = fake.world().mergeRequests().filter(m -> m.commits.size() > 100).findFirst().orElseThrow();
    String path = "/projects/" + big.project.id + "/merge_requests/" + big.iid + "/commits?per_page=100&page=";
    JsonNode first = json(get(path + 1));
    assertEquals(100, first.size());
    assertEquals(big.sha(), first.get(0).path("id").asText());
    assertEquals(big.sha().substring(0, 8), first.get(0).path("short_id").asText());
    assertEquals(first.get(1).path("id").asText(), first.get(0).path("parent_ids").get(0).asText());
    HttpResponse<String> second = get(path + 2);
    assertEquals(Math.min(100, big.commits.size() - 100), json(second).size());
  }

  @Test
  void budgetWorldIsDeterministicAndAsDescribed() {
    GitLabWorld a = GitLabFixtures.budget();
    GitLabWorld b = GitLabFixtures.budget();
    assertEquals(500, a.mergeRequests().count());
    assertEquals(a.mergeRequests().map(m -> m.updatedAt).toList(), b.mergeRequests().map(m -> m.updatedAt).toList());
    assertEquals(6, a.projects.size());
    assertTrue(a.mergeRequests().filter(m -> m.commits.size() > 100).count() >= 3);
    assertTrue(a.mergeRequests().filter(m -> m.notes.size() > 100).count() >= 3);
    assertEquals(Set.of("opened", "closed", "merged", "locked"), new HashSet<>(a.mergeRequests().map(m -> m.state).toList()));
    assertEquals("acme/platform/infra", a.group("acme/platform/infra").orElseThrow().fullPath());
  }

  // -- notes and approvals

  @Test
  void notesWithSystemNotesInTheOrderAsked() throws Exception {
    Project api = fake.world().project("acme/api").orElseThrow();
    JsonNode notes = json(get("/projects/" + api.id + "/merge_requests/1/notes?sort=asc&order_by=created_at"));
    assertEquals(List.of(true, false, false, false, true, true), bools(notes, "system"));
    assertTrue(notes.get(0).path("body").asText().startsWith("added 2 commits\n\n<ul><li>"));
    JsonNode diff = notes.get(1);
    assertEquals("DiffNote", diff.path("type").asText());
    assertTrue(diff.path("resolvable").asBoolean());
    assertFalse(diff.path("resolved").asBoolean());
    assertEquals("MergeRequest", diff.path("noteable_type").asText());
    assertEquals(1, diff.path("noteable_iid").asInt());
    assertTrue(notes.get(3).path("type").isNull());
    assertFalse(notes.get(3).has("resolved"));
    assertEquals("approved this merge request", notes.get(4).path("body").asText());
    assertEquals("changed the description", notes.get(5).path("body").asText());
    assertTrue(notes.get(0).path("attachment").isNull());
    assertFalse(notes.get(0).path("internal").asBoolean());

    JsonNode desc = json(get("/projects/" + api.id + "/merge_requests/2/notes?sort=desc&order_by=updated_at"));
    assertEquals("Off by one? (fixed)", desc.get(2).path("body").asText());
    assertTrue(desc.get(1).path("body").asText().startsWith("merged") || desc.get(1).path("system").asBoolean());
    assertEquals("ghost", json(get("/projects/" + api.id + "/merge_requests/3/notes")).get(0).path("author")
        .path("username").asText());
  }

  @Test
  void approvalsWithAndWithoutApprovedAtAndTheirSystemNote() throws Exception {
    Project api = fake.world().project("acme/api").orElseThrow();
    MergeRequest mr2 = api.mergeRequest(2).orElseThrow();
    JsonNode approvals = json(get("/projects/" + api.id + "/merge_requests/2/approvals"));
    assertTrue(approvals.path("approved").asBoolean());
    JsonNode by = approvals.path("approved_by");
    assertEquals(1, by.size());
    assertEquals("bob", by.get(0).path("user").path("username").asText());
    String approvedAt = by.get(0).path("approved_at").asText();
    assertEquals(mr2.approvals.get(0).at(), Instant.parse(approvedAt));

    fake.world().approvedAt = false;
    JsonNode older = json(get("/projects/" + api.id + "/merge_requests/2/approvals")).path("approved_by").get(0);
    assertFalse(older.has("approved_at"));
    // Without approved_at, the time is that of the last "approved this merge request" note by the approver.
    JsonNode notes = json(get("/projects/" + api.id + "/merge_requests/2/notes?sort=desc&order_by=created_at"));
    String last = null;
    for (JsonNode n : notes) {
      if (n.path("system").asBoolean() && n.path("body").asText().equals("approved this merge request")
          && n.path("author").path("id").asLong() == older.path("user").path("id").asLong()) {
        last = n.path("created_at").asText();
        break;
      }
    }
    assertEquals(approvedAt, last);
    assertEquals(1, notes.findValuesAsText("body").stream().filter(b -> b.equals("unapproved this merge request")).count());

    JsonNode open = json(get("/projects/" + api.id + "/merge_requests/7/approvals"));
    assertEquals(0, open.path("approved_by").size());
    assertEquals(404, get("/projects/" + api.id + "/merge_requests/99/approvals").statusCode());
    assertEquals("404 Merge Request Not Found", json(get("/projects/" + api.id + "/merge_requests/99/notes"))
        .path("message").asText());
  }

  @Test
  void groupMembersIncludeInheritedBotsAndBlockedUsers() throws Exception {
    JsonNode members = json(get("/groups/" + FakeGitLab.encode("acme/platform") + "/members/all"));
    Map<String, JsonNode> byName = new HashMap<>();
    members.forEach(m -> byName.put(m.path("username").asText(), m));
    assertEquals(Set.of("ann", "bob", "carol", "eve"), byName.keySet().stream().filter(n -> !n.startsWith("group_"))
        .collect(java.util.stream.Collectors.toSet()));
    assertEquals(GitLabWorld.MAINTAINER, byName.get("bob").path("access_level").asInt());
    assertEquals("blocked", byName.get("eve").path("state").asText());
    assertTrue(byName.keySet().stream().anyMatch(n -> n.matches("group_\\d+_bot_[0-9a-f]+")));
    assertTrue(byName.get("ann").path("expires_at").isNull());
  }

  // -- faults

  @Test
  void tooManyRequestsThenSuccess() throws Exception {
    Fault<GitLabRequest> fault = fake.tooManyRequests("/projects/\\d+/merge_requests", 7).times(2);
    Project api = fake.world().project("acme/api").orElseThrow();
    String path = "/projects/" + api.id + "/merge_requests";
    HttpResponse<String> r = get(path);
    assertEquals(429, r.statusCode());
    assertEquals("7", header(r, "Retry-After"));
    assertEquals("Retry later\n", r.body());
    assertTrue(header(r, "RateLimit-Remaining") != null);
    assertEquals(429, get(path).statusCode());
    assertEquals(200, get(path).statusCode());
    assertTrue(fault.spent());
    assertEquals(2, fault.fired());
    assertEquals(3, fake.count("/projects/\\d+/merge_requests"));
  }

  @Test
  void theRateLimitBudgetRunsOut() throws Exception {
    fake.rateLimit(3);
    assertEquals(200, get("/user").statusCode());
    assertEquals(200, get("/user").statusCode());
    HttpResponse<String> third = get("/user");
    assertEquals("0", header(third, "RateLimit-Remaining"));
    HttpResponse<String> fourth = get("/user");
    assertEquals(429, fourth.statusCode());
    assertTrue(Integer.parseInt(header(fourth, "Retry-After")) > 0);
    fake.resetRateLimit();
    assertEquals(200, get("/user").statusCode());
  }

  @Test
  void serverErrorsAndAResetConnection() throws Exception {
    fake.serverError("/user", 502);
    fake.serverError("/user", 500);
    fake.connectionReset("/version");
    HttpResponse<String> bad = get("/user");
    assertEquals(502, bad.statusCode());
    assertTrue(bad.body().contains("502 Bad Gateway"));
    assertEquals("500 Internal Server Error", json(get("/user")).path("message").asText());
    assertThrows(IOException.class, () -> get("/version"));
    assertEquals(200, get("/version").statusCode());
    assertEquals(0, fake.requests().get(2).status());
  }

  @Test
  void aProjectDeletedMidway() throws Exception {
    Project api = fake.world().project("acme/api").orElseThrow();
    fake.deleteProjectAfter(api, 2);
    assertEquals(200, get("/projects/" + api.id).statusCode());
    assertEquals(200, get("/projects/" + api.id + "/merge_requests").statusCode());
    HttpResponse<String> gone = get("/projects/" + api.id + "/merge_requests/1/notes");
    assertEquals(404, gone.statusCode());
    assertEquals("404 Project Not Found", json(gone).path("message").asText());
    assertEquals(404, get("/projects/" + FakeGitLab.encode("acme/api")).statusCode());
    assertFalse(texts(json(get("/groups/acme/projects")), "path").contains("api"));
  }

  // -- helpers

  private HttpResponse<String> get(String apiPathAndQuery) throws IOException, InterruptedException {
    return send(fake.api(apiPathAndQuery), "Authorization", "Bearer " + fake.token());
  }

  private HttpResponse<String> send(String apiPathAndQuery, String... headers) throws IOException, InterruptedException {
    return send(fake.api(apiPathAndQuery), headers);
  }

  private static HttpResponse<String> send(URI uri, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri);
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) throws IOException {
    return JSON.readTree(r.body());
  }

  private static String header(HttpResponse<String> r, String name) {
    return r.headers().firstValue(name).orElse(null);
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.path(field).asText()));
    return out;
  }

  private static List<Long> longs(JsonNode array, String field) {
    List<Long> out = new ArrayList<>();
    array.forEach(n -> out.add(n.path(field).asLong()));
    return out;
  }

  private static List<Boolean> bools(JsonNode array, String field) {
    List<Boolean> out = new ArrayList<>();
    array.forEach(n -> out.add(n.path(field).asBoolean()));
    return out;
  }
}
