package agent.integrations.jira.fake;

import static agent.integrations.jira.fake.Json.JSON;

import agent.testkit.fake.FakeJson;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain text as an Atlassian Document Format document, as Jira Cloud's REST v3 returns descriptions,
 * comment bodies and worklog comments: paragraphs at blank lines, {@code hardBreak}s at single line
 * breaks, a line {@code # title} a level-1 {@code heading}, consecutive lines {@code - item} a {@code
 * bulletList}, and text between backticks a {@code code} mark. Enough structure that a converter back to
 * text has to walk the tree.
 */
final class Adf {
  private Adf() {}

  static ObjectNode document(String text) {
    ArrayNode content = FakeJson.NODES.arrayNode();
    for (String block : text.split("\n\\s*\n")) {
      List<String> lines = List.of(block.split("\n"));
      if (lines.get(0).startsWith("# ")) {
        content.add(JSON.obj("type", "heading", "attrs", JSON.obj("level", 1), "content",
            inline(lines.get(0).substring(2))));
        lines = lines.subList(1, lines.size());
        if (lines.isEmpty()) {
          continue;
        }
      }
      if (lines.stream().allMatch(l -> l.startsWith("- "))) {
        ArrayNode items = FakeJson.NODES.arrayNode();
        for (String l : lines) {
          items.add(JSON.obj("type", "listItem", "content",
              List.of(JSON.obj("type", "paragraph", "content", inline(l.substring(2))))));
        }
        content.add(JSON.obj("type", "bulletList", "content", items));
        continue;
      }
      ArrayNode paragraph = FakeJson.NODES.arrayNode();
      for (int i = 0; i < lines.size(); i++) {
        if (i > 0) {
          paragraph.add(JSON.obj("type", "hardBreak"));
        }
        paragraph.addAll(inline(lines.get(i)));
      }
      content.add(JSON.obj("type", "paragraph", "content", paragraph));
    }
    return JSON.obj("type", "doc", "version", 1, "content", content);
  }

  /** Text nodes, the parts between backticks marked {@code code}. */
  private static ArrayNode inline(String line) {
    ArrayNode nodes = FakeJson.NODES.arrayNode();
    List<String> parts = new ArrayList<>(List.of(line.split("`", -1)));
    for (int i = 0; i < parts.size(); i++) {
      if (parts.get(i).isEmpty()) {
        continue;
      }
      ObjectNode text = JSON.obj("type", "text", "text", parts.get(i));
      if (i % 2 == 1) {
        text.set("marks", JSON.array(List.of(JSON.obj("type", "code"))));
      }
      nodes.add(text);
    }
    return nodes;
  }
}
