package agent.integrations.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.integrations.gitlab.fake.FakeGitLab;
import agent.integrations.gitlab.fake.GitLabFixtures;
import agent.integrations.gitlab.fake.GitLabWorld;
import agent.rpcdef.ValidationResult;
import agent.rpcdef.testing.IntegrationHarness;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GitLabValidateAndOnboardTest {
  private GitLabWorld world;
  private FakeGitLab gitlab;
  private IntegrationHarness harness;

  @BeforeEach
  void start() {
    world = GitLabFixtures.small();
    gitlab = new FakeGitLab(world);
    harness = IntegrationHarness.start(new GitLabIntegration(), "gitlab");
  }

  @AfterEach
  void stop() {
    harness.close();
    gitlab.close();
  }

  private String config(String extra) {
    return "{\"url\":\"" + gitlab.url() + "\",\"access_token\":\"" + gitlab.token() + "\"" + extra + "}";
  }

  @Test
  void aGoodTokenIsReportedWithTheInstancesVersion() {
    ValidationResult v = harness.validate(config(",\"groups\":[\"acme\",\"acme/platform\"]"));
    assertTrue(v.success(), v.toString());
    assertTrue(v.account().contains("ann") && v.account().contains("17.5.1-ee"), v.toString());
  }

  @Test
  void missingScopesAndInvisibleGroupsAreEachNamedWithTheFix() {
    world.tokenScopes = List.of("read_user");
    ValidationResult v = harness.validate(config(",\"groups\":[\"acme\",\"nosuch\"]"));
    assertFalse(v.success());
    String all = String.join("\n", v.errors());
    assertTrue(all.contains("lacks the read_api scope (it has: read_user)"), all);
    assertTrue(all.contains("lacks the read_repository scope"), all);
    assertTrue(all.contains("group nosuch cannot be read"), all);
    assertFalse(all.contains(gitlab.token()), all);

    // Without git, read_api alone is enough.
    world.tokenScopes = List.of("read_api");
    assertTrue(harness.validate(config(",\"git\":false")).success());
  }

  @Test
  void anInstanceWithoutTheTokenSelfEndpointIsCheckedByWhatTheTokenCanRead() {
    world.tokenScopes = null; // before GitLab 15.5: 404
    assertTrue(harness.validate(config("")).success());
  }

  @Test
  void aRejectedTokenIsAProblemNotACrash() {
    ValidationResult v = harness.validate("{\"url\":\"" + gitlab.url() + "\",\"access_token\":\"glpat-nope\"}");
    assertFalse(v.success());
    assertTrue(String.join(" ", v.errors()).contains("401"), v.toString());
  }

  @Test
  void onboardingListsTheProjectsAndMembersWithTheExportsRefIds() {
    JsonNode repos = harness.onboard(config(",\"groups\":[\"acme\"]"), "repos");
    Set<String> names = new HashSet<>();
    repos.forEach(r -> names.add(r.path("name").asText()));
    assertTrue(names.containsAll(Set.of("acme/api", "acme/platform/infra/edge/proxy")), names.toString());
    assertEquals(String.valueOf(world.project("acme/api").orElseThrow().id),
        repos.findValues("ref_id").stream().map(JsonNode::asText).filter(id -> id.equals(
            String.valueOf(world.project("acme/api").orElseThrow().id))).findFirst().orElseThrow());
    JsonNode users = harness.onboard(config(",\"groups\":[\"acme\"]"), "users");
    Set<String> usernames = new HashSet<>();
    users.forEach(u -> usernames.add(u.path("username").asText()));
    assertTrue(usernames.containsAll(Set.of("ann", "bob", "carol")), usernames.toString());
  }
}
