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

class GitModelTest {
  private static final String SHA = "a".repeat(40);
  private static final String PARENT = "b".repeat(40);
  private static final Date AUTHORED = Date.ofEpochMillis(Instant.parse("2024-03-01T10:00:00Z").toEpochMilli(), -300);

  private static CommitFile file(String name, int additions, boolean excluded) {
    return new CommitFile(name, CommitFile.Status.MODIFIED, false, null, null, additions, 1, false, "Java", 120,
        excluded, excluded ? "vendored" : null);
  }

  private static Commit commit(List<CommitFile> files) {
    Commit.Signature ada = new Commit.Signature("Ada", "ada@example.com", AUTHORED);
    return Commit.of("cust", "git", "repo-id", SHA, "Fix it\n", null, ada, ada, List.of(PARENT), 7, files);
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
  void commitIdIsDerivedFromCustomerRefTypeShaAndRepo() {
    Commit c = commit(List.of(file("A.java", 3, false)));
    assertEquals(SHA, c.refId());
    assertEquals(Ids.of("cust", "git", SHA, "repo-id"), c.id());
    assertEquals(c.id(), commit(List.of()).id(), "the id must not depend on content");
  }

  @Test
  void commitTotalsLeaveOutExcludedFilesButCountThem() {
    Commit c = commit(List.of(file("A.java", 3, false), file("vendor/x/B.java", 50, true)));
    assertEquals(3, c.additions());
    assertEquals(1, c.deletions());
    assertEquals(2, c.filesChanged());
  }

  @Test
  void commitHashcodeFollowsEveryFileField() {
    Commit c = commit(List.of(file("A.java", 3, false)));
    assertEquals(c.hashcode(), commit(List.of(file("A.java", 3, false))).hashcode());
    assertNotEquals(c.hashcode(), commit(List.of(file("A.java", 4, false))).hashcode());
    CommitFile other = new CommitFile("A.java", CommitFile.Status.MODIFIED, false, null, null, 3, 1, false, "Kotlin",
        120, false, null);
    assertNotEquals(c.hashcode(), commit(List.of(other)).hashcode(), "a file's language is content");
  }

  @Test
  void commitSerializesSnakeCaseWithNestedSignaturesAndFiles() throws Exception {
    CommitFile renamed = new CommitFile("b d.txt", CommitFile.Status.MODIFIED, true, "a.txt", "b d.txt", 0, 0, true,
        null, 9, false, null);
    JsonNode n = json(commit(List.of(renamed)));
    assertEquals(List.of("id", "ref_id", "ref_type", "customer_id", "hashcode", "repo_id", "sha", "message", "author",
        "committer", "parents", "ordinal", "additions", "deletions", "files_changed", "files"), fieldNames(n));
    assertEquals(-300, n.get("author").get("date").get("offset").asInt());
    assertEquals("2024-03-01T05:00:00-05:00", n.get("author").get("date").get("rfc3339").asText());
    JsonNode f = n.get("files").get(0);
    assertEquals(List.of("filename", "status", "renamed", "renamed_from", "renamed_to", "additions", "deletions",
        "binary", "size", "excluded"), fieldNames(f));
    assertEquals("modified", f.get("status").asText());
  }

  @Test
  void branchSerializesDefaultAndRoundTrips() throws Exception {
    Branch b = Branch.of("cust", "git", "repo-id", "fix/retry", null, false, true, SHA, List.of(SHA), SHA,
        List.of(PARENT), 0, 4, SHA);
    assertEquals(Ids.of("cust", "git", "fix/retry", "repo-id"), b.id());
    JsonNode n = json(b);
    assertFalse(n.get("default").asBoolean());
    assertFalse(n.has("is_default"));
    assertTrue(n.get("merged").asBoolean());
    assertEquals(b, Json.mapper().readValue(Json.bytes(b), Branch.class));
    Branch behind = Branch.of("cust", "git", "repo-id", "fix/retry", null, false, true, SHA, List.of(SHA), SHA,
        List.of(PARENT), 0, 5, SHA);
    assertNotEquals(b.hashcode(), behind.hashcode());
    assertFalse(n.has("pull_request_id"), "absent for an ordinary branch");
  }

  @Test
  void pullRequestBranchIsLinkedToItsPullRequestAndHasItsOwnId() throws Exception {
    Branch pr = Branch.ofPullRequest("cust", "github", "repo-id", "pr-id", "7", "fix/retry", null, false, null,
        List.of(SHA), SHA, List.of(PARENT), 1, 0, SHA);
    Branch plain = Branch.of("cust", "github", "repo-id", "fix/retry", null, false, false, null, List.of(SHA), SHA,
        List.of(PARENT), 1, 0, SHA);
    JsonNode n = json(pr);
    assertEquals("pr-id", n.get("pull_request_id").asText());
    assertEquals("fix/retry", n.get("name").asText());
    assertEquals("pull/7", pr.refId());
    assertNotEquals(plain.id(), pr.id(), "never shares its id with the branch of the same name");
    assertEquals(pr, Json.mapper().readValue(Json.bytes(pr), Branch.class));
    Branch otherPr = Branch.ofPullRequest("cust", "github", "repo-id", "pr-id-2", "7", "fix/retry", null, false,
        null, List.of(SHA), SHA, List.of(PARENT), 1, 0, SHA);
    assertNotEquals(pr.hashcode(), otherPr.hashcode(), "the pull request id is content");
  }

  @Test
  void commitRoundTripsThroughJson() throws Exception {
    Commit c = commit(List.of(file("A.java", 3, false)));
    assertEquals(c, Json.mapper().readValue(Json.bytes(c), Commit.class));
  }

  @Test
  void refusesObjectsWithoutIdentity() {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> Commit.of("cust", "git", null, SHA, "m", null, null, null, List.of(), 1, List.of()));
    assertEquals("sourcecode.Commit needs a repo_id", e.getMessage());
    assertThrows(NullPointerException.class,
        () -> Branch.of("cust", "git", "repo-id", null, null, false, false, null, null, null, null, 0, 0, null));
  }
}
