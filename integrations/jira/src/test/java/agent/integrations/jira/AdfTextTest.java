package agent.integrations.jira;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

/**
 * Documents shaped as in Atlassian's ADF reference (developer.atlassian.com, "Atlassian Document
 * Format" and its node pages). Single quotes in the fixtures stand for double quotes.
 */
class AdfTextTest {

  private static JsonNode json(String singleQuoted) {
    try {
      return Json.mapper().readTree(singleQuoted.replace('\'', '"'));
    } catch (JsonProcessingException e) {
      throw new AssertionError("bad fixture: " + singleQuoted, e);
    }
  }

  /** A doc around the given top-level nodes. */
  private static JsonNode doc(String... nodes) {
    return json("{'type':'doc','version':1,'content':[" + String.join(",", nodes) + "]}");
  }

  private static String p(String text) {
    return "{'type':'paragraph','content':[{'type':'text','text':'" + text + "'}]}";
  }

  private static String li(String... blocks) {
    return "{'type':'listItem','content':[" + String.join(",", blocks) + "]}";
  }

  private static String text(JsonNode body) {
    return AdfText.toText(body);
  }

  @Test
  void absentBodiesAreNull() {
    assertNull(AdfText.toText(null));
    assertNull(AdfText.toText(NullNode.getInstance()));
    assertNull(AdfText.toText(MissingNode.getInstance()));
  }

  @Test
  void restV2TextIsReturnedAsItIs() {
    String wiki = "h1. Title\n\n*bold* and {code}x{code}  \n";
    assertEquals(wiki, AdfText.toText(TextNode.valueOf(wiki)));
  }

  @Test
  void emptyDocumentIsEmptyText() {
    assertEquals("", text(doc()));
    assertEquals("", text(doc("{'type':'paragraph'}", "{'type':'paragraph','content':[]}")));
  }

  @Test
  void paragraphsAreSeparatedByOneBlankLineAndMarksAreDropped() {
    JsonNode body = doc(
        "{'type':'paragraph','content':[{'type':'text','text':'Hello '},"
            + "{'type':'text','text':'world','marks':[{'type':'strong'},{'type':'link','attrs':{'href':'https://x'}}]}]}",
        p("Second."));
    assertEquals("Hello world\n\nSecond.", text(body));
  }

  @Test
  void headingIsABlockOfItsOwn() {
    JsonNode body = doc("{'type':'heading','attrs':{'level':2},'content':[{'type':'text','text':'Steps'}]}", p("Do it."));
    assertEquals("Steps\n\nDo it.", text(body));
  }

  @Test
  void hardBreakIsANewline() {
    JsonNode body = doc("{'type':'paragraph','content':[{'type':'text','text':'line one'},{'type':'hardBreak'},"
        + "{'type':'text','text':'line two'}]}");
    assertEquals("line one\nline two", text(body));
  }

  @Test
  void emptyParagraphsNeverMakeMoreThanOneBlankLine() {
    JsonNode body = doc(p("a"), "{'type':'paragraph'}", "{'type':'paragraph','content':[]}", p("b"),
        "{'type':'paragraph','content':[{'type':'text','text':'c   '},{'type':'hardBreak'},{'type':'hardBreak'},"
            + "{'type':'hardBreak'},{'type':'text','text':'d'}]}");
    assertEquals("a\n\nb\n\nc\n\nd", text(body));
  }

  @Test
  void bulletListItemsArePrefixedWithADash() {
    JsonNode body = doc(p("Before"), "{'type':'bulletList','content':[" + li(p("one")) + "," + li(p("two")) + "]}",
        p("After"));
    assertEquals("Before\n\n- one\n- two\n\nAfter", text(body));
  }

  @Test
  void orderedListNumbersFromOneOrFromItsOrder() {
    String items = li(p("first")) + "," + li(p("second")) + "," + li(p("third"));
    assertEquals("1. first\n2. second\n3. third", text(doc("{'type':'orderedList','content':[" + items + "]}")));
    assertEquals("3. first\n4. second\n5. third",
        text(doc("{'type':'orderedList','attrs':{'order':3},'content':[" + items + "]}")));
    assertEquals("0. first\n1. second\n2. third",
        text(doc("{'type':'orderedList','attrs':{'order':0},'content':[" + items + "]}")));
    assertEquals("1. first\n2. second\n3. third",
        text(doc("{'type':'orderedList','attrs':{'order':-4},'content':[" + items + "]}")));
  }

  @Test
  void nestedListsIndentTwoSpacesPerLevel() {
    String inner = "{'type':'bulletList','content':[" + li(p("deep")) + "]}";
    String middle = "{'type':'orderedList','content':[" + li(p("sub one"), inner) + "," + li(p("sub two")) + "]}";
    JsonNode body = doc("{'type':'bulletList','content':[" + li(p("top"), middle) + "," + li(p("next")) + "]}");
    assertEquals("- top\n  1. sub one\n    - deep\n  2. sub two\n- next", text(body));
  }

  @Test
  void listItemWithTwoParagraphsKeepsTheSecondUnderTheItem() {
    JsonNode body = doc("{'type':'bulletList','content':[" + li(p("para one"), p("para two")) + "]}");
    assertEquals("- para one\n  para two", text(body));
  }

  @Test
  void codeBlockIsVerbatim() {
    JsonNode body = doc(p("Run:"),
        "{'type':'codeBlock','attrs':{'language':'java'},'content':[{'type':'text',"
            + "'text':'if (x) {\\n    return y;\\n}'}]}");
    assertEquals("Run:\n\nif (x) {\n    return y;\n}", text(body));
  }

  @Test
  void blockquoteLinesArePrefixed() {
    JsonNode body = doc("{'type':'blockquote','content':[" + p("quoted") + ","
        + "{'type':'paragraph','content':[{'type':'text','text':'a'},{'type':'hardBreak'},{'type':'text','text':'b'}]}"
        + "]}");
    assertEquals("> quoted\n>\n> a\n> b", text(body));
  }

  @Test
  void ruleIsThreeDashes() {
    assertEquals("above\n\n---\n\nbelow", text(doc(p("above"), "{'type':'rule'}", p("below"))));
  }

  @Test
  void mentionIsItsTextOrAtAndItsId() {
    JsonNode body = doc("{'type':'paragraph','content':["
        + "{'type':'text','text':'ask '},"
        + "{'type':'mention','attrs':{'id':'5b10ac8d82e05b22cc7d4ef5','text':'@Ada','accessLevel':''}},"
        + "{'type':'text','text':' and '},"
        + "{'type':'mention','attrs':{'id':'5b10a2844c20165700ede21g'}}]}");
    assertEquals("ask @Ada and @5b10a2844c20165700ede21g", text(body));
  }

  @Test
  void emojiIsItsTextOrItsShortName() {
    JsonNode body = doc("{'type':'paragraph','content':["
        + "{'type':'emoji','attrs':{'shortName':':grinning:','text':'\uD83D\uDE00'}},"
        + "{'type':'text','text':' '},"
        + "{'type':'emoji','attrs':{'shortName':':awthanks:','id':'atlassian-awthanks'}}]}");
    assertEquals("\uD83D\uDE00 :awthanks:", text(body));
  }

  @Test
  void cardsAreTheirUrls() {
    JsonNode body = doc(
        "{'type':'paragraph','content':[{'type':'text','text':'see '},"
            + "{'type':'inlineCard','attrs':{'url':'https://atlassian.com'}}]}",
        "{'type':'blockCard','attrs':{'url':'https://example.com/block'}}",
        "{'type':'embedCard','attrs':{'url':'https://example.com/embed','layout':'wide'}}",
        "{'type':'blockCard','attrs':{'data':{'@type':'Document','url':'https://example.com/ld'}}}");
    assertEquals("see https://atlassian.com\n\nhttps://example.com/block\n\nhttps://example.com/embed\n\n"
        + "https://example.com/ld", text(body));
  }

  @Test
  void statusIsItsTextAndDateIsAnIsoDayInUtc() {
    JsonNode body = doc("{'type':'paragraph','content':["
        + "{'type':'status','attrs':{'text':'In progress','color':'blue','localId':'x'}},"
        + "{'type':'text','text':' until '},"
        + "{'type':'date','attrs':{'timestamp':'1700000000000'}},"
        + "{'type':'text','text':', '},"
        + "{'type':'date','attrs':{'timestamp':86399999}},"
        + "{'type':'text','text':', '},"
        + "{'type':'date','attrs':{'timestamp':'soon'}}]}");
    assertEquals("In progress until 2023-11-14, 1970-01-01, soon", text(body));
  }

  @Test
  void tableRowsAreLinesWithCellsJoinedByBars() {
    String header = "{'type':'tableRow','content':["
        + "{'type':'tableHeader','attrs':{},'content':[" + p("Name") + "]},"
        + "{'type':'tableHeader','attrs':{},'content':[" + p("Points") + "]}]}";
    String row1 = "{'type':'tableRow','content':["
        + "{'type':'tableCell','attrs':{},'content':[" + p("Login") + "," + p("and logout") + "]},"
        + "{'type':'tableCell','attrs':{},'content':[" + p("3") + "]}]}";
    String row2 = "{'type':'tableRow','content':["
        + "{'type':'tableCell','attrs':{},'content':[{'type':'bulletList','content':[" + li(p("x")) + "," + li(p("y"))
        + "]}]},"
        + "{'type':'tableCell','attrs':{},'content':[]}]}";
    JsonNode body = doc(p("Plan:"), "{'type':'table','attrs':{'isNumberColumnEnabled':false,'layout':'default'},"
        + "'content':[" + header + "," + row1 + "," + row2 + "]}", p("End."));
    assertEquals("Plan:\n\nName | Points\nLogin and logout | 3\n- x - y |\n\nEnd.", text(body));
  }

  @Test
  void containersGiveTheirContent() {
    JsonNode body = doc(
        "{'type':'panel','attrs':{'panelType':'info'},'content':[" + p("panel text") + "]}",
        "{'type':'expand','attrs':{'title':'Details'},'content':[" + p("hidden") + "]}",
        "{'type':'expand','attrs':{},'content':[" + p("untitled") + "]}",
        "{'type':'layoutSection','content':["
            + "{'type':'layoutColumn','attrs':{'width':50},'content':[" + p("left") + "]},"
            + "{'type':'layoutColumn','attrs':{'width':50},'content':[" + p("right") + "]}]}");
    assertEquals("panel text\n\nDetails\n\nhidden\n\nuntitled\n\nleft\n\nright", text(body));
  }

  @Test
  void tasksShowTheirStateAndNestedTasksIndent() {
    JsonNode body = doc("{'type':'taskList','attrs':{'localId':'l1'},'content':["
        + "{'type':'taskItem','attrs':{'localId':'t1','state':'DONE'},'content':[{'type':'text','text':'write spec'}]},"
        + "{'type':'taskItem','attrs':{'localId':'t2','state':'TODO'},'content':[{'type':'text','text':'build it'}]},"
        + "{'type':'taskList','attrs':{'localId':'l2'},'content':["
        + "{'type':'taskItem','attrs':{'localId':'t3','state':'TODO'},'content':[{'type':'text','text':'test it'}]}]},"
        + "{'type':'taskItem','attrs':{'localId':'t4'},'content':[]}]}");
    assertEquals("[x] write spec\n[ ] build it\n  [ ] test it\n[ ]", text(body));
  }

  @Test
  void decisionsAreTheirContentOneALine() {
    JsonNode body = doc("{'type':'decisionList','attrs':{'localId':'d'},'content':["
        + "{'type':'decisionItem','attrs':{'localId':'d1','state':'DECIDED'},'content':[{'type':'text','text':'ship'}]},"
        + "{'type':'decisionItem','attrs':{'localId':'d2','state':'DECIDED'},'content':[{'type':'text','text':'on Monday'}]}"
        + "]}");
    assertEquals("ship\non Monday", text(body));
  }

  @Test
  void mediaIsAnAttachmentWithItsAltText() {
    JsonNode body = doc(
        "{'type':'mediaSingle','attrs':{'layout':'center'},'content':[{'type':'media','attrs':{"
            + "'id':'4478e39c-cf9b-41d1-ba92-68589487cd75','type':'file','collection':'MediaServicesSample',"
            + "'alt':'moon.jpeg','width':225,'height':225}}]}",
        "{'type':'mediaGroup','content':["
            + "{'type':'media','attrs':{'type':'file','id':'6e7c7f2c','collection':'c'}},"
            + "{'type':'media','attrs':{'type':'file','id':'16a23024','collection':'c','alt':''}}]}",
        "{'type':'mediaSingle','attrs':{'layout':'center'}}",
        "{'type':'paragraph','content':[{'type':'text','text':'inline '},"
            + "{'type':'mediaInline','attrs':{'id':'abc','collection':'','type':'file','alt':'spec.pdf'}}]}");
    assertEquals("[attachment: moon.jpeg]\n\n[attachment]\n[attachment]\n\n[attachment]\n\ninline [attachment: spec.pdf]",
        text(body));
  }

  @Test
  void unknownNodesGiveTheTextOfTheirContent() {
    JsonNode body = doc(
        "{'type':'somethingNew','attrs':{'x':1},'content':[" + p("inside new block") + "]}",
        "{'type':'paragraph','content':[{'type':'text','text':'a '},"
            + "{'type':'sparkle','content':[{'type':'text','text':'shiny'}]},{'type':'text','text':' b'}]}",
        "{'type':'extension','attrs':{'extensionKey':'k','extensionType':'t'}}",
        "{'type':'bodiedExtension','attrs':{'extensionKey':'k'},'content':[" + p("bodied") + "]}",
        "{'type':'mystery'}");
    assertEquals("inside new block\n\na shiny b\n\nbodied", text(body));
  }

  @Test
  void malformedTreesNeverThrow() {
    JsonNode body = doc(
        "{'type':'paragraph','content':{'not':'an array'}}",
        "{'content':[" + p("no type") + "]}",
        "{'type':'bulletList','content':'x'}",
        "{'type':'orderedList','attrs':'bad','content':[" + li(p("still listed")) + "]}",
        "{'type':'mention','attrs':[]}",
        "{'type':'paragraph','content':[1, null, 'loose', {'type':'text','text':7}, {'type':'text'}]}",
        "{'type':'table','content':[{'type':'tableRow','content':[{'type':'tableCell'}]}, 5]}",
        "{'type':'taskList','content':[null]}",
        "42",
        "null");
    assertEquals("no type\n\n1. still listed\n\n@\n\n7", text(body));
    assertEquals("", text(json("{'type':'doc','content':'nope'}")));
    assertEquals("", text(json("{}")));
    assertEquals("loose", text(json("{'type':'doc','content':[{'type':'text','text':'loose'}]}")));
  }

  @Test
  void aTopLevelArrayIsTreatedAsContent() {
    assertEquals("one\n\ntwo", text(json("[" + p("one") + "," + p("two") + "]")));
  }

  @Test
  void deepNestingIsCutOffInsteadOfOverflowingTheStack() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode().put("type", "doc");
    ObjectNode container = root;
    for (int level = 1; level <= 50_000; level++) {
      ObjectNode quote = f.objectNode().put("type", level % 2 == 0 ? "blockquote" : "unknownBox");
      ArrayNode content = container.putArray("content");
      if (level == 10) {
        content.add(f.objectNode().put("type", "paragraph").set("content",
            f.arrayNode().add(f.objectNode().put("type", "text").put("text", "shallow"))));
      }
      content.add(quote);
      container = quote;
    }
    container.putArray("content").add(f.objectNode().put("type", "text").put("text", "too deep"));

    String text = AdfText.toText(root);

    assertTrue(text.contains("shallow"), "content at level 10 is kept");
    assertTrue(!text.contains("too deep"), "content below the limit is dropped");
  }

  @Test
  void deeplyNestedListsAndInlinesAreCutOffToo() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode().put("type", "doc");
    ObjectNode container = root;
    for (int level = 0; level < 20_000; level++) {
      ObjectNode next = f.objectNode().put("type", level % 3 == 0 ? "bulletList" : level % 3 == 1 ? "listItem" : "paragraph");
      container.putArray("content").add(next);
      container = next;
    }
    container.putArray("content").add(f.objectNode().put("type", "text").put("text", "bottom"));

    assertTrue(!AdfText.toText(root).contains("bottom"));
  }

  @Test
  void aTypicalDescriptionReadsAsPlainText() {
    JsonNode body = doc(
        "{'type':'heading','attrs':{'level':3},'content':[{'type':'text','text':'Summary'}]}",
        "{'type':'paragraph','content':[{'type':'text','text':'Checkout fails for '},"
            + "{'type':'text','text':'EU','marks':[{'type':'em'}]},{'type':'text','text':' users, reported by '},"
            + "{'type':'mention','attrs':{'id':'712020:abc','text':'@Grace Hopper'}},{'type':'text','text':'.'}]}",
        "{'type':'heading','attrs':{'level':3},'content':[{'type':'text','text':'Steps'}]}",
        "{'type':'orderedList','attrs':{'order':1},'content':[" + li(p("Open the cart")) + "," + li(p("Pay")) + "]}",
        "{'type':'paragraph','content':[]}",
        "{'type':'codeBlock','content':[{'type':'text','text':'HTTP 500   \\nat Checkout.pay'}]}",
        "{'type':'panel','attrs':{'panelType':'warning'},'content':[" + p("Blocks the release") + "]}");
    assertEquals("Summary\n\nCheckout fails for EU users, reported by @Grace Hopper.\n\nSteps\n\n"
        + "1. Open the cart\n2. Pay\n\nHTTP 500\nat Checkout.pay\n\nBlocks the release", text(body));
  }
}
