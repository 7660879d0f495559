package agent.integrations.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.integrations.github.fake.FakeGitHub;
import agent.integrations.github.fake.Fixtures;
import agent.rpcdef.ConfigException;
import agent.rpcdef.GitRepoResult;
import agent.rpcdef.ValidationResult;
import agent.rpcdef.model.sourcecode.Repo;
import agent.rpcdef.model.sourcecode.User;
import agent.rpcdef.testing.IntegrationHarness;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GitHubValidateAndOnboardTest {
  private FakeGitHub github;
  private IntegrationHarness harness;

  @BeforeEach
  void start() {
    github = FakeGitHub.start(Fixtures.small());
    harness = IntegrationHarness.start(new GitHubIntegration(), "github");
    harness.agent().setGitRepoHandler(repo -> new GitRepoResult(0, 0));
  }

  @AfterEach
  void stop() {
    harness.close();
    github.close();
  }

  private String config(String orgs) {
    return "{\"url\":\"" + github.url() + "\",\"access_token\":\"t0ken\"" + orgs + "}";
  }

  @Test
  void aGoodTokenValidatesAsItsLogin() {
    ValidationResult r = harness.validate(config(",\"organizations\":[\"acme\"]"));
    assertTrue(r.success(), r.errors().toString());
    assertEquals(Fixtures.ANN.login(), r.account());
  }

  @Test
  void theEnterpriseServerVersionIsReported() {
    github.enterpriseVersion("3.14.2");
    ValidationResult r = harness.validate(config(""));
    assertTrue(r.success(), r.errors().toString());
    assertTrue(r.account().contains("GitHub Enterprise Server 3.14.2"), r.account());
  }

  @Test
  void missingScopesAreNamedWithWhatToAdd() {
    github.oauthScopes("gist");
    ValidationResult r = harness.validate(config(""));
    assertFalse(r.success());
    assertEquals(2, r.errors().size(), r.errors().toString());
    assertTrue(r.errors().get(0).contains("repo scope"), r.errors().toString());
    assertTrue(r.errors().get(1).contains("read:org"), r.errors().toString());
  }

  @Test
  void aFineGrainedTokenHasNoScopesHeaderAndIsProbedInstead() {
    github.oauthScopes(null);
    assertTrue(harness.validate(config(",\"organizations\":[\"acme\"]")).success());
  }

  @Test
  void anOrganizationTheTokenCannotSeeIsNamed() {
    ValidationResult r = harness.validate(config(",\"organizations\":[\"acme\",\"nosuchorg\"]"));
    assertFalse(r.success());
    assertEquals(1, r.errors().size(), r.errors().toString());
    assertTrue(r.errors().get(0).contains("nosuchorg"), r.errors().toString());
  }

  @Test
  void anOrganizationBehindSamlSaysWhatToDo() {
    github.samlNext("GET", "/orgs/acme/repos.*", "acme");
    ValidationResult r = harness.validate(config(",\"organizations\":[\"acme\"]"));
    assertFalse(r.success());
    assertTrue(r.errors().get(0).contains("SAML single sign-on"), r.errors().toString());
    assertTrue(r.errors().get(0).contains("Configure SSO"), r.errors().toString());
  }

  @Test
  void aRejectedTokenFailsValidationWithoutShowingIt() {
    github.requireToken("other");
    ValidationResult r = harness.validate(config(""));
    assertFalse(r.success());
    assertTrue(r.errors().get(0).contains("access_token"), r.errors().toString());
    assertFalse(r.errors().toString().contains("t0ken"));
  }

  @Test
  void onboardingListsReposAndMembersWithTheExportsRefIds() {
    JsonNode repos = harness.onboard(config(",\"organizations\":[\"acme\"]"), "repos");
    JsonNode users = harness.onboard(config(",\"organizations\":[\"acme\"]"), "users");
    IntegrationHarness.Result export = harness.export(config(",\"organizations\":[\"acme\"],\"include_forks\":true"));
    Set<String> exportedRepos = export.objects(Repo.MODEL).stream().map(o -> o.path("ref_id").asText())
        .collect(Collectors.toSet());
    Set<String> onboardedRepos = new HashSet<>();
    repos.forEach(r -> onboardedRepos.add(r.path("ref_id").asText()));
    assertEquals(exportedRepos, onboardedRepos);
    Set<String> exportedUsers = export.objects(User.MODEL).stream().map(o -> o.path("ref_id").asText())
        .collect(Collectors.toSet());
    assertTrue(users.size() >= 1);
    users.forEach(u -> {
      assertTrue(exportedUsers.contains(u.path("ref_id").asText()), u.toString());
      assertFalse(u.path("name").asText("").isEmpty() && u.path("type").asText().equals("human"), "members have names: " + u);
    });
    ConfigException e = assertThrows(ConfigException.class, () -> harness.onboard(config(""), "teams"));
    assertTrue(e.getMessage().contains("\"users\" and \"repos\""), e.getMessage());
  }
}
