package agent.rpcdef.model.sourcecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.Json;
import agent.rpcdef.model.Date;
import agent.rpcdef.model.Ids;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourcecodeModelTest {
  private static final Date CREATED = Date.of(Instant.parse("2024-03-01T10:00:00Z"));
  private static final Date UPDATED = Date.ofEpochMillis(Instant.parse("2024-03-02T10:00:00Z").toEpochMilli(), 120);

  private static PullRequest openPr(String title) {
    return pr("PR_1").title(title).description("Fixes the retry queue.").url("https://github.com/acme/api/pull/12")
        .identifier("acme/api#12").number(12).createdByRefId("U_1").branchName("fix/retry").baseBranchName("main")
        .commitShas(List.of("a".repeat(40))).build();
  }

  /** An open pull request of repo-id with nothing but its identity and dates. */
  private static PullRequestBuilder pr(String refId) {
    return PullRequest.builder().customerId("cust").refType("github").refId(refId).repoId("repo-id")
        .state(PullRequest.State.OPEN).createdDate(CREATED).updatedDate(UPDATED);
  }

  private static PullRequestReviewBuilder review(String refId) {
    return PullRequestReview.builder().customerId("cust").refType("github").refId(refId).pullRequestId("pr-id")
        .repoId("repo-id").createdDate(CREATED);
  }

  private static JsonNode json(Object o) throws Exception {
    return Json.mapper().readTree(Json.bytes(o));
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }

  @Test
  void idIsDerivedFromCustomerRefTypeRefIdAndParent() {
    PullRequest pr = openPr("Fix retry");
    assertEquals(Ids.of("cust", "github", "PR_1", "repo-id"), pr.id());
    assertEquals(openPr("another title").id(), pr.id(), "the id must not depend on content");
    PullRequest otherRepo = pr("PR_1").repoId("other-repo").title("Fix retry").number(12).build();
    assertNotEquals(pr.id(), otherRepo.id(), "the parent's id is part of the id");
    Repo repo = Repo.builder().customerId("cust").refType("github").refId("R_1").name("acme/api").active(true)
        .defaultBranch("main").createdDate(CREATED).updatedDate(UPDATED).build();
    assertEquals(Ids.of("cust", "github", "R_1"), repo.id());
  }

  @Test
  void hashcodeFollowsContentAndIdIsKeptWhenGiven() {
    PullRequest pr = openPr("Fix retry");
    assertEquals(16, pr.hashcode().length());
    assertEquals(openPr("Fix retry").hashcode(), pr.hashcode());
    assertNotEquals(openPr("Fix retry queue").hashcode(), pr.hashcode());

    PullRequestComment c1 = PullRequestComment.builder().customerId("cust").refType("github").refId("C_1")
        .pullRequestId(pr.id()).repoId("repo-id").body("LGTM").userRefId("U_1").createdDate(CREATED)
        .updatedDate(CREATED).build();
    PullRequestComment edited = PullRequestCommentBuilder.builder(c1).updatedDate(UPDATED).build();
    assertEquals(c1.id(), edited.id());
    assertNotEquals(c1.hashcode(), edited.hashcode(), "a changed date changes the hashcode");

    User given = User.builder().id("my-id").refId("U_1").refType("github").customerId("cust").name("Ada")
        .username("ada").type(User.Type.HUMAN).member(true).build();
    assertEquals("my-id", given.id());
    assertEquals(UserBuilder.builder(given).id(null).build().hashcode(), given.hashcode(), "the id is no content");
  }

  @Test
  void serializesSnakeCaseInComponentOrderAndLeavesOutNulls() throws Exception {
    JsonNode n = json(openPr("Fix retry"));
    assertEquals(List.of("id", "ref_id", "ref_type", "customer_id", "hashcode", "repo_id", "title", "description",
        "url", "identifier", "number", "state", "draft", "locked", "created_by_ref_id", "created_date", "updated_date", "branch_name",
        "base_branch_name", "commit_shas"), fieldNames(n));
    assertEquals("open", n.get("state").asText());
    assertEquals(120, n.get("updated_date").get("offset").asInt());
    assertEquals("2024-03-02T12:00:00+02:00", n.get("updated_date").get("rfc3339").asText());

    JsonNode review = json(review("RV_1").state(PullRequestReview.State.CHANGES_REQUESTED).userRefId("U_2").build());
    assertEquals("changes_requested", review.get("state").asText());
    assertFalse(review.has("url"));

    JsonNode user = json(User.builder().customerId("cust").refType("github").refId("U_3").name("Build Bot")
        .username("build-bot").avatarUrl("https://x/a.png").type(User.Type.BOT).member(false).build());
    assertEquals("bot", user.get("type").asText());
    assertEquals("https://x/a.png", user.get("avatar_url").asText());
    assertFalse(user.get("member").asBoolean());
  }

  @Test
  void roundTripsThroughJson() throws Exception {
    PullRequest pr = openPr("Fix retry");
    assertEquals(pr, Json.mapper().readValue(Json.bytes(pr), PullRequest.class));
    String sha = "b".repeat(40);
    PullRequestCommit commit = PullRequestCommit.builder().customerId("cust").refType("git").refId(sha)
        .pullRequestId(pr.id()).repoId("repo-id").sha(sha).message("Fix it").authorRefId("U_1").committerRefId("U_2")
        .createdDate(UPDATED).additions(10).deletions(2).build();
    assertEquals(commit.sha(), commit.refId());
    assertEquals(commit, Json.mapper().readValue(Json.bytes(commit), PullRequestCommit.class));
  }

  @Test
  void commitShasAreAnImmutableCopyAndNeverNull() {
    List<String> shas = new ArrayList<>(List.of("c".repeat(40)));
    PullRequest pr = pr("PR_2").title("t").number(2).state(PullRequest.State.MERGED).mergedDate(UPDATED)
        .mergedByRefId("U_1").mergeSha("d".repeat(40)).commitShas(shas).build();
    shas.add("e".repeat(40));
    assertEquals(1, pr.commitShas().size());
    assertThrows(UnsupportedOperationException.class, () -> pr.commitShas().add("x"));
    PullRequest none = pr("PR_3").title("t").number(3).build();
    assertTrue(none.commitShas().isEmpty());
  }

  @Test
  void refusesObjectsWithoutIdentity() {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> Repo.builder().customerId("cust").refType("github").name("acme/api").build());
    assertEquals("sourcecode.Repo needs a ref_id", e.getMessage());
    e = assertThrows(NullPointerException.class, () -> review("RV_1").pullRequestId(null).build());
    assertEquals("sourcecode.PullRequestReview needs a pull_request_id", e.getMessage());
  }
}
