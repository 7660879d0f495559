package agent.integrations.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.Config;
import agent.rpcdef.ConfigException;
import agent.rpcdef.testing.ConfigDocs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class GitLabConfigTest {

  private static GitLabConfig parse(String json) {
    return GitLabConfig.parse(Config.parse(json.getBytes(StandardCharsets.UTF_8)));
  }

  private static String refused(String json) {
    return assertThrows(ConfigException.class, () -> parse(json)).getMessage();
  }

  @Test
  void defaultsMatchTheDocumentedTable() {
    ConfigDocs.assertMatches(Path.of("../../_docs/integrations.md"), "gitlab", GitLabConfig.SPEC);
    GitLabConfig c = parse("{\"access_token\":\"t\"}");
    assertEquals("https://gitlab.com", c.webUrl());
    assertEquals("https://gitlab.com/api/v4", c.apiUrl());
    assertTrue(c.git());
    assertTrue(c.includeArchived());
    assertTrue(c.groups().isEmpty());
    assertFalse(c.toString().contains("\"t\""));
  }

  @Test
  void aSelfManagedInstanceKeepsItsRelativePathAndAnApiRootMeansTheInstance() {
    assertEquals("https://git.example.com/gitlab/api/v4",
        parse("{\"access_token\":\"t\",\"url\":\"https://git.example.com/gitlab/\"}").apiUrl());
    assertEquals("https://git.example.com",
        parse("{\"access_token\":\"t\",\"url\":\"https://git.example.com/api/v4/\"}").webUrl());
  }

  @Test
  void groupsAreFullPathsAndReposAreGlobsOverThem() {
    GitLabConfig c = parse("{\"access_token\":\"t\",\"groups\":[\"acme\",\"acme/platform/\"],"
        + "\"repos\":[\"acme/**\"],\"exclude_repos\":[\"acme/platform/sandbox-*\"]}");
    assertEquals(List.of("acme", "acme/platform"), c.groups());
    assertTrue(c.repos().accepts("acme/platform/infra/terraform"));
    assertTrue(c.repos().accepts("ACME/Web"));
    assertFalse(c.repos().accepts("acme/platform/sandbox-ada"));
    assertFalse(c.repos().accepts("other/api"));
  }

  @Test
  void badInputIsRefusedWithASentenceNamingTheKey() {
    assertTrue(refused("{}").contains("\"access_token\" is missing"));
    assertTrue(refused("{\"access_token\":\"t\",\"oauth\":true}").contains("exclude each other"));
    assertTrue(refused("{\"access_token\":\"t\",\"url\":\"ftp://x\"}").contains("\"url\""));
    assertTrue(refused("{\"access_token\":\"t\",\"url\":\"https://u:p@x\"}").contains("carries credentials"));
    assertTrue(refused("{\"access_token\":\"t\",\"url\":\"https://x/?a=b\"}").contains("without a query"));
    String url = refused("{\"access_token\":\"t\",\"groups\":[\"https://gitlab.com/acme\"]}");
    assertTrue(url.contains("\"groups\" lists \"https://gitlab.com/acme\"") && url.contains("\"acme/platform\""), url);
    assertTrue(refused("{\"access_token\":\"t\",\"groups\":[\"-acme\"]}").contains("not a group's full path"));
    assertTrue(refused("{\"access_token\":\"t\",\"repos\":[\"api\"]}").contains("group/subgroup/name"));
    String typo = refused("{\"access_token\":\"t\",\"group\":[\"acme\"]}");
    assertTrue(typo.contains("\"groups\""), typo);
  }
}
