package agent.rpcdef.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.ConfigSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigDocsTest {
  static final ConfigSpec SPEC = ConfigSpec.builder()
      .string("url").defaultValue("https://api.github.com").describe("the API root")
      .secret("pat").required().describe("a personal access token")
      .strings("repos").defaultValue(List.of()).describe("owner/name globs")
      .object("fail", ConfigSpec.builder().integer("after").describe("objects").build()).describe("switches")
      .build();

  static final String TABLE = """
      | key | type | default | required | secret | description |
      |---|---|---|---|---|---|
      | `url` | string | `"https://api.github.com"` | no | no | the API root |
      | `pat` | string | - | yes | yes | a personal access token (a \\| in a cell) |
      | `repos` | string[] | `[ ]` | no | no | owner/name globs |
      | `fail` | object | - | no | no | switches |
      | `fail.after` | integer | - | no | no | objects |
      """;

  @TempDir Path tmp;

  private Path docs(String table) throws Exception {
    Path f = tmp.resolve("integrations.md");
    Files.writeString(f, "# Integrations\n\n## git\n\n| key | type | default | required | secret | description |\n"
        + "|---|---|---|---|---|---|\n| `repos` | string[] | - | yes | no | paths |\n\n## `github`\n\nSome words.\n\n" + table
        + "\nMore words.\n\n### Details\n\n## jira\n");
    return f;
  }

  @Test
  void aMatchingTablePasses() throws Exception {
    ConfigDocs.assertMatches(docs(TABLE), "github", SPEC);
  }

  @Test
  void everyDifferenceIsListedWithTheTableAsDeclared() throws Exception {
    String wrong = TABLE
        .replace("| `url` | string | `\"https://api.github.com\"` | no |", "| `url` | string | `\"https://github.com\"` | no |")
        .replace("| yes | yes | a personal", "| yes | no | a personal")
        .replace("| `fail.after` | integer | - | no | no | objects |\n", "")
        + "| `branches` | string[] | - | no | no | globs |\n";
    AssertionError e = assertThrows(AssertionError.class, () -> ConfigDocs.assertMatches(docs(wrong), "github", SPEC));
    String m = e.getMessage();
    assertTrue(m.contains("`url`: default is \"https://github.com\" in the docs, \"https://api.github.com\" in the spec"), m);
    assertTrue(m.contains("`pat`: secret is no in the docs, yes in the spec"), m);
    assertTrue(m.contains("missing from the docs: | `fail.after` | integer | - | no | no | objects |"), m);
    assertTrue(m.contains("documented but not declared: `branches`"), m);
    assertTrue(m.endsWith(ConfigDocs.table(SPEC)), m);
  }

  @Test
  void aTypeOrRequiredMismatchFails() throws Exception {
    String wrong = TABLE.replace("| `repos` | string[] |", "| `repos` | string |").replace("| - | yes | yes |", "| - | no | yes |");
    String m = assertThrows(AssertionError.class, () -> ConfigDocs.assertMatches(docs(wrong), "github", SPEC)).getMessage();
    assertTrue(m.contains("`repos`: type is string in the docs, string[] in the spec"), m);
    assertTrue(m.contains("`pat`: required is no in the docs, yes in the spec"), m);
  }

  @Test
  void aMissingFileHeadingOrTableFails() throws Exception {
    assertThrows(AssertionError.class, () -> ConfigDocs.assertMatches(tmp.resolve("nope.md"), "github", SPEC));
    String m = assertThrows(AssertionError.class, () -> ConfigDocs.assertMatches(docs(TABLE), "gitlab", SPEC)).getMessage();
    assertTrue(m.contains("no heading \"gitlab\""), m);
    m = assertThrows(AssertionError.class, () -> ConfigDocs.assertMatches(docs(TABLE), "jira", SPEC)).getMessage();
    assertTrue(m.contains("no table | key | type | default | required | secret | description |"), m);
    m = assertThrows(AssertionError.class,
        () -> ConfigDocs.assertMatches(docs(TABLE.replace("`[ ]`", "`none`")), "github", SPEC)).getMessage();
    assertTrue(m.contains("is not JSON"), m);
  }

  @Test
  void theTableRendersEveryKeyWithNestedPaths() {
    assertEquals("""
        | key | type | default | required | secret | description |
        |---|---|---|---|---|---|
        | `url` | string | `"https://api.github.com"` | no | no | the API root |
        | `pat` | string | - | yes | yes | a personal access token |
        | `repos` | string[] | `[]` | no | no | owner/name globs |
        | `fail` | object | - | no | no | switches |
        | `fail.after` | integer | - | no | no | objects |
        """, ConfigDocs.table(SPEC));
  }
}
