package agent.integrations.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.Config;
import agent.rpcdef.ConfigException;
import agent.rpcdef.RepoFilter;
import agent.rpcdef.testing.ConfigDocs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GitHubConfigTest {

  private static GitHubConfig parse(String json) {
    return GitHubConfig.parse(Config.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Test
  void defaultsMatchTheDocumentedTable() {
    ConfigDocs.assertMatches(Path.of("../../_docs/integrations.md"), "github", GitHubConfig.SPEC);
    GitHubConfig c = parse("{\"access_token\":\"t\"}");
    assertEquals("https://api.github.com", c.restUrl());
    assertEquals("https://api.github.com/graphql", c.graphqlUrl());
    assertEquals(GitHubConfig.Mode.GRAPHQL, c.mode());
    assertTrue(c.git());
    assertTrue(c.includeArchived());
    assertFalse(c.includeForks());
    assertTrue(c.organizations().isEmpty());
  }

  @Test
  void enterpriseServerHasGraphQlBesideItsRestRoot() {
    GitHubConfig c = parse("{\"access_token\":\"t\",\"url\":\"https://ghe.example.com/api/v3/\"}");
    assertEquals("https://ghe.example.com/api/v3", c.restUrl());
    assertEquals("https://ghe.example.com/api/graphql", c.graphqlUrl());
    assertEquals("https://ghe.example.com", GitHubConfig.webUrl(c.restUrl()));
    assertEquals("https://github.com", GitHubConfig.webUrl("https://api.github.com"));
    assertEquals("https://api.github.com", parse("{\"access_token\":\"t\",\"url\":\"https://github.com\"}").restUrl());
  }

  @Test
  void badInputIsRefusedWithASentenceNamingTheKey() {
    assertTrue(assertThrows(ConfigException.class, () -> parse("{}")).getMessage().contains("\"access_token\" is missing"));
    assertTrue(assertThrows(ConfigException.class, () -> parse("{\"access_token\":\"t\",\"oauth\":true}"))
        .getMessage().contains("exclude each other"));
    assertTrue(assertThrows(ConfigException.class, () -> parse("{\"access_token\":\"t\",\"pull_requests_api\":\"soap\"}"))
        .getMessage().contains("\"pull_requests_api\" is \"soap\""));
    assertTrue(assertThrows(ConfigException.class, () -> parse("{\"access_token\":\"t\",\"url\":\"ftp://x\"}"))
        .getMessage().contains("\"url\""));
    assertTrue(assertThrows(ConfigException.class, () -> parse("{\"access_token\":\"t\",\"url\":\"https://u:p@x\"}"))
        .getMessage().contains("carries credentials"));
    assertTrue(assertThrows(ConfigException.class, () -> parse("{\"access_token\":\"t\",\"organizations\":[\"acme/api\"]}"))
        .getMessage().contains("not an organization login"));
    assertTrue(assertThrows(ConfigException.class, () -> parse("{\"access_token\":\"t\",\"repos\":[\"api\"]}"))
        .getMessage().contains("owner/name"));
    ConfigException typo = assertThrows(ConfigException.class, () -> parse("{\"access_token\":\"t\",\"organisations\":[]}"));
    assertTrue(typo.getMessage().contains("organizations"), typo.getMessage());
  }

  @Test
  void repoGlobsIncludeThenExcludeCaseInsensitively() {
    RepoFilter f = RepoFilter.of(java.util.List.of("acme/*", "other/api"), java.util.List.of("acme/sandbox-*"));
    assertTrue(f.accepts("Acme/API"));
    assertTrue(f.accepts("other/api"));
    assertFalse(f.accepts("other/web"));
    assertFalse(f.accepts("acme/sandbox-1"));
    assertTrue(RepoFilter.of(java.util.List.of(), java.util.List.of()).accepts("x/y"));
    assertTrue(RepoFilter.of(java.util.List.of("**"), java.util.List.of()).accepts("x/y"));
  }

  @Test
  void theTokenNeverShowsInTheConfigsText() {
    assertFalse(parse("{\"access_token\":\"ghp_secret\"}").toString().contains("ghp_secret"));
  }
}
