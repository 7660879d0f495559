package agent.cmd.it;

import static agent.cmd.it.ExportDir.assertCount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.integrations.jira.fake.FakeJira;
import agent.integrations.jira.fake.JiraData;
import agent.integrations.jira.fake.JiraFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code bin/agent export} with the packaged jira-cloud and jira-hosted plugins against the fake Jira
 * on loopback ({@link JiraFixtures#small}): Cloud with an e-mail and API token, Server below the
 * context path {@code /jira} with a personal access token. Everything first, then one issue gets a
 * comment and only it (and the overlap before the previous token) is exported again, with all its
 * comments. And {@code validate-config} with a right and a wrong token.
 */
class JiraExportIT {
  static final Duration TIMEOUT = Duration.ofMinutes(1);
  static final String USER = "ann@example.com";
  /** Distinctive, so that finding them anywhere is a leak and nothing else. */
  static final String API_TOKEN = "ATATT3xIT7cloudTokenNeverInOutput0123456789";
  static final String PAT = "NjIT7serverPatNeverInOutput0123456789abcdef";
  /** The search starts this long before the token, and JQL drops the seconds: up to a minute more. */
  static final Duration OVERLAP = Duration.ofMinutes(2).plus(Duration.ofMinutes(1));

  @TempDir Path tmp;
  Path root;
  FakeJira jira;

  @AfterEach
  void stop() {
    if (jira != null) {
      jira.close();
    }
  }

  private static String name(FakeJira.Flavor flavor) {
    return flavor == FakeJira.Flavor.CLOUD ? "jira-cloud" : "jira-hosted";
  }

  private static String secret(FakeJira.Flavor flavor) {
    return flavor == FakeJira.Flavor.CLOUD ? API_TOKEN : PAT;
  }

  private void start(FakeJira.Flavor flavor) {
    JiraData data = JiraFixtures.small(flavor);
    jira = flavor == FakeJira.Flavor.CLOUD ? FakeJira.cloud(data).requireBasic(USER, API_TOKEN)
        : FakeJira.server(data).withContextPath("/jira").requireBearer(PAT);
    root = tmp.resolve("root");
  }

  /** The integrations file, mode 600 as a file holding a secret should be. */
  private Path integrationsFile(String file, FakeJira.Flavor flavor, String token) throws IOException {
    String creds = flavor == FakeJira.Flavor.CLOUD ? "\"username\":\"" + USER + "\",\"api_token\":\"" + token + "\""
        : "\"personal_access_token\":\"" + token + "\"";
    Path f = tmp.resolve(file);
    Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(f, "[{\"name\":\"" + name(flavor) + "\",\"config\":{\"url\":\"" + jira.url() + "\"," + creds + "}}]");
    return f;
  }

  @ParameterizedTest
  @EnumSource(FakeJira.Flavor.class)
  void exportsEveryIssueWithAllItsChildrenThenOnlyWhatChanged(FakeJira.Flavor flavor) throws Exception {
    start(flavor);
    assertTrue(flavor == FakeJira.Flavor.CLOUD || jira.url().endsWith("/jira"), jira.url());
    Path integrations = integrationsFile("integrations.json", flavor, secret(flavor));
    String id = name(flavor);

    // -- the first export: everything.
    Dist.Result first = export(integrations);
    assertEquals(0, first.exit(), first.all());
    Map<String, List<JsonNode>> objects = ExportDir.objects(ExportDir.latest(root), id);
    Map<String, Integer> counts = ExportDir.counts(objects);
    assertCount(counts, "work.Project", 2);
    assertEquals(Set.of("ENG", "OPS"), field(objects.get("work.Project"), "identifier"), "SEC cannot be browsed");
    assertCount(counts, "work.Issue", 9);
    Map<String, JsonNode> issues = byKey(objects.get("work.Issue"));
    assertEquals(Set.of("ENG-1", "ENG-2", "ENG-3", "ENG-4", "ENG-5", "ENG-6", "ENG-7", "ENG-8", "OPS-1"), issues.keySet());
    assertEquals(130, countOf(objects.get("work.Changelog"), issues.get("ENG-4")), "past the 100 histories a search embeds");
    assertEquals(25, countOf(objects.get("work.IssueComment"), issues.get("ENG-5")), "past the 20 comments embedded");
    assertEquals(22, countOf(objects.get("work.Worklog"), issues.get("ENG-6")), "past the 20 worklogs embedded");
    assertCount(counts, "work.Sprint", 3);
    assertTrue(counts.getOrDefault("work.User", 0) >= 4, counts.toString());
    assertCount(counts, "work.IssueType", 5);
    assertCount(counts, "work.Status", 4);
    assertCount(counts, "work.Priority", 5);
    assertCount(counts, "work.Resolution", 3);

    JsonNode checkpoints = ExportDir.checkpoints(root);
    for (String project : List.of("ENG", "OPS")) {
      String key = id + "/project/" + project + "/work.Issue";
      assertTrue(checkpoints.has(key), key + " in " + checkpoints);
    }
    assertNoSecret(flavor, first);

    // -- a change: ENG-5 gets a comment, which moves its updated past every other issue's.
    List<JiraData.Issue> all = jira.data().issues();
    Map<String, Instant> tokens = all.stream().collect(Collectors.toMap(JiraData.Issue::project, JiraData.Issue::updated,
        (a, b) -> a.isAfter(b) ? a : b));
    Set<String> expected = new HashSet<>(Set.of("ENG-5"));
    all.stream().filter(i -> !i.updated().isBefore(tokens.get(i.project()).minus(OVERLAP))).map(JiraData.Issue::key)
        .forEach(expected::add);
    assertEquals(Set.of("ENG-5", "ENG-8", "OPS-1"), expected, "the fixture: each project's newest issue is in the overlap");
    JiraData.Issue talk = jira.data().issue("ENG-5").orElseThrow();
    Instant later = tokens.values().stream().max(Instant::compareTo).orElseThrow().plus(Duration.ofDays(1));
    talk.comments().add(new JiraData.Comment("49999", JiraFixtures.BOB, "One more", later, later));
    talk.set("updated", later);
    jira.reset();

    Dist.Result second = export(integrations);
    assertEquals(0, second.exit(), second.all());
    assertEquals(2, ExportDir.exports(root).size());
    Map<String, List<JsonNode>> next = ExportDir.objects(ExportDir.latest(root), id);
    Map<String, JsonNode> nextIssues = byKey(next.get("work.Issue"));
    assertEquals(expected, nextIssues.keySet(), "the changed issue and the overlap before each project's token");
    JsonNode changed = nextIssues.get("ENG-5");
    assertEquals(issues.get("ENG-5").path("id").asText(), changed.path("id").asText());
    List<JsonNode> comments = next.get("work.IssueComment");
    assertEquals(26, countOf(comments, changed), "every comment of the changed issue, the new one too");
    Set<String> exportedIds = nextIssues.values().stream().map(i -> i.path("id").asText()).collect(Collectors.toSet());
    for (String model : List.of("work.Changelog", "work.IssueComment", "work.Worklog")) {
      next.getOrDefault(model, List.of()).forEach(o -> assertTrue(exportedIds.contains(o.path("issue_id").asText()),
          model + " of an issue not exported again: " + o));
    }
    // Projects, sprints, users and the workflow configuration are sent on every run.
    assertCount(ExportDir.counts(next), "work.Project", 2);
    assertCount(ExportDir.counts(next), "work.Sprint", 3);
    assertNoSecret(flavor, second);
  }

  @Test
  void validateConfigNamesTheAccountAndARefusedTokenTheKeyToCheck() throws Exception {
    start(FakeJira.Flavor.SERVER);
    Dist.Result ok = Dist.run(TIMEOUT, "validate-config", "--pinpoint-root=" + root, "--integrations-file",
        integrationsFile("integrations.json", FakeJira.Flavor.SERVER, PAT).toString());
    assertEquals(0, ok.exit(), ok.all());
    assertTrue(ok.stdout().contains("valid") && ok.stdout().contains(JiraFixtures.ANN.displayName()), ok.all());
    assertFalse(ok.all().contains(PAT), "the token is in the output: " + ok.all());

    String wrong = "NjIT7wrongPatAlsoNeverInOutput987654321";
    Dist.Result bad = Dist.run(TIMEOUT, "validate-config", "--pinpoint-root=" + root, "--integrations-file",
        integrationsFile("wrong-token.json", FakeJira.Flavor.SERVER, wrong).toString());
    assertEquals(1, bad.exit(), bad.all());
    assertTrue(bad.stdout().contains("INVALID") && bad.stdout().contains("personal_access_token"), bad.all());
    assertFalse(bad.all().contains(wrong), "the wrong token is in the output: " + bad.all());
  }

  private Dist.Result export(Path integrations) throws Exception {
    return Dist.run(TIMEOUT, "export", "--pinpoint-root=" + root, "--integrations-file", integrations.toString());
  }

  /** The secret, and on Cloud the Basic credentials it is sent in, are in no output, log, state or exported file. */
  private void assertNoSecret(FakeJira.Flavor flavor, Dist.Result r) throws IOException {
    List<String> needles = new ArrayList<>(List.of(secret(flavor)));
    if (flavor == FakeJira.Flavor.CLOUD) {
      needles.add(Base64.getEncoder().encodeToString((USER + ":" + API_TOKEN).getBytes(StandardCharsets.UTF_8)));
    }
    Secrets.assertNowhere(root, r, needles.toArray(String[]::new));
  }

  private static Map<String, JsonNode> byKey(List<JsonNode> issues) {
    assertTrue(issues != null, "no work.Issue");
    return issues.stream().collect(Collectors.toMap(i -> i.path("identifier").asText(), Function.identity()));
  }

  /** How many of {@code objects} belong to {@code issue}. */
  private static long countOf(List<JsonNode> objects, JsonNode issue) {
    String issueId = issue.path("id").asText();
    return objects == null ? 0 : objects.stream().filter(o -> o.path("issue_id").asText().equals(issueId)).count();
  }

  private static Set<String> field(List<JsonNode> objects, String name) {
    return objects.stream().map(o -> o.path(name).asText()).collect(Collectors.toSet());
  }
}
