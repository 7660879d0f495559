package agent.integrations.mock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.testing.IntegrationHarness;
import agent.rpcdef.testing.RecordingAgent;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One export of a non-default shape: counts, session tree, object conventions and references. */
class MockExportShapeTest {
  static final String[] MODELS = {
    "sourcecode.User", "sourcecode.Repo", "sourcecode.PullRequest", "sourcecode.PullRequestReview",
    "sourcecode.PullRequestComment", "sourcecode.PullRequestCommit"
  };
  static final String[] PR_MODELS = {
    "sourcecode.PullRequest", "sourcecode.PullRequestReview", "sourcecode.PullRequestComment",
    "sourcecode.PullRequestCommit"
  };

  private static final int ORGS = 3;
  private static final int REPOS = 2;
  private static final int PRS = 7;
  private static final int REVIEWS = 2;
  private static final int COMMENTS = 1;
  private static final int COMMITS = 3;
  private static final int USERS = 12;
  private static final String CONFIG = "{\"organizations\":" + ORGS + ",\"repos_per_org\":" + REPOS
      + ",\"pull_requests_per_repo\":" + PRS + ",\"reviews_per_pr\":" + REVIEWS + ",\"comments_per_pr\":" + COMMENTS
      + ",\"commits_per_pr\":" + COMMITS + ",\"users\":" + USERS + ",\"token\":\"t0k3n\"}";

  private IntegrationHarness harness;
  private IntegrationHarness.Result result;

  @BeforeEach
  void export() {
    harness = IntegrationHarness.start(new MockIntegration(), "mock");
    result = harness.export(CONFIG);
  }

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void sendsTheConfiguredNumberOfObjectsPerModel() {
    int repos = ORGS * REPOS;
    int prs = repos * PRS;
    assertEquals(Map.of(
        "sourcecode.User", USERS,
        "sourcecode.Repo", repos,
        "sourcecode.PullRequest", prs,
        "sourcecode.PullRequestReview", prs * REVIEWS,
        "sourcecode.PullRequestComment", prs * COMMENTS,
        "sourcecode.PullRequestCommit", prs * COMMITS), result.counts());
  }

  @Test
  void defaultConfigHasTheDocumentedShape() {
    IntegrationHarness.Result defaults;
    try (IntegrationHarness h = IntegrationHarness.start(new MockIntegration(), "mock")) {
      defaults = h.export("{}");
    }
    int prs = 2 * 3 * 10;
    assertEquals(Map.of("sourcecode.User", 5, "sourcecode.Repo", 6, "sourcecode.PullRequest", prs,
        "sourcecode.PullRequestReview", prs, "sourcecode.PullRequestComment", prs * 2,
        "sourcecode.PullRequestCommit", prs * 2), defaults.counts());
  }

  @Test
  void sessionTreeFollowsOrganizationsAndRepos() {
    List<JsonNode> repos = result.objects("sourcecode.Repo");
    Set<String> expected = new TreeSet<>();
    expected.add("mock/sourcecode.User");
    for (JsonNode repo : repos) {
      String[] orgAndRepo = repo.get("name").asText().split("/");
      assertEquals(2, orgAndRepo.length, "a repo's name is owner/name: " + repo);
      String org = "mock/organization/" + orgAndRepo[0];
      expected.add(org);
      expected.add(org + "/sourcecode.Repo");
      String repoKey = org + "/repo/" + orgAndRepo[1];
      expected.add(repoKey);
      for (String model : PR_MODELS) {
        expected.add(repoKey + "/" + model);
      }
    }
    Set<String> keys = new TreeSet<>();
    for (RecordingAgent.Recorded s : result.sessions()) {
      keys.add(s.key);
      assertTrue(s.isDone(), "session left open: " + s.key);
      assertEquals(s.name.startsWith("sourcecode."), s.isModel(), s.key);
    }
    assertEquals(expected, keys);
    assertEquals(1 + ORGS * (2 + REPOS * (1 + PR_MODELS.length)), result.sessions().size(), "no duplicate sessions");
  }

  @Test
  void objectsLandInTheSessionOfTheirRepo() {
    Map<String, String> repoIdByKey = new HashMap<>();
    for (JsonNode repo : result.objects("sourcecode.Repo")) {
      String[] orgAndRepo = repo.get("name").asText().split("/");
      repoIdByKey.put("mock/organization/" + orgAndRepo[0] + "/repo/" + orgAndRepo[1], repo.get("id").asText());
    }
    int checked = 0;
    for (RecordingAgent.Recorded s : result.sessions()) {
      if (!s.isModel() || !s.name.startsWith("sourcecode.PullRequest")) {
        continue;
      }
      String repoKey = s.key.substring(0, s.key.lastIndexOf('/'));
      String repoId = repoIdByKey.get(repoKey);
      assertNotNull(repoId, "no repo for session " + s.key);
      for (JsonNode o : IntegrationHarnessJson.parse(s.objects())) {
        assertEquals(repoId, o.get("repo_id").asText(), s.key + ": " + o);
        checked++;
      }
    }
    assertEquals(ORGS * REPOS * PRS * (1 + REVIEWS + COMMENTS + COMMITS), checked);
  }

  @Test
  void everyObjectFollowsTheConventions() {
    for (String model : MODELS) {
      for (JsonNode o : result.objects(model)) {
        String what = model + " " + o;
        assertTrue(o.get("id").asText().matches("[0-9a-f]{16}"), "id of " + what);
        assertTrue(o.get("hashcode").asText().matches("[0-9a-f]{16}"), "hashcode of " + what);
        assertFalse(o.get("ref_id").asText().isEmpty(), "ref_id of " + what);
        assertEquals("mock", o.get("ref_type").asText(), what);
        assertEquals("test-customer", o.get("customer_id").asText(), what);
        for (Map.Entry<String, JsonNode> f : o.properties()) {
          assertFalse(f.getValue().isNull(), "null instead of absent: " + f.getKey() + " in " + what);
          if (f.getKey().endsWith("_date")) {
            assertDate(f.getValue(), f.getKey() + " in " + what);
          }
        }
        assertTrue(o.has("created_date") || model.equals("sourcecode.User"), "created_date of " + what);
      }
    }
  }

  private static void assertDate(JsonNode d, String what) {
    assertEquals(3, d.size(), what);
    assertTrue(d.get("epoch").isIntegralNumber() && d.get("offset").isInt() && d.get("rfc3339").isTextual(), what);
    OffsetDateTime t = OffsetDateTime.parse(d.get("rfc3339").asText());
    assertEquals(d.get("epoch").asLong(), t.toInstant().toEpochMilli(), what);
    assertEquals(d.get("offset").asInt() * 60, t.getOffset().getTotalSeconds(), what);
  }

  @Test
  void idsAreUniqueAndReferencesResolve() {
    Set<String> all = new HashSet<>();
    int objects = 0;
    for (String model : MODELS) {
      for (JsonNode o : result.objects(model)) {
        assertTrue(all.add(o.get("id").asText()), "duplicate id " + o);
        objects++;
      }
    }
    assertEquals(objects, all.size());

    Set<String> userRefs = refIds("sourcecode.User", "ref_id");
    Set<String> repoIds = refIds("sourcecode.Repo", "id");
    Set<String> prIds = refIds("sourcecode.PullRequest", "id");
    Map<String, List<String>> commitShasByPr = new HashMap<>();
    Map<String, Integer> offsetByAuthor = new HashMap<>();
    for (JsonNode c : result.objects("sourcecode.PullRequestCommit")) {
      int offset = c.get("created_date").get("offset").asInt();
      assertEquals(offset, (int) offsetByAuthor.computeIfAbsent(c.get("author_ref_id").asText(), a -> offset),
          "an author commits in one time zone: " + c);
      assertEquals(c.get("sha").asText(), c.get("ref_id").asText());
      assertTrue(c.get("sha").asText().matches("[0-9a-f]{40}"), c.toString());
      assertTrue(userRefs.contains(c.get("author_ref_id").asText()), c.toString());
      commitShasByPr.computeIfAbsent(c.get("pull_request_id").asText(), k -> new ArrayList<>()).add(c.get("sha").asText());
    }
    for (JsonNode pr : result.objects("sourcecode.PullRequest")) {
      assertTrue(repoIds.contains(pr.get("repo_id").asText()), pr.toString());
      assertTrue(userRefs.contains(pr.get("created_by_ref_id").asText()), pr.toString());
      List<String> shas = new ArrayList<>();
      pr.get("commit_shas").forEach(s -> shas.add(s.asText()));
      assertEquals(commitShasByPr.get(pr.get("id").asText()), shas, "commit_shas of " + pr);
      assertTrue(pr.get("identifier").asText().endsWith("#" + pr.get("number").asInt()), pr.toString());
    }
    for (String model : new String[] {"sourcecode.PullRequestReview", "sourcecode.PullRequestComment"}) {
      for (JsonNode o : result.objects(model)) {
        assertTrue(prIds.contains(o.get("pull_request_id").asText()), o.toString());
        assertTrue(userRefs.contains(o.get("user_ref_id").asText()), o.toString());
      }
    }
  }

  private Set<String> refIds(String model, String field) {
    Set<String> out = new HashSet<>();
    result.objects(model).forEach(o -> out.add(o.get(field).asText()));
    return out;
  }

  @Test
  void pullRequestStatesAreConsistentWithTheirDates() {
    Set<String> states = new TreeSet<>();
    for (JsonNode pr : result.objects("sourcecode.PullRequest")) {
      String state = pr.get("state").asText();
      states.add(state);
      assertEquals(state.equals("merged"), pr.has("merged_date") && pr.has("merge_sha") && pr.has("merged_by_ref_id"),
          pr.toString());
      assertEquals(state.equals("closed"), pr.has("closed_date"), pr.toString());
      assertTrue(pr.get("updated_date").get("epoch").asLong() > pr.get("created_date").get("epoch").asLong());
    }
    assertTrue(states.contains("merged") && states.contains("open"), "a realistic mix of states: " + states);
  }

  @Test
  void sameConfigGivesTheSameObjectsInAFreshPlugin() {
    try (IntegrationHarness other = IntegrationHarness.start(new MockIntegration(), "mock")) {
      IntegrationHarness.Result again = other.export(CONFIG);
      for (RecordingAgent.Recorded s : result.sessions()) {
        assertEquals(s.objects(), again.session(s.key).objects(), "objects of " + s.key);
      }
    }
  }

  @Test
  void seedChangesRefIdsAndIds() {
    try (IntegrationHarness other = IntegrationHarness.start(new MockIntegration(), "mock")) {
      IntegrationHarness.Result seeded = other.export(CONFIG.replace("}", ",\"seed\":\"other\"}"));
      assertEquals(result.counts(), seeded.counts());
      Set<String> ids = refIds("sourcecode.PullRequest", "id");
      for (JsonNode pr : seeded.objects("sourcecode.PullRequest")) {
        assertFalse(ids.contains(pr.get("id").asText()), "same id under another seed: " + pr);
      }
    }
  }

  @Test
  void reportsProgressOfOrganizationsAndRepos() {
    for (RecordingAgent.Recorded s : result.sessions()) {
      if (s.isModel()) {
        continue;
      }
      List<long[]> progress = s.progress();
      assertFalse(progress.isEmpty(), "no progress for " + s.key);
      long total = s.name.equals("organization") ? REPOS : PRS;
      assertArrayEquals(new long[] {total, total}, progress.get(progress.size() - 1), "final progress of " + s.key);
    }
  }
}
