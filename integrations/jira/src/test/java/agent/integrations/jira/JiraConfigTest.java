package agent.integrations.jira;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.Config;
import agent.rpcdef.ConfigException;
import agent.rpcdef.testing.ConfigDocs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class JiraConfigTest {
  private static JiraConfig parse(JiraFlavor flavor, String json) {
    return JiraConfig.parse(flavor, Config.parse(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void bothTablesMatchTheirSpecs() {
    ConfigDocs.assertMatches(Path.of("../../_docs/integrations.md"), "jira-cloud", JiraConfig.CLOUD);
    ConfigDocs.assertMatches(Path.of("../../_docs/integrations.md"), "jira-hosted", JiraConfig.HOSTED);
  }

  @Test
  void aContextPathIsKeptAndKeysAreUpperCased() {
    JiraConfig c = parse(JiraFlavor.HOSTED, "{\"url\":\"https://jira.example.com/jira/\",\"personal_access_token\":\"p\","
        + "\"projects\":[\"eng\"],\"exclude_projects\":[\"Ops\"]}");
    assertEquals("https://jira.example.com/jira", c.url());
    assertEquals(List.of("ENG"), c.projects());
    assertTrue(c.excludeProjects().contains("OPS"));
    assertEquals("personal_access_token", c.credentialsHint());
  }

  @Test
  void badInputIsRefusedWithASentenceNamingTheKey() {
    assertTrue(assertThrows(ConfigException.class, () -> parse(JiraFlavor.HOSTED, "{\"url\":\"https://j\"}"))
        .getMessage().contains("needs credentials"));
    assertTrue(assertThrows(ConfigException.class, () -> parse(JiraFlavor.HOSTED,
        "{\"url\":\"https://j\",\"personal_access_token\":\"p\",\"username\":\"u\",\"password\":\"x\"}"))
        .getMessage().contains("exclude each other"));
    assertTrue(assertThrows(ConfigException.class, () -> parse(JiraFlavor.CLOUD,
        "{\"url\":\"https://acme.atlassian.net/rest/api/3\",\"username\":\"u\",\"api_token\":\"t\"}"))
        .getMessage().contains("without /rest/"));
    assertTrue(assertThrows(ConfigException.class, () -> parse(JiraFlavor.CLOUD,
        "{\"url\":\"https://acme.atlassian.net\",\"username\":\"u\",\"api_token\":\"t\",\"projects\":[\"EN G\"]}"))
        .getMessage().contains("not a project key"));
    assertTrue(assertThrows(ConfigException.class, () -> parse(JiraFlavor.CLOUD,
        "{\"url\":\"https://acme.atlassian.net\",\"username\":\"u\"}")).getMessage().contains("api_token"));
    assertTrue(assertThrows(ConfigException.class, () -> parse(JiraFlavor.CLOUD,
        "{\"url\":\"https://acme.atlassian.net\",\"username\":\"u\",\"api_token\":\"t\",\"password\":\"x\"}"))
        .getMessage().contains("password"), "a hosted key is unknown to the cloud plugin");
  }

  @Test
  void credentialsNeverShowInTheConfigsText() {
    assertFalse(parse(JiraFlavor.CLOUD, "{\"url\":\"https://a.atlassian.net\",\"username\":\"u\",\"api_token\":\"s3cr3t\"}")
        .toString().contains("s3cr3t"));
  }

  @Test
  void jqlDatesAreWrittenInTheUsersTimeZone() {
    Instant t = Instant.parse("2025-03-01T23:30:00Z");
    assertEquals("2025-03-02 08:30", JiraDates.jql(t, ZoneId.of("Asia/Tokyo")));
    assertEquals("2025-03-01 23:30", JiraDates.jql(t, JiraIntegration.zone("")));
    assertEquals("2025-03-01 23:30", JiraDates.jql(t, JiraIntegration.zone("Not/AZone")));
    assertEquals(Instant.parse("2025-01-06T09:00:00Z"), JiraDates.parse("2025-01-06T10:00:00.000+0100").toInstant());
  }
}
