package agent.rpcdef.testing;

import agent.rpcdef.ConfigSpec;
import agent.rpcdef.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps an integration's documented config keys in step with its {@link ConfigSpec}. The docs hold,
 * under a heading naming the integration ({@code ## github}), a table with the columns
 *
 * <pre>
 * | key | type | default | required | secret | description |
 * |---|---|---|---|---|---|
 * | `url` | string | `"https://api.github.com"` | no | no | the API root |
 * | `fail.crash_after_objects` | integer | - | no | no | a key of the nested object `fail` |
 * </pre>
 *
 * <p>{@code type} is a {@link ConfigSpec.Type#label()}, {@code default} a JSON value in backticks
 * or {@code -} for none, {@code required} and {@code secret} are {@code yes} or {@code no}, and a
 * key of a nested object is written with its dotted path. Descriptions are free text and not
 * compared. Use it from a test of the integration's module:
 *
 * <pre>{@code
 * @Test
 * void docsListTheDeclaredKeys() {
 *   ConfigDocs.assertMatches(Path.of("../../_docs/integrations.md"), "github", new GitHubIntegration().configSpec());
 * }
 * }</pre>
 */
public final class ConfigDocs {
  private static final List<String> COLUMNS = List.of("key", "type", "default", "required", "secret", "description");

  private ConfigDocs() {}

  /**
   * Fails with an {@link AssertionError} listing every key that is missing from the table, documented
   * but not declared, or documented with another type, default, required or secret flag; the message
   * ends with the table as the spec would have it. A missing file, heading or table fails too.
   */
  public static void assertMatches(Path markdown, String integrationName, ConfigSpec spec) {
    List<String> lines;
    try {
      lines = Files.readAllLines(markdown, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError("cannot read " + markdown.toAbsolutePath().normalize() + ": " + e, e);
    }
    Map<String, Row> documented = documentedRows(lines, markdown, integrationName);
    Map<String, Row> declared = rows(spec);
    List<String> diff = new ArrayList<>();
    for (Row d : declared.values()) {
      Row doc = documented.get(d.key);
      if (doc == null) {
        diff.add("missing from the docs: " + d.line());
        continue;
      }
      compare(diff, d.key, "type", doc.type, d.type);
      compare(diff, d.key, "default", doc.defaultText, d.defaultText);
      compare(diff, d.key, "required", doc.required, d.required);
      compare(diff, d.key, "secret", doc.secret, d.secret);
    }
    for (Row doc : documented.values()) {
      if (!declared.containsKey(doc.key)) {
        diff.add("documented but not declared: `" + doc.key + "`");
      }
    }
    if (!diff.isEmpty()) {
      throw new AssertionError("the config table of \"" + integrationName + "\" in " + markdown + " does not match its "
          + "ConfigSpec:\n  " + String.join("\n  ", diff) + "\n\nthe table as declared:\n" + table(spec));
    }
  }

  /** The markdown table of {@code spec}, as {@link #assertMatches} expects it; paste it into the docs and edit the descriptions. */
  public static String table(ConfigSpec spec) {
    StringBuilder out = new StringBuilder("| " + String.join(" | ", COLUMNS) + " |\n|---|---|---|---|---|---|\n");
    for (Row r : rows(spec).values()) {
      out.append(r.line()).append('\n');
    }
    return out.toString();
  }

  private static void compare(List<String> diff, String key, String what, String documented, String declared) {
    if (!Objects.equals(documented, declared)) {
      diff.add("`" + key + "`: " + what + " is " + documented + " in the docs, " + declared + " in the spec");
    }
  }

  /** One key as the table shows it; the default normalized to compact JSON, or "-". */
  private record Row(String key, String type, String defaultText, String required, String secret, String description) {
    String line() {
      return "| `" + key + "` | " + type + " | " + ("-".equals(defaultText) ? "-" : "`" + defaultText + "`") + " | "
          + required + " | " + secret + " | " + description.replace("|", "\\|") + " |";
    }
  }

  private static Map<String, Row> rows(ConfigSpec spec) {
    Map<String, Row> out = new LinkedHashMap<>();
    addRows(spec, "", out);
    return out;
  }

  private static void addRows(ConfigSpec spec, String prefix, Map<String, Row> out) {
    for (ConfigSpec.Key k : spec.keys()) {
      String name = prefix + k.name();
      out.put(name, new Row(name, k.type().label(), k.hasDefault() ? k.defaultValue().toString() : "-",
          yesNo(k.required()), yesNo(k.secret()), k.description()));
      if (k.nested() != null) {
        addRows(k.nested(), name + ".", out);
      }
    }
  }

  private static String yesNo(boolean b) {
    return b ? "yes" : "no";
  }

  private static Map<String, Row> documentedRows(List<String> lines, Path markdown, String integrationName) {
    int heading = -1;
    int level = 0;
    for (int i = 0; i < lines.size() && heading < 0; i++) {
      int l = headingLevel(lines.get(i));
      if (l > 0 && lines.get(i).substring(l).trim().replace("`", "").equals(integrationName)) {
        heading = i;
        level = l;
      }
    }
    if (heading < 0) {
      throw new AssertionError(markdown + " has no heading \"" + integrationName + "\" (e.g. ## " + integrationName + ")");
    }
    for (int i = heading + 1; i < lines.size(); i++) {
      int l = headingLevel(lines.get(i));
      if (l > 0 && l <= level) {
        break;
      }
      if (isTableRow(lines.get(i)) && cells(lines.get(i)).stream().map(String::toLowerCase).toList().equals(COLUMNS)) {
        return tableRows(lines, i + 2, markdown, integrationName);
      }
    }
    throw new AssertionError(markdown + " has no table | " + String.join(" | ", COLUMNS) + " | under the heading \""
        + integrationName + "\"");
  }

  private static Map<String, Row> tableRows(List<String> lines, int from, Path markdown, String integrationName) {
    Map<String, Row> out = new LinkedHashMap<>();
    for (int i = from; i < lines.size() && isTableRow(lines.get(i)); i++) {
      List<String> c = cells(lines.get(i));
      String where = markdown + " line " + (i + 1) + " (\"" + integrationName + "\")";
      if (c.size() != COLUMNS.size()) {
        throw new AssertionError(where + " has " + c.size() + " cells, not " + COLUMNS.size() + ": " + lines.get(i));
      }
      String key = c.get(0).replace("`", "").trim();
      if (out.containsKey(key)) {
        throw new AssertionError(where + " lists `" + key + "` a second time");
      }
      out.put(key, new Row(key, c.get(1), defaultOf(c.get(2), where), c.get(3), c.get(4), c.get(5)));
    }
    return out;
  }

  /** "-" or a JSON value in backticks, normalized so that {@code `[ ]`} equals {@code `[]`}. */
  private static String defaultOf(String cell, String where) {
    if (cell.equals("-") || cell.isEmpty()) {
      return "-";
    }
    if (!(cell.length() >= 2 && cell.startsWith("`") && cell.endsWith("`"))) {
      throw new AssertionError(where + ": a default is a JSON value in backticks or -, got " + cell);
    }
    try {
      JsonNode n = Json.mapper().readTree(cell.substring(1, cell.length() - 1));
      if (n == null || n.isMissingNode()) {
        throw new IOException("empty");
      }
      return n.toString();
    } catch (IOException e) {
      throw new AssertionError(where + ": the default " + cell + " is not JSON (a string needs quotes: `\"x\"`)");
    }
  }

  private static int headingLevel(String line) {
    int n = 0;
    while (n < line.length() && line.charAt(n) == '#') {
      n++;
    }
    return n > 0 && n <= 6 && line.length() > n && line.charAt(n) == ' ' ? n : 0;
  }

  private static boolean isTableRow(String line) {
    return line.trim().startsWith("|");
  }

  /** The trimmed cells of a table row; {@code \|} is a literal bar inside a cell. */
  private static List<String> cells(String line) {
    String s = line.trim();
    s = s.substring(1, s.endsWith("|") && s.length() > 1 ? s.length() - 1 : s.length());
    List<String> out = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '|') {
        cell.append('|');
        i++;
      } else if (ch == '|') {
        out.add(cell.toString().trim());
        cell.setLength(0);
      } else {
        cell.append(ch);
      }
    }
    out.add(cell.toString().trim());
    return out;
  }
}
