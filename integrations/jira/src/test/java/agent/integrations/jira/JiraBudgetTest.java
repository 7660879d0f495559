package agent.integrations.jira;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.integrations.jira.fake.FakeJira;
import agent.integrations.jira.fake.JiraData;
import agent.integrations.jira.fake.JiraFixtures;
import agent.rpcdef.model.work.Issue;
import agent.rpcdef.testing.IntegrationHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Requests per exported issue on a project of 1,000 issues with typical children (about 2% of issues
 * overflow an embedded list), for a full and an incremental export: the issue's target is at most 0.1
 * on typical data. Prints the figures the closing note quotes.
 */
class JiraBudgetTest {
  private static final int ISSUES = 1000;

  @ParameterizedTest
  @EnumSource(FakeJira.Flavor.class)
  void requestsPerIssue(FakeJira.Flavor flavor) {
    try (FakeJira jira = FakeJira.start(flavor, JiraFixtures.budget(flavor, ISSUES, 7));
        IntegrationHarness harness = IntegrationHarness.start(
            flavor == FakeJira.Flavor.CLOUD ? JiraIntegration.cloud() : JiraIntegration.hosted(), "jira")) {
      String config = "{\"url\":\"" + jira.url() + "\"," + (flavor == FakeJira.Flavor.CLOUD
          ? "\"username\":\"ann@example.com\",\"api_token\":\"t\"" : "\"personal_access_token\":\"t\"")
          + ",\"projects\":[\"ENG\"]}";
      IntegrationHarness.Result full = harness.export(config);
      assertEquals(ISSUES, full.objects(Issue.MODEL).size());
      double perIssue = print(flavor + " full", jira.requests(), ISSUES);
      assertTrue(perIssue <= 0.1, "a full export costs at most 0.1 requests per issue: " + perIssue + " " + jira.requestLog());

      // 20 issues change.
      Instant later = jira.data().issues().stream().map(JiraData.Issue::updated).max(Instant::compareTo).orElseThrow()
          .plus(Duration.ofDays(1));
      for (int i = 0; i < 20; i++) {
        jira.data().issues().get(i * 37).set("updated", later.plusSeconds(i));
      }
      jira.reset();
      IntegrationHarness.Result incremental = harness.export(config);
      int exported = incremental.objects(Issue.MODEL).size();
      // The fixture updates one issue a minute: the two-minute margin, rounded down to JQL's minute,
      // reaches the last three issues of the previous export again.
      assertTrue(exported >= 20 && exported <= 23, "the 20 changed, and the margin before the token: " + exported);
      print(flavor + " incremental, 20 changed", jira.requests(), exported);
    }
  }

  private static double print(String what, int requests, int issues) {
    double per = (double) requests / issues;
    System.out.println(String.format(Locale.ROOT, "[budget] %-32s %5d requests for %5d issues: %.3f per issue",
        what, requests, issues, per));
    return per;
  }
}
