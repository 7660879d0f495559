package agent.integrations.jira;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Field lists and values shaped as Atlassian documents {@code GET /rest/api/{2,3}/field} and the
 * issue fields of Jira Software. Single quotes in the fixtures stand for double quotes.
 */
class FieldCatalogTest {

  private static JsonNode json(String singleQuoted) {
    try {
      return Json.mapper().readTree(singleQuoted.replace('\'', '"'));
    } catch (JsonProcessingException e) {
      throw new AssertionError("bad fixture: " + singleQuoted, e);
    }
  }

  private static String field(String id, String name, String type, String custom) {
    return "{'id':'" + id + "','key':'" + id + "','name':'" + name + "','custom':true,'orderable':true,"
        + "'navigable':true,'searchable':true,'clauseNames':['cf[" + id.substring(12) + "]'],"
        + "'schema':{'type':'" + type + "','custom':'" + custom + "','customId':" + id.substring(12) + "}}";
  }

  private static final String FLOAT = "com.atlassian.jira.plugin.system.customfieldtypes:float";

  /** A Cloud instance with both story point fields, listed estimate first, plus the usual suspects. */
  private static final JsonNode CLOUD_FIELDS = json("["
      + "{'id':'summary','key':'summary','name':'Summary','custom':false,'orderable':true,'navigable':true,"
      + "'searchable':true,'clauseNames':['summary'],'schema':{'type':'string','system':'summary'}},"
      + "{'id':'timespent','key':'timespent','name':'Time Spent','custom':false,"
      + "'schema':{'type':'number','system':'timespent'}},"
      + field("customfield_10016", "Story point estimate", "number", "com.pyxis.greenhopper.jira:jsw-story-points") + ","
      + field("customfield_10020", "Sprint", "array", "com.pyxis.greenhopper.jira:gh-sprint") + ","
      + field("customfield_10014", "Epic Link", "any", "com.pyxis.greenhopper.jira:gh-epic-link") + ","
      + field("customfield_10028", "Story Points", "number", FLOAT) + ","
      + field("customfield_10031", "Story Points", "string", "com.atlassian.jira.plugin.system.customfieldtypes:textfield")
      + "," + field("customfield_10040", "story points", "number", FLOAT) + ","
      + field("customfield_10050", "Story Points (old)", "number", FLOAT) + ","
      + field("customfield_10060", "Severity", "option", "com.atlassian.jira.plugin.system.customfieldtypes:select")
      + "]");

  @Test
  void storyPointFieldsOfBothNamesInOrderOfPreference() {
    FieldCatalog c = FieldCatalog.of(CLOUD_FIELDS);
    // Text field and look-alike names are not story points.
    assertEquals(List.of("customfield_10028", "customfield_10040", "customfield_10016"), c.storyPointFields());
  }

  @Test
  void onlyTheTeamManagedNameOrOnlyTheClassicName() {
    assertEquals(List.of("customfield_10016"), FieldCatalog.of(json("["
        + field("customfield_10016", "Story point estimate", "number", "com.pyxis.greenhopper.jira:jsw-story-points")
        + "]")).storyPointFields());
    assertEquals(List.of("customfield_10002"), FieldCatalog.of(json("["
        + field("customfield_10002", "STORY POINTS", "number", FLOAT) + "]")).storyPointFields());
  }

  @Test
  void aSystemFieldNamedStoryPointsIsNotOne() {
    FieldCatalog c = FieldCatalog.of(json(
        "[{'id':'storypoints','name':'Story Points','custom':false,'schema':{'type':'number','system':'x'}}]"));
    assertEquals(List.of(), c.storyPointFields());
  }

  @Test
  void sprintAndEpicLinkAreFoundBySchema() {
    FieldCatalog c = FieldCatalog.of(CLOUD_FIELDS);
    assertEquals(Optional.of("customfield_10020"), c.sprintField());
    assertEquals(Optional.of("customfield_10014"), c.epicLinkField());
  }

  @Test
  void renamedSprintFieldIsStillFound() {
    FieldCatalog c = FieldCatalog.of(json("[" + field("customfield_10104", "Iteration", "array",
        "com.pyxis.greenhopper.jira:gh-sprint") + "]"));
    assertEquals(Optional.of("customfield_10104"), c.sprintField());
    assertEquals(Optional.empty(), c.epicLinkField());
  }

  @Test
  void namesAndCustomness() {
    FieldCatalog c = FieldCatalog.of(CLOUD_FIELDS);
    assertEquals("Summary", c.name("summary"));
    assertEquals("Severity", c.name("customfield_10060"));
    assertEquals("customfield_99999", c.name("customfield_99999"));
    assertTrue(c.isCustom("customfield_10060"));
    assertFalse(c.isCustom("summary"));
    assertFalse(c.isCustom("timespent"));
    assertTrue(c.isCustom("customfield_99999"), "an unknown customfield_ id is custom");
    assertFalse(c.isCustom("unknown"));
    assertFalse(c.isCustom(null));
  }

  @Test
  void oddEntriesAreToleratedAndTheFirstOfADuplicateIdCounts() {
    FieldCatalog c = FieldCatalog.of(json("[null, 5, {'name':'no id'}, {'id':''},"
        + "{'id':'customfield_1','name':'First'}, {'id':'customfield_1','name':'Second'},"
        + "{'id':'customfield_2'}, {'id':'environment','name':'Environment','schema':'odd'}]"));
    assertEquals("First", c.name("customfield_1"));
    assertTrue(c.isCustom("customfield_1"), "custom flag missing: judged by the id");
    assertEquals("customfield_2", c.name("customfield_2"));
    assertFalse(c.isCustom("environment"));
    assertEquals(List.of(), c.storyPointFields());
  }

  @Test
  void anythingButAnArrayIsAnEmptyCatalog() {
    for (JsonNode odd : new JsonNode[] {null, NullNode.getInstance(), MissingNode.getInstance(), json("{}")}) {
      FieldCatalog c = FieldCatalog.of(odd);
      assertEquals(List.of(), c.storyPointFields());
      assertEquals(Optional.empty(), c.sprintField());
      assertEquals("x", c.name("x"));
    }
  }

  @Test
  void renderScalars() {
    assertNull(FieldCatalog.render(null));
    assertNull(FieldCatalog.render(NullNode.getInstance()));
    assertNull(FieldCatalog.render(MissingNode.getInstance()));
    assertEquals("some text", FieldCatalog.render(json("'some text'")));
    assertEquals("", FieldCatalog.render(json("''")));
    assertEquals("2024-03-01", FieldCatalog.render(json("'2024-03-01'")));
    assertEquals("true", FieldCatalog.render(json("true")));
    assertEquals("false", FieldCatalog.render(json("false")));
  }

  @Test
  void renderNumbersInPlainDecimal() {
    assertEquals("5", FieldCatalog.render(json("5")));
    assertEquals("5", FieldCatalog.render(json("5.0")));
    assertEquals("0.5", FieldCatalog.render(json("0.5")));
    assertEquals("0.1", FieldCatalog.render(json("0.1")));
    assertEquals("-2.25", FieldCatalog.render(json("-2.250")));
    assertEquals("0", FieldCatalog.render(json("0.0")));
    assertEquals("0", FieldCatalog.render(json("-0.0")));
    assertEquals("100000000000000000000", FieldCatalog.render(json("1e20")));
    assertEquals("0.0000001", FieldCatalog.render(json("1E-7")));
    assertEquals("12345678901234567890", FieldCatalog.render(json("12345678901234567890")));
    assertEquals("13", FieldCatalog.render(DoubleNode.valueOf(13.0)));
    assertEquals("0.1", FieldCatalog.render(FloatNode.valueOf(0.1f)));
    assertEquals("1.5", FieldCatalog.render(DecimalNode.valueOf(new BigDecimal("1.500"))));
    assertEquals("NaN", FieldCatalog.render(DoubleNode.valueOf(Double.NaN)));
  }

  @Test
  void renderOptionsAndCascadingSelects() {
    assertEquals("High", FieldCatalog.render(json(
        "{'self':'https://x.atlassian.net/rest/api/3/customFieldOption/1','value':'High','id':'1'}")));
    assertEquals("Hardware / Keyboard", FieldCatalog.render(json(
        "{'self':'s','value':'Hardware','id':'10','child':{'self':'s','value':'Keyboard','id':'11'}}")));
    assertEquals("Hardware", FieldCatalog.render(json("{'value':'Hardware','id':'10','child':null}")));
    assertEquals("Red, Blue", FieldCatalog.render(json("[{'value':'Red','id':'1'},{'value':'Blue','id':'2'}]")));
  }

  @Test
  void renderUsers() {
    assertEquals("Mia Krystof", FieldCatalog.render(json("{'self':'s','accountId':'5b10a2844c20165700ede21g',"
        + "'emailAddress':'mia@example.com','displayName':'Mia Krystof','active':true,'timeZone':'Australia/Sydney',"
        + "'accountType':'atlassian'}")));
    assertEquals("Charlie Admin", FieldCatalog.render(json(
        "{'self':'s','key':'JIRAUSER10100','name':'charlie','displayName':'Charlie Admin','active':true}")));
    assertEquals("Ada, Grace", FieldCatalog.render(json(
        "[{'accountId':'1','displayName':'Ada'},{'accountId':'2','displayName':'Grace'}]")));
  }

  @Test
  void renderNamedObjects() {
    assertEquals("2.0", FieldCatalog.render(json(
        "{'self':'s','id':'10000','description':'d','name':'2.0','archived':false,'released':true}")));
    assertEquals("Backend", FieldCatalog.render(json("{'self':'s','id':'10050','name':'Backend'}")));
    assertEquals("jira-software-users", FieldCatalog.render(json(
        "{'name':'jira-software-users','groupId':'276f955c-63d7-42c8-9520-92d01dca0625','self':'s'}")));
    assertEquals("1.0, 2.0", FieldCatalog.render(json("[{'name':'1.0'},{'name':'2.0'}]")));
  }

  @Test
  void renderArraysSkipNullsAndEmptyArraysAreNoValue() {
    assertEquals("a, b, 3", FieldCatalog.render(json("['a', null, 'b', 3]")));
    assertNull(FieldCatalog.render(json("[]")));
    assertNull(FieldCatalog.render(json("[null]")));
  }

  @Test
  void renderCloudRichTextAsPlainText() {
    assertEquals("Acceptance criteria\n\n- fast", FieldCatalog.render(json("{'type':'doc','version':1,'content':["
        + "{'type':'paragraph','content':[{'type':'text','text':'Acceptance criteria'}]},"
        + "{'type':'bulletList','content':[{'type':'listItem','content':[{'type':'paragraph','content':["
        + "{'type':'text','text':'fast'}]}]}]}]}")));
  }

  @Test
  void renderAnyOtherObjectAsCompactJson() {
    assertEquals("{\"rating\":4,\"note\":\"ok\"}", FieldCatalog.render(json("{ 'rating' : 4, 'note' : 'ok' }")));
    assertEquals("{\"value\":{\"nested\":true}}", FieldCatalog.render(json("{'value':{'nested':true}}")));
    assertEquals("{\"displayName\":\"No id\"}", FieldCatalog.render(json("{'displayName':'No id'}")));
  }

  @Test
  void renderDeepArraysWithoutOverflowingTheStack() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    JsonNode value = f.textNode("bottom");
    for (int i = 0; i < 100_000; i++) {
      value = f.arrayNode().add(value);
    }
    assertNull(FieldCatalog.render(value));
  }

  @Test
  void sprintIdsFromCloudObjects() {
    JsonNode value = json("[{'id':37,'name':'Sprint 7','state':'closed','boardId':5,'goal':'Ship',"
        + "'startDate':'2024-01-01T09:00:00.000Z','endDate':'2024-01-14T17:00:00.000Z',"
        + "'completeDate':'2024-01-14T16:00:00.000Z'},"
        + "{'id':38,'name':'Sprint 8','state':'active','boardId':5}]");
    assertEquals(List.of("37", "38"), FieldCatalog.sprintIds(value));
  }

  @Test
  void sprintIdsFromServerLegacyStrings() {
    JsonNode value = json("["
        + "'com.atlassian.greenhopper.service.sprint.Sprint@5f6e[id=37,rapidViewId=5,state=CLOSED,name=Sprint 7,"
        + "startDate=2024-01-01T09:00:00.000Z,endDate=2024-01-14T17:00:00.000Z,"
        + "completeDate=2024-01-14T16:00:00.000Z,sequence=37,goal=]',"
        + "'com.atlassian.greenhopper.service.sprint.Sprint@1a2b[id=41,rapidViewId=5,state=ACTIVE,"
        + "name=Sprint 7, the big one,id=99,goal=x,y,startDate=<null>,endDate=<null>,completeDate=<null>,sequence=41]',"
        + "'com.atlassian.greenhopper.service.sprint.Sprint@9c[rapidViewId=6,id=52,state=FUTURE,name=Later]'"
        + "]");
    // The name "Sprint 7, the big one,id=99" must not produce 99; rapidViewId must not be taken for id.
    assertEquals(List.of("37", "41", "52"), FieldCatalog.sprintIds(value));
  }

  @Test
  void sprintIdsOfOddValues() {
    assertEquals(List.of(), FieldCatalog.sprintIds(null));
    assertEquals(List.of(), FieldCatalog.sprintIds(NullNode.getInstance()));
    assertEquals(List.of(), FieldCatalog.sprintIds(MissingNode.getInstance()));
    assertEquals(List.of(), FieldCatalog.sprintIds(json("[]")));
    assertEquals(List.of("7"), FieldCatalog.sprintIds(json("{'id':7,'name':'single object'}")));
    assertEquals(List.of("8", "9", "10"), FieldCatalog.sprintIds(json("[8, '9', {'id':'10'}]")));
    assertEquals(List.of("11"), FieldCatalog.sprintIds(json("[{'name':'no id'}, 'no id here', null, true, "
        + "{'id':null}, {'id':{'x':1}}, {'id':11.0}]")));
  }

  @Test
  void storyPointsFromNumbersAndNumericText() {
    assertEquals(5.0, FieldCatalog.storyPoints(json("5")));
    assertEquals(0.5, FieldCatalog.storyPoints(json("0.5")));
    assertEquals(13.0, FieldCatalog.storyPoints(json("13.0")));
    assertEquals(3.0, FieldCatalog.storyPoints(json("' 3 '")));
    assertEquals(2.5, FieldCatalog.storyPoints(json("'2.5'")));
    assertEquals(-1.0, FieldCatalog.storyPoints(json("'-1'")));
    assertEquals(0.5, FieldCatalog.storyPoints(json("'.5'")));
  }

  @Test
  void storyPointsOfAnythingElseAreNull() {
    ObjectNode object = JsonNodeFactory.instance.objectNode().put("value", 3);
    assertNull(FieldCatalog.storyPoints(null));
    assertNull(FieldCatalog.storyPoints(NullNode.getInstance()));
    assertNull(FieldCatalog.storyPoints(MissingNode.getInstance()));
    assertNull(FieldCatalog.storyPoints(json("''")));
    assertNull(FieldCatalog.storyPoints(json("'five'")));
    assertNull(FieldCatalog.storyPoints(json("'3 points'")));
    assertNull(FieldCatalog.storyPoints(json("'NaN'")));
    assertNull(FieldCatalog.storyPoints(json("'Infinity'")));
    assertNull(FieldCatalog.storyPoints(json("'0x10'")));
    assertNull(FieldCatalog.storyPoints(json("'1e999'")));
    assertNull(FieldCatalog.storyPoints(json("true")));
    assertNull(FieldCatalog.storyPoints(json("[3]")));
    assertNull(FieldCatalog.storyPoints(object));
    assertNull(FieldCatalog.storyPoints(DoubleNode.valueOf(Double.POSITIVE_INFINITY)));
  }
}
