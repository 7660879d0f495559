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
    return CommitFile.builder().filename(name).status(CommitFile.Status.MODIFIED).additions(additions).deletions(1)
        .language("Java").size(120).excluded(excluded).excludedReason(excluded ? "vendored" : null).build();
  }

  private static Commit commit(List<CommitFile> files) {
    Commit.Signature ada = Commit.Signature.builder().name("Ada").email("ada@example.com").date(AUTHORED).build();
    return Commit.builder(files).customerId("cust").refType("git").refId(SHA).repoId("repo-id").sha(SHA)
        .message("Fix it\n").author(ada).committer(ada).parents(List.of(PARENT)).ordinal(7).build();
  }

  /** An ordinary branch named {@code name}, its ref id, with one own commit. */
  private static BranchBuilder branch(String name) {
    return Branch.builder().customerId("cust").refType("git").repoId("repo-id").refId(name).name(name)
        .commitShas(List.of(SHA)).firstCommitSha(SHA).branchedFromCommitShas(List.of(PARENT)).tipSha(SHA);
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
    CommitFile other = CommitFileBuilder.builder(file("A.java", 3, false)).language("Kotlin").build();
    assertNotEquals(c.hashcode(), commit(List.of(other)).hashcode(), "a file's language is content");
  }

  @Test
  void commitSerializesSnakeCaseWithNestedSignaturesAndFiles() throws Exception {
    CommitFile renamed = CommitFile.builder().filename("b d.txt").status(CommitFile.Status.MODIFIED).renamed(true)
        .renamedFrom("a.txt").renamedTo("b d.txt").binary(true).size(9).build();
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
  void blameLinesSharingInstancesSerializeAndHashAsDistinctEqualOnes() throws Exception {
    Blame.Line code = new Blame.Line(SHA, AUTHORED, "ada@example.com", true, false, false);
    Blame.Line blank = new Blame.Line(PARENT, AUTHORED, null, false, false, true);
    List<Blame.Line> shared = new ArrayList<>();
    List<Blame.Line> distinct = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Blame.Line l = i % 3 == 0 ? blank : code;
      shared.add(l);
      distinct.add(new Blame.Line(l.sha(), l.date(), l.authorRefId(), l.code(), l.comment(), l.blank()));
    }
    Blame a = blame(shared);
    Blame b = blame(distinct);
    assertEquals(new String(Json.bytes(b)), new String(Json.bytes(a)));
    assertEquals(b.hashcode(), a.hashcode());
    JsonNode n = json(a);
    assertEquals(SHA + ":src/a.py", n.get("ref_id").asText());
    assertEquals(List.of("sha", "date", "author_ref_id", "code", "comment", "blank"),
        fieldNames(n.get("lines").get(1)));
    assertEquals(List.of("sha", "date", "code", "comment", "blank"), fieldNames(n.get("lines").get(0)),
        "a null author is left out, as any null");
    assertEquals(a, Json.mapper().readValue(Json.bytes(a), Blame.class));
    List<Blame.Line> changed = new ArrayList<>(shared);
    changed.set(7, blank);
    assertNotEquals(a.hashcode(), blame(changed).hashcode(), "one line's origin changes the hashcode");
  }

  private static Blame blame(List<Blame.Line> lines) {
    return Blame.builder().customerId("cust").refType("git").refId(Blame.refId(SHA, "src/a.py")).repoId("repo-id")
        .commitId(Ids.of("cust", "git", SHA, "repo-id")).sha(SHA).filename("src/a.py")
        .status(CommitFile.Status.MODIFIED).language("Python").size(40).loc(20).changeDate(AUTHORED).lines(lines)
        .build();
  }

  @Test
  void branchSerializesDefaultAndRoundTrips() throws Exception {
    Branch b = branch("fix/retry").merged(true).mergeCommitSha(SHA).behindDefaultCount(4).build();
    assertEquals(Ids.of("cust", "git", "fix/retry", "repo-id"), b.id());
    JsonNode n = json(b);
    assertFalse(n.get("default").asBoolean());
    assertFalse(n.has("is_default"));
    assertTrue(n.get("merged").asBoolean());
    assertEquals(b, Json.mapper().readValue(Json.bytes(b), Branch.class));
    Branch behind = BranchBuilder.builder(b).behindDefaultCount(5).build();
    assertNotEquals(b.hashcode(), behind.hashcode());
    assertFalse(n.has("pull_request_id"), "absent for an ordinary branch");
  }

  @Test
  void pullRequestBranchIsLinkedToItsPullRequestAndHasItsOwnId() throws Exception {
    Branch pr = branch("fix/retry").refId(Branch.pullRequestRefId("7")).pullRequestId("pr-id").aheadDefaultCount(1)
        .build();
    Branch plain = branch("fix/retry").aheadDefaultCount(1).build();
    JsonNode n = json(pr);
    assertEquals("pr-id", n.get("pull_request_id").asText());
    assertEquals("fix/retry", n.get("name").asText());
    assertEquals("pull/7", pr.refId());
    assertNotEquals(plain.id(), pr.id(), "never shares its id with the branch of the same name");
    assertEquals(pr, Json.mapper().readValue(Json.bytes(pr), Branch.class));
    Branch otherPr = BranchBuilder.builder(pr).pullRequestId("pr-id-2").build();
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
        () -> Commit.builder(List.of()).customerId("cust").refType("git").refId(SHA).sha(SHA).build());
    assertEquals("sourcecode.Commit needs a repo_id", e.getMessage());
    assertThrows(NullPointerException.class,
        () -> branch(null).build());
  }
}
