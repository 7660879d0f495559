package agent.integrations.jira;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Plain text of a Jira body: Cloud's Atlassian Document Format (ADF, a {@code {"type":"doc",
 * "version":1,"content":[...]}} tree of block and inline nodes) or REST v2's plain text and wiki
 * markup, which is returned unchanged.
 *
 * <p>Blocks are separated by one blank line, list items by a newline with {@code - } or {@code 1. }
 * and two spaces of indent per nesting level, table rows are one line with cells joined by
 * {@code  | }. Marks (bold, links, colours) are dropped. Node types this class does not know give
 * the text of their content, so a document with nodes Atlassian adds later still converts; the
 * conversion never throws on a malformed tree. Content nested deeper than {@value #MAX_DEPTH} levels
 * is left out so that a hostile document cannot overflow the stack.
 *
 * <p>Stateless and thread-safe.
 */
final class AdfText {
  /** Nodes below this depth are dropped; real documents nest a handful of levels. */
  static final int MAX_DEPTH = 100;

  /** Nodes that sit inside a paragraph-like block and render on the current line. */
  private static final Set<String> INLINE =
      Set.of("text", "hardBreak", "mention", "emoji", "inlineCard", "status", "date", "mediaInline",
          "placeholder", "inlineExtension");

  private AdfText() {}

  /**
   * The plain text of {@code body}: null for a null, missing or JSON null body; a textual node as it
   * is (REST v2 bodies); an ADF document converted, with trailing whitespace trimmed and never more
   * than one blank line in a row. An empty document gives the empty string.
   */
  static String toText(JsonNode body) {
    if (body == null || body.isNull() || body.isMissingNode()) {
      return null;
    }
    if (body.isTextual()) {
      return body.textValue();
    }
    if (body.isValueNode()) {
      return body.asText();
    }
    String raw = body.isArray() ? String.join("\n\n", blocks(body, 0)) : block(body, 0);
    return tidy(raw);
  }

  /** The children of a container as blocks; runs of inline nodes make one block. */
  private static List<String> blocks(JsonNode content, int depth) {
    List<String> out = new ArrayList<>();
    if (depth > MAX_DEPTH || !content.isArray()) {
      return out;
    }
    StringBuilder run = new StringBuilder();
    for (JsonNode child : content) {
      if (INLINE.contains(type(child))) {
        run.append(inline(child, depth + 1));
        continue;
      }
      addBlock(out, run.toString());
      run.setLength(0);
      addBlock(out, block(child, depth + 1));
    }
    addBlock(out, run.toString());
    return out;
  }

  private static void addBlock(List<String> out, String block) {
    // An empty paragraph would otherwise add a second blank line.
    if (!block.isBlank()) {
      out.add(stripTrailingNewlines(block));
    }
  }

  /** One block node as text without a trailing newline; empty when it has no text. */
  private static String block(JsonNode node, int depth) {
    if (depth > MAX_DEPTH || !node.isObject()) {
      return "";
    }
    JsonNode content = node.path("content");
    switch (type(node)) {
      case "paragraph":
      case "heading":
      case "codeBlock":
        return inlines(content, depth);
      case "bulletList":
        return list(content, false, 0, depth);
      case "orderedList":
        return list(content, true, order(node), depth);
      case "listItem":
        return String.join("\n", blocks(content, depth));
      case "blockquote":
        return prefixLines(String.join("\n\n", blocks(content, depth)), "> ", "> ");
      case "rule":
        return "---";
      case "table":
        return table(content, depth);
      case "tableRow":
        return row(content, depth);
      case "taskList":
        return taskList(content, depth);
      case "taskItem":
        return taskItem(node, depth);
      case "decisionList":
        return lines(content, depth);
      case "decisionItem":
        return inlines(content, depth);
      case "media":
        return attachment(node);
      case "mediaSingle":
      case "mediaGroup":
        return media(content, depth);
      case "blockCard":
      case "embedCard":
        return cardUrl(node);
      case "expand":
      case "nestedExpand":
        return expand(node, depth);
      default:
        // doc, panel, layoutSection, layoutColumn, bodiedExtension and types added later.
        return String.join("\n\n", blocks(content, depth));
    }
  }

  /** One node on the current line. A block node met here gives its content's text inline. */
  private static String inline(JsonNode node, int depth) {
    if (depth > MAX_DEPTH || !node.isObject()) {
      return "";
    }
    JsonNode attrs = node.path("attrs");
    switch (type(node)) {
      case "text":
        return node.path("text").asText("");
      case "hardBreak":
        return "\n";
      case "mention": {
        String text = attrs.path("text").asText("");
        return text.isEmpty() ? "@" + attrs.path("id").asText("") : text;
      }
      case "emoji": {
        String text = attrs.path("text").asText("");
        return text.isEmpty() ? attrs.path("shortName").asText("") : text;
      }
      case "inlineCard":
        return cardUrl(node);
      case "status":
        return attrs.path("text").asText("");
      case "date":
        return date(attrs.path("timestamp"));
      case "mediaInline":
        return attachment(node);
      default:
        return inlines(node.path("content"), depth);
    }
  }

  private static String inlines(JsonNode content, int depth) {
    if (depth > MAX_DEPTH || !content.isArray()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (JsonNode child : content) {
      out.append(inline(child, depth + 1));
    }
    return out.toString();
  }

  /** List items one a line; an item's further lines and nested lists indent by two spaces. */
  private static String list(JsonNode items, boolean ordered, long start, int depth) {
    if (!items.isArray()) {
      return "";
    }
    List<String> out = new ArrayList<>();
    long number = start;
    for (JsonNode item : items) {
      String marker = ordered ? (number++) + ". " : "- ";
      out.add(prefixLines(block(item, depth + 1), marker, "  "));
    }
    return String.join("\n", out);
  }

  /** {@code attrs.order}, the first number of an ordered list; 1 when absent or invalid. */
  private static long order(JsonNode node) {
    JsonNode order = node.path("attrs").path("order");
    if (order.isNumber() && order.asDouble() >= 0 && order.asDouble() < Long.MAX_VALUE) {
      return (long) Math.floor(order.asDouble());
    }
    if (order.isTextual() && order.textValue().matches("\\d{1,18}")) {
      return Long.parseLong(order.textValue());
    }
    return 1;
  }

  private static String table(JsonNode rows, int depth) {
    if (!rows.isArray()) {
      return "";
    }
    List<String> out = new ArrayList<>();
    for (JsonNode row : rows) {
      String line = "tableRow".equals(type(row)) ? row(row.path("content"), depth + 1) : block(row, depth + 1);
      if (!line.isBlank()) {
        out.add(line);
      }
    }
    return String.join("\n", out);
  }

  /** A table row on one line: a cell's blocks joined by a space, cells by {@code  | }. */
  private static String row(JsonNode cells, int depth) {
    if (depth > MAX_DEPTH || !cells.isArray()) {
      return "";
    }
    List<String> out = new ArrayList<>();
    for (JsonNode cell : cells) {
      String text = String.join(" ", blocks(cell.path("content"), depth + 1));
      out.add(text.replaceAll("\\s*\\n\\s*", " ").strip());
    }
    return String.join(" | ", out);
  }

  private static String taskList(JsonNode items, int depth) {
    if (depth > MAX_DEPTH || !items.isArray()) {
      return "";
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : items) {
      if ("taskList".equals(type(item))) {
        // A task list inside a task list is a nested level of tasks.
        out.add(prefixLines(taskList(item.path("content"), depth + 1), "  ", "  "));
      } else {
        out.add(block(item, depth + 1));
      }
    }
    return String.join("\n", out);
  }

  private static String taskItem(JsonNode node, int depth) {
    boolean done = "DONE".equalsIgnoreCase(node.path("attrs").path("state").asText(""));
    return (done ? "[x] " : "[ ] ") + inlines(node.path("content"), depth);
  }

  /** Each child on its own line, e.g. decisions. */
  private static String lines(JsonNode items, int depth) {
    if (depth > MAX_DEPTH || !items.isArray()) {
      return "";
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : items) {
      String text = block(item, depth + 1);
      if (!text.isBlank()) {
        out.add(text);
      }
    }
    return String.join("\n", out);
  }

  /** mediaSingle and mediaGroup: one line per media item, then a caption if any. */
  private static String media(JsonNode content, int depth) {
    String text = lines(content, depth);
    return text.isEmpty() ? "[attachment]" : text;
  }

  private static String attachment(JsonNode node) {
    String alt = node.path("attrs").path("alt").asText("").strip();
    return alt.isEmpty() ? "[attachment]" : "[attachment: " + alt + "]";
  }

  private static String cardUrl(JsonNode node) {
    JsonNode attrs = node.path("attrs");
    String url = attrs.path("url").asText("");
    // A card may carry JSON-LD data instead of a URL.
    return url.isEmpty() ? attrs.path("data").path("url").asText("") : url;
  }

  /** An expand's title, when it has one, is the first line of its text. */
  private static String expand(JsonNode node, int depth) {
    List<String> parts = new ArrayList<>();
    String title = node.path("attrs").path("title").asText("").strip();
    if (!title.isEmpty()) {
      parts.add(title);
    }
    parts.addAll(blocks(node.path("content"), depth));
    return String.join("\n\n", parts);
  }

  /** {@code attrs.timestamp}, epoch milliseconds as a string or number, as a UTC date. */
  private static String date(JsonNode timestamp) {
    String text = timestamp.asText("").strip();
    if (!text.matches("-?\\d{1,15}")) {
      return text;
    }
    return Instant.ofEpochMilli(Long.parseLong(text)).atZone(ZoneOffset.UTC).toLocalDate().toString();
  }

  private static String prefixLines(String text, String first, String rest) {
    String[] lines = text.split("\n", -1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        out.append('\n');
      }
      out.append(i == 0 ? first : rest).append(lines[i]);
    }
    return out.toString();
  }

  private static String type(JsonNode node) {
    return node.path("type").asText("");
  }

  private static String stripTrailingNewlines(String text) {
    int end = text.length();
    while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
      end--;
    }
    return text.substring(0, end);
  }

  /** Trailing whitespace off every line, at most one blank line in a row, none at either end. */
  private static String tidy(String text) {
    StringBuilder out = new StringBuilder();
    boolean blank = false;
    for (String line : text.split("\r?\n", -1)) {
      String trimmed = line.stripTrailing();
      if (trimmed.isEmpty()) {
        blank = out.length() > 0;
        continue;
      }
      if (out.length() > 0) {
        out.append(blank ? "\n\n" : "\n");
      }
      out.append(trimmed);
      blank = false;
    }
    return out.toString();
  }
}
