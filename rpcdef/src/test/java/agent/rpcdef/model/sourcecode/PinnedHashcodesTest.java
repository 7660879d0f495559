package agent.rpcdef.model.sourcecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.Json;
import agent.rpcdef.model.Date;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every customer's stored hashcodes depend on these values: a change of the encoding would make a
 * receiver see every object as changed. The examples of {@code _docs/exported_data.md} are real
 * exported lines; each is read back without its {@code id} and {@code hashcode}, and both must come
 * out as documented.
 */
class PinnedHashcodesTest {
  private static final Path DOC = Path.of("..", "_docs", "exported_data.md");
  private static final Map<String, Class<?>> MODELS = Map.of(
      User.MODEL, User.class,
      Repo.MODEL, Repo.class,
      PullRequest.MODEL, PullRequest.class,
      PullRequestReview.MODEL, PullRequestReview.class,
      PullRequestComment.MODEL, PullRequestComment.class,
      PullRequestCommit.MODEL, PullRequestCommit.class,
      Commit.MODEL, Commit.class,
      Branch.MODEL, Branch.class);

  /** The documented example lines, each after the heading of its model. */
  private static List<Map.Entry<String, String>> documentedExamples() throws Exception {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    String model = null;
    boolean inJson = false;
    for (String line : Files.readAllLines(DOC)) {
      if (line.startsWith("## ")) {
        model = line.substring(3).trim();
      } else if (line.equals("```json")) {
        inJson = true;
      } else if (line.startsWith("```")) {
        inJson = false;
      } else if (inJson && MODELS.containsKey(model)) {
        out.add(Map.entry(model, line));
      }
    }
    return out;
  }

  @Test
  void documentedExamplesKeepTheirIdsAndHashcodes() throws Exception {
    List<Map.Entry<String, String>> examples = documentedExamples();
    assertEquals(MODELS.keySet(), examples.stream().map(Map.Entry::getKey).collect(java.util.stream.Collectors.toSet()),
        "every model has an example");
    for (Map.Entry<String, String> e : examples) {
      ObjectNode doc = (ObjectNode) Json.mapper().readTree(e.getValue());
      ObjectNode bare = doc.deepCopy();
      bare.remove("id");
      bare.remove("hashcode");
      Object rebuilt = Json.mapper().treeToValue(bare, MODELS.get(e.getKey()));
      ObjectNode again = (ObjectNode) Json.mapper().readTree(Json.bytes(rebuilt));
      assertEquals(doc.get("id"), again.get("id"), e.getKey());
      assertEquals(doc.get("hashcode"), again.get("hashcode"), e.getKey());
      assertEquals(doc, again, e.getKey() + " writes back as documented");
    }
    assertTrue(examples.size() >= MODELS.size());
  }

  /** What the examples do not show: absent nested records, nulls, renames, a pull request's branch. */
  @Test
  void edgeCasesKeepTheirHashcodes() {
    Date when = Date.ofEpochMillis(1672653600000L, -330);
    CommitFile renamed = new CommitFile("b d.txt", CommitFile.Status.MODIFIED, true, "a.txt", "b d.txt", 0, 0, true,
        null, 9, false, null);
    CommitFile removed = new CommitFile("vendor/ü.go", CommitFile.Status.REMOVED, false, null, null, 0, 12, false, "Go",
        400, true, "vendored (vendor/)");
    Commit noSignatures = Commit.of("c", "git", "r", "a".repeat(40), "", null, null, null, List.of(), 1,
        List.of(renamed, removed));
    Commit oneSignature = Commit.of("c", "git", "r", "a".repeat(40), "m\n", "u",
        new Commit.Signature(null, "x@y", when), new Commit.Signature("X", null, null), List.of("b", "c"), 3, List.of());
    Branch pr = Branch.ofPullRequest("c", "github", "r", "pr", "7", "fix", null, true, "m", List.of("s1", "s2"), "s1",
        List.of(), 2, 0, "s2");
    User user = User.of("c", "github", "U", null, null, null, null, null, false);
    PullRequestReview review = PullRequestReview.of("c", "github", "RV", "pr", null, null, null, null, null);
    PullRequest bare = PullRequest.of("c", "github", "PR", "r", null, null, null, null, 0, null, null, null, null, null,
        null, null, null, null, null, null);
    List<String> actual = List.of(noSignatures.hashcode(), oneSignature.hashcode(), pr.hashcode(), user.hashcode(),
        review.hashcode(), bare.hashcode(), renamed.contentHash());
    assertEquals(List.of("d1a655dbf514762d", "ae79b91e9340e90f", "e8cba85217c732bf", "083be678ad64a1d4",
        "12a556bbe635a278", "23d32c20c70ed083", "2d2be4049a91a8c0"), actual);
  }
}
