package agent.rpcdef.model.sourcecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.Json;
import agent.rpcdef.model.Date;
import agent.rpcdef.model.Hashcode;
import agent.rpcdef.model.work.Changelog;
import agent.rpcdef.model.work.Issue;
import agent.rpcdef.model.work.IssueComment;
import agent.rpcdef.model.work.IssueType;
import agent.rpcdef.model.work.Priority;
import agent.rpcdef.model.work.Project;
import agent.rpcdef.model.work.Resolution;
import agent.rpcdef.model.work.Sprint;
import agent.rpcdef.model.work.Status;
import agent.rpcdef.model.work.StatusCategory;
import agent.rpcdef.model.work.Worklog;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every customer's stored hashcodes depend on these values: a change of the encoding would make a
 * receiver see every object as changed. The examples of {@code _docs/exported_data.md} are real
 * exported lines; each is read back without its {@code id} and {@code hashcode}, and both must come
 * out as documented.
 */
class PinnedHashcodesTest {
  private static final Path DOC = Path.of("..", "_docs", "exported_data.md");
  private static final Map<String, Class<?>> MODELS = Map.ofEntries(
      Map.entry(User.MODEL, User.class),
      Map.entry(Repo.MODEL, Repo.class),
      Map.entry(PullRequest.MODEL, PullRequest.class),
      Map.entry(PullRequestReview.MODEL, PullRequestReview.class),
      Map.entry(PullRequestComment.MODEL, PullRequestComment.class),
      Map.entry(PullRequestCommit.MODEL, PullRequestCommit.class),
      Map.entry(Commit.MODEL, Commit.class),
      Map.entry(Branch.MODEL, Branch.class),
      Map.entry(Project.MODEL, Project.class),
      Map.entry(Issue.MODEL, Issue.class),
      Map.entry(Changelog.MODEL, Changelog.class),
      Map.entry(IssueComment.MODEL, IssueComment.class),
      Map.entry(Worklog.MODEL, Worklog.class),
      Map.entry(agent.rpcdef.model.work.User.MODEL, agent.rpcdef.model.work.User.class),
      Map.entry(Sprint.MODEL, Sprint.class),
      Map.entry(IssueType.MODEL, IssueType.class),
      Map.entry(Status.MODEL, Status.class),
      Map.entry(Priority.MODEL, Priority.class),
      Map.entry(Resolution.MODEL, Resolution.class));

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

  /**
   * The hash rule follows the order of the documented fields: each model's table lists every
   * component, in declaration order, with {@code hashcode} after {@code customer_id} (a commit's
   * table is followed by that of its files, an issue's by that of its custom fields).
   */
  @Test
  void everyComponentIsDocumentedInDeclarationOrder() throws Exception {
    Map<String, List<String>> documented = documentedFields();
    for (Map.Entry<String, Class<?>> m : MODELS.entrySet()) {
      List<String> expected = new ArrayList<>(fieldNames(m.getValue()));
      expected.add(expected.indexOf("customer_id") + 1, "hashcode");
      if (m.getValue() == Commit.class) {
        expected.addAll(fieldNames(CommitFile.class));
      }
      if (m.getValue() == Issue.class) {
        expected.addAll(fieldNames(Issue.CustomField.class));
      }
      assertEquals(expected, documented.get(m.getKey()), m.getKey());
    }
  }

  private static List<String> fieldNames(Class<?> record) {
    List<String> out = new ArrayList<>();
    for (RecordComponent c : record.getRecordComponents()) {
      JsonProperty renamed = c.getAccessor().getAnnotation(JsonProperty.class);
      out.add(renamed != null ? renamed.value() : c.getName().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT));
    }
    return out;
  }

  /** The field names of each model's tables, in order: the first column's {@code `names`}. */
  private static Map<String, List<String>> documentedFields() throws Exception {
    Map<String, List<String>> out = new HashMap<>();
    List<String> current = null;
    Pattern name = Pattern.compile("`([a-z0-9_]+)`");
    for (String line : Files.readAllLines(DOC)) {
      if (line.startsWith("## ")) {
        current = new ArrayList<>();
        out.put(line.substring(3).trim(), current);
      } else if (current != null && line.startsWith("| `")) {
        Matcher m = name.matcher(line.substring(0, line.indexOf(" |", 2)));
        while (m.find()) {
          current.add(m.group(1));
        }
      }
    }
    return out;
  }

  /** What the examples do not show: absent nested records, nulls, renames, a pull request's branch. */
  @Test
  void edgeCasesKeepTheirHashcodes() {
    Date when = Date.ofEpochMillis(1672653600000L, -330);
    CommitFile renamed = CommitFile.builder().filename("b d.txt").status(CommitFile.Status.MODIFIED).renamed(true)
        .renamedFrom("a.txt").renamedTo("b d.txt").binary(true).size(9).build();
    CommitFile removed = CommitFile.builder().filename("vendor/ü.go").status(CommitFile.Status.REMOVED).deletions(12)
        .language("Go").size(400).excluded(true).excludedReason("vendored (vendor/)").build();
    String sha = "a".repeat(40);
    Commit noSignatures = Commit.builder(List.of(renamed, removed)).customerId("c").refType("git").refId(sha)
        .repoId("r").sha(sha).message("").ordinal(1).build();
    Commit oneSignature = Commit.builder(List.of()).customerId("c").refType("git").refId(sha).repoId("r").sha(sha)
        .message("m\n").url("u").author(Commit.Signature.builder().email("x@y").date(when).build())
        .committer(Commit.Signature.builder().name("X").build()).parents(List.of("b", "c")).ordinal(3).build();
    Branch pr = Branch.builder().customerId("c").refType("github").repoId("r").refId(Branch.pullRequestRefId("7"))
        .pullRequestId("pr").name("fix").merged(true).mergeCommitSha("m").commitShas(List.of("s1", "s2"))
        .firstCommitSha("s1").aheadDefaultCount(2).tipSha("s2").build();
    User user = User.builder().customerId("c").refType("github").refId("U").build();
    PullRequestReview review = PullRequestReview.builder().customerId("c").refType("github").refId("RV")
        .pullRequestId("pr").build();
    PullRequest bare = PullRequest.builder().customerId("c").refType("github").refId("PR").repoId("r").build();
    List<String> actual = List.of(noSignatures.hashcode(), oneSignature.hashcode(), pr.hashcode(), user.hashcode(),
        review.hashcode(), bare.hashcode(), Hashcode.of(renamed));
    assertEquals(List.of("17c3c5c7cb361d66", "3e9d065d33a0a9e3", "e8cba85217c732bf", "083be678ad64a1d4",
        "12a556bbe635a278", "5aae125993c90d2d", "d36dc6ec9df43452"), actual);
  }

  /**
   * What the work examples do not show: an issue with nothing but its identity, fractional story
   * points, part of a time tracking, custom fields given out of order, and a change without an author.
   */
  @Test
  void workEdgeCasesKeepTheirHashcodes() {
    Issue bare = Issue.builder().customerId("c").refType("jira").refId("1").projectId("p").build();
    Issue.CustomField team = Issue.CustomField.builder().id("customfield_10050").name("Team").value("Payments").build();
    Issue.CustomField flagged = Issue.CustomField.builder().id("customfield_10021").name("Flagged").build();
    Issue partial = Issue.builder().customerId("c").refType("jira").refId("2").projectId("p")
        .statusCategory(StatusCategory.UNKNOWN).storyPoints(0.5)
        .timeTracking(Issue.TimeTracking.builder().timeSpentSeconds(5400L).build())
        .customFields(List.of(team, flagged)).tags(List.of("a", "b")).build();
    Issue big = Issue.builder().customerId("c").refType("jira").refId("3").projectId("p").storyPoints(1e7).build();
    Changelog anonymous = Changelog.builder().customerId("c").refType("jira").refId(Changelog.refIdOf("9", 2))
        .issueId("i").projectId("p").ordinal(1).field("Sprint").fieldType("custom").to("14").build();
    agent.rpcdef.model.work.User app = agent.rpcdef.model.work.User.builder().customerId("c").refType("jira")
        .refId("557058:app").name("Automation for Jira").active(true).type(agent.rpcdef.model.work.User.Type.APP)
        .build();
    IssueType serverType = IssueType.builder().customerId("c").refType("jira").refId("5").name("Sub-task")
        .subtask(true).build();
    List<String> actual = List.of(bare.hashcode(), partial.hashcode(), big.hashcode(), anonymous.hashcode(),
        app.hashcode(), serverType.hashcode(), Hashcode.of(team));
    // Checked by hand against the documented rules: partial, big and the custom field.
    assertEquals(List.of("ca62993b716443f7", "24323464d4b8e3ee", "e765f9506ad56c94", "913230318b8a8b1b",
        "0b375ecd30c67d60", "b590f2d990939dee", "9190b43eed212288"), actual);
  }
}
