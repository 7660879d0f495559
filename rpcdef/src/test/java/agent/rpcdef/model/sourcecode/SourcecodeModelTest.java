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
    return PullRequest.of("cust", "github", "PR_1", "repo-id", title, "Fixes the retry queue.",
        "https://github.com/acme/api/pull/12", "acme/api#12", 12, PullRequest.State.OPEN, "U_1", CREATED, UPDATED,
        null, null, null, null, "fix/retry", "main", List.of("a".repeat(40)));
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
    PullRequest otherRepo = PullRequest.of("cust", "github", "PR_1", "other-repo", "Fix retry", null, null, null, 12,
        PullRequest.State.OPEN, null, CREATED, UPDATED, null, null, null, null, null, null, null);
    assertNotEquals(pr.id(), otherRepo.id(), "the parent's id is part of the id");
    Repo repo = Repo.of("cust", "github", "R_1", "acme/api", null, null, null, true, "main", CREATED, UPDATED);
    assertEquals(Ids.of("cust", "github", "R_1"), repo.id());
  }

  @Test
  void hashcodeFollowsContentAndIsKeptWhenGiven() {
    PullRequest pr = openPr("Fix retry");
    assertEquals(16, pr.hashcode().length());
    assertEquals(openPr("Fix retry").hashcode(), pr.hashcode());
    assertNotEquals(openPr("Fix retry queue").hashcode(), pr.hashcode());

    PullRequestComment c1 = PullRequestComment.of("cust", "github", "C_1", pr.id(), "repo-id", "LGTM", "U_1",
        CREATED, CREATED, null);
    PullRequestComment edited = PullRequestComment.of("cust", "github", "C_1", pr.id(), "repo-id", "LGTM", "U_1",
        CREATED, UPDATED, null);
    assertEquals(c1.id(), edited.id());
    assertNotEquals(c1.hashcode(), edited.hashcode(), "a changed date changes the hashcode");

    User given = new User("my-id", "U_1", "github", "cust", "my-hash", "Ada", "ada", null, null, User.Type.HUMAN, true);
    assertEquals("my-id", given.id());
    assertEquals("my-hash", given.hashcode());
  }

  @Test
  void serializesSnakeCaseInComponentOrderAndLeavesOutNulls() throws Exception {
    JsonNode n = json(openPr("Fix retry"));
    assertEquals(List.of("id", "ref_id", "ref_type", "customer_id", "hashcode", "repo_id", "title", "description",
        "url", "identifier", "number", "state", "created_by_ref_id", "created_date", "updated_date", "branch_name",
        "base_branch_name", "commit_shas"), fieldNames(n));
    assertEquals("open", n.get("state").asText());
    assertEquals(120, n.get("updated_date").get("offset").asInt());
    assertEquals("2024-03-02T12:00:00+02:00", n.get("updated_date").get("rfc3339").asText());

    JsonNode review = json(PullRequestReview.of("cust", "github", "RV_1", "pr-id", "repo-id",
        PullRequestReview.State.CHANGES_REQUESTED, "U_2", CREATED, null));
    assertEquals("changes_requested", review.get("state").asText());
    assertFalse(review.has("url"));

    JsonNode user = json(User.of("cust", "github", "U_3", "Build Bot", "build-bot", null, "https://x/a.png",
        User.Type.BOT, false));
    assertEquals("bot", user.get("type").asText());
    assertEquals("https://x/a.png", user.get("avatar_url").asText());
    assertFalse(user.get("member").asBoolean());
  }

  @Test
  void roundTripsThroughJson() throws Exception {
    PullRequest pr = openPr("Fix retry");
    assertEquals(pr, Json.mapper().readValue(Json.bytes(pr), PullRequest.class));
    PullRequestCommit commit = PullRequestCommit.of("cust", "git", pr.id(), "repo-id", "b".repeat(40), "Fix it",
        "U_1", "U_2", UPDATED, 10, 2);
    assertEquals(commit.sha(), commit.refId());
    assertEquals(commit, Json.mapper().readValue(Json.bytes(commit), PullRequestCommit.class));
  }

  @Test
  void commitShasAreAnImmutableCopyAndNeverNull() {
    List<String> shas = new ArrayList<>(List.of("c".repeat(40)));
    PullRequest pr = PullRequest.of("cust", "github", "PR_2", "repo-id", "t", null, null, null, 2,
        PullRequest.State.MERGED, null, CREATED, UPDATED, UPDATED, null, "U_1", "d".repeat(40), null, null, shas);
    shas.add("e".repeat(40));
    assertEquals(1, pr.commitShas().size());
    assertThrows(UnsupportedOperationException.class, () -> pr.commitShas().add("x"));
    PullRequest none = PullRequest.of("cust", "github", "PR_3", "repo-id", "t", null, null, null, 3,
        PullRequest.State.OPEN, null, CREATED, UPDATED, null, null, null, null, null, null, null);
    assertTrue(none.commitShas().isEmpty());
  }

  @Test
  void refusesObjectsWithoutIdentity() {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> Repo.of("cust", "github", null, "acme/api", null, null, null, true, "main", CREATED, UPDATED));
    assertEquals("sourcecode.Repo needs a ref_id", e.getMessage());
    assertThrows(NullPointerException.class, () -> PullRequestReview.of("cust", "github", "RV_1", null, "repo-id",
        PullRequestReview.State.APPROVED, "U_1", CREATED, null));
  }
}
