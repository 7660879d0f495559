package agent.integrations.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.ConfigException;
import agent.rpcdef.GitRepo;
import agent.rpcdef.GitRepoResult;
import agent.rpcdef.IntegrationException;
import agent.rpcdef.testing.IntegrationHarness;
import agent.rpcdef.testing.RecordingAgent.GitRepoCall;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plugin over the real protocol, in process, with the host's ExportGitRepo faked. */
class GitIntegrationTest {
  static final String TWO = "{\"repos\":[\"/src/api\",\"https://git.example.com/acme/web.git\"],"
      + "\"branches\":[\"main\",\"release/*\"],\"exclude\":[\"docs/**\"],\"max_file_size\":5000,"
      + "\"username\":\"me\",\"password\":\"s3cret\"}";

  @Test
  void describesEachRepoAndHandsItToTheHost() {
    try (IntegrationHarness h = IntegrationHarness.start(new GitIntegration(), "git")) {
      h.agent().setGitRepoHandler(r -> new GitRepoResult(r.url().startsWith("/") ? 7 : 3, 2));
      IntegrationHarness.Result r = h.export(TWO);

      List<JsonNode> repos = r.objects("sourcecode.Repo");
      assertEquals(2, repos.size());
      assertEquals("api", repos.get(0).path("name").asText());
      assertEquals("git", repos.get(0).path("ref_type").asText());
      assertEquals("acme/web", repos.get(1).path("name").asText());

      List<GitRepoCall> calls = h.agent().gitRepoCalls();
      assertEquals(2, calls.size());
      GitRepo first = calls.get(0).repo();
      assertEquals("/src/api", first.url());
      assertEquals(repos.get(0).path("id").asText(), first.repoId());
      assertEquals("git", first.refType());
      assertEquals(List.of("main", "release/*"), first.branches());
      assertEquals(List.of("docs/**"), first.exclude());
      assertEquals(5000, first.maxFileSize());
      assertEquals("s3cret", first.password());
      assertTrue(first.excludeDocumentation(), "documentation paths are excluded by default");
      // Each repository's history goes under its own tracking session.
      assertEquals("git/repo/%2Fsrc%2Fapi", calls.get(0).sessionKey());
      assertTrue(r.session("git/repo/%2Fsrc%2Fapi").isDone());
    }
  }

  @Test
  void excludeDocumentationFalseReachesTheHost() {
    try (IntegrationHarness h = IntegrationHarness.start(new GitIntegration(), "git")) {
      h.agent().setGitRepoHandler(r -> new GitRepoResult(1, 1));
      h.export("{\"repos\":[\"/src/api\"],\"exclude_documentation\":false}");
      assertFalse(h.agent().gitRepoCalls().get(0).repo().excludeDocumentation());
    }
  }

  @Test
  void aRepositoryTheHostCannotExportFailsTheExport() {
    try (IntegrationHarness h = IntegrationHarness.start(new GitIntegration(), "git")) {
      h.agent().setGitRepoHandler(r -> {
        throw new IllegalStateException("cannot clone " + r.url() + ": connection refused");
      });
      IntegrationException e = assertThrows(IntegrationException.class, () -> h.export(TWO));
      assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
      assertEquals(java.util.Map.of(), h.agent().committedTokens());
    }
  }

  @Test
  void badConfigIsAConfigError() {
    try (IntegrationHarness h = IntegrationHarness.start(new GitIntegration(), "git")) {
      ConfigException e = assertThrows(ConfigException.class, () -> h.export("{\"repos\":[\"relative/path\"]}"));
      assertTrue(e.getMessage().contains("absolute path"), e.getMessage());
    }
  }

  @Test
  void onboardListsTheRepos() {
    try (IntegrationHarness h = IntegrationHarness.start(new GitIntegration(), "git")) {
      JsonNode repos = h.onboard(TWO, "repos");
      assertEquals(2, repos.size());
      assertEquals("acme/web", repos.get(1).path("name").asText());
      assertThrows(IntegrationException.class, () -> h.onboard(TWO, "users"));
    }
  }
}
