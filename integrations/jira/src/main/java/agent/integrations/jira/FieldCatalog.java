package agent.integrations.jira;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fields of a Jira instance, from {@code GET /rest/api/2/field} or {@code /rest/api/3/field}:
 * which custom fields hold story points, sprints and the epic link, and each field's name; plus the
 * rendering of custom field values as text. Custom field ids differ between instances, so they are
 * found by name or schema here and never hard-coded.
 *
 * <p>Immutable and thread-safe.
 */
final class FieldCatalog {
  /** Classic projects' field first, then the one team-managed projects on Cloud use. */
  private static final List<String> STORY_POINT_NAMES = List.of("story points", "story point estimate");
  private static final String SPRINT_TYPE = "com.pyxis.greenhopper.jira:gh-sprint";
  private static final String EPIC_LINK_TYPE = "com.pyxis.greenhopper.jira:gh-epic-link";
  private static final String CUSTOM_PREFIX = "customfield_";

  /**
   * The {@code id=} attribute of a legacy sprint string. Only the id is read: it comes right after
   * the opening bracket, while a name may itself contain commas and {@code =}.
   */
  private static final Pattern LEGACY_SPRINT_ID = Pattern.compile("[\\[,]id=(\\d+)");
  private static final Pattern DECIMAL = Pattern.compile("[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?");
  /** Values nest a few levels (option, child); deeper ones are not field values. */
  private static final int MAX_DEPTH = 32;

  private record Field(String id, String name, boolean custom, String schemaType, String schemaCustom) {}

  private final Map<String, Field> byId;
  private final List<String> storyPointFields;
  private final Optional<String> sprintField;
  private final Optional<String> epicLinkField;

  private FieldCatalog(Map<String, Field> byId) {
    this.byId = byId;
    List<String> points = new ArrayList<>();
    for (String wanted : STORY_POINT_NAMES) {
      for (Field f : byId.values()) {
        if (f.custom() && "number".equals(f.schemaType()) && wanted.equals(f.name().strip().toLowerCase(Locale.ROOT))) {
          points.add(f.id());
        }
      }
    }
    this.storyPointFields = Collections.unmodifiableList(points);
    this.sprintField = firstOfType(byId, SPRINT_TYPE);
    this.epicLinkField = firstOfType(byId, EPIC_LINK_TYPE);
  }

  /**
   * The catalog of the JSON array that the field endpoint returns. Entries without an id are
   * skipped; of two entries with one id the first counts. Anything but an array gives an empty
   * catalog.
   */
  static FieldCatalog of(JsonNode fields) {
    Map<String, Field> byId = new LinkedHashMap<>();
    if (fields != null && fields.isArray()) {
      for (JsonNode f : fields) {
        String id = f.path("id").asText("");
        if (id.isEmpty() || byId.containsKey(id)) {
          continue;
        }
        JsonNode custom = f.path("custom");
        boolean isCustom = custom.isBoolean() ? custom.booleanValue() : id.startsWith(CUSTOM_PREFIX);
        JsonNode schema = f.path("schema");
        byId.put(id, new Field(id, f.path("name").asText(id), isCustom, schema.path("type").asText(""),
            schema.path("custom").asText("")));
      }
    }
    return new FieldCatalog(Collections.unmodifiableMap(byId));
  }

  private static Optional<String> firstOfType(Map<String, Field> byId, String customType) {
    return byId.values().stream().filter(f -> customType.equals(f.schemaCustom())).map(Field::id).findFirst();
  }

  /**
   * The custom number fields named "Story Points" or "Story point estimate" (any case), all of the
   * first name before any of the second, each group in the endpoint's order. An instance often has
   * both; an issue usually has a value in only one of them.
   */
  List<String> storyPointFields() {
    return storyPointFields;
  }

  /** The Jira Software sprint field ({@code gh-sprint}), if the instance has one. */
  Optional<String> sprintField() {
    return sprintField;
  }

  /** The classic epic link field ({@code gh-epic-link}), if the instance has one. */
  Optional<String> epicLinkField() {
    return epicLinkField;
  }

  /** The field's name, or {@code fieldId} itself when the catalog does not know the field. */
  String name(String fieldId) {
    Field f = byId.get(fieldId);
    return f == null ? fieldId : f.name();
  }

  /**
   * Whether the field is a custom field. A field the catalog does not know counts as custom when its
   * id has Jira's {@code customfield_} form.
   */
  boolean isCustom(String fieldId) {
    Field f = byId.get(fieldId);
    return f == null ? fieldId != null && fieldId.startsWith(CUSTOM_PREFIX) : f.custom();
  }

  /**
   * A custom field's value as text: null for no value; text as it is; a number in plain decimal
   * ({@code 5}, {@code 0.5}); a boolean as {@code true}/{@code false}; a select option as its
   * {@code value} ({@code Parent / Child} for a cascading select); a user as its
   * {@code displayName}; a version, component, group or other named object as its {@code name}; a
   * Cloud rich-text (ADF) value as its plain text; an array as its elements joined by {@code , }; any
   * other object as compact JSON.
   */
  static String render(JsonNode value) {
    return render(value, 0);
  }

  private static String render(JsonNode value, int depth) {
    if (value == null || value.isNull() || value.isMissingNode() || depth > MAX_DEPTH) {
      return null;
    }
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isNumber()) {
      return plainNumber(value);
    }
    if (value.isBoolean()) {
      return value.booleanValue() ? "true" : "false";
    }
    if (value.isArray()) {
      List<String> parts = new ArrayList<>();
      for (JsonNode element : value) {
        String text = render(element, depth + 1);
        if (text != null) {
          parts.add(text);
        }
      }
      return parts.isEmpty() ? null : String.join(", ", parts);
    }
    if (!value.isObject()) {
      return value.asText();
    }
    JsonNode option = value.get("value");
    if (option != null && option.isValueNode() && !option.isNull()) {
      String child = render(value.get("child"), depth + 1);
      String text = render(option, depth + 1);
      return child == null ? text : text + " / " + child;
    }
    JsonNode displayName = value.get("displayName");
    if (displayName != null && displayName.isTextual()
        && (value.has("accountId") || value.has("key") || value.has("name"))) {
      return displayName.textValue();
    }
    JsonNode name = value.get("name");
    if (name != null && name.isTextual()) {
      return name.textValue();
    }
    if ("doc".equals(value.path("type").asText()) && value.path("content").isArray()) {
      return AdfText.toText(value);
    }
    return value.toString();
  }

  private static String plainNumber(JsonNode number) {
    if (number.isIntegralNumber()) {
      return number.bigIntegerValue().toString();
    }
    BigDecimal decimal;
    try {
      // From the text, not the double: 0.1 stays 0.1 instead of 0.1000000000000000055...
      decimal = number.isBigDecimal() ? number.decimalValue() : new BigDecimal(number.asText());
    } catch (NumberFormatException e) {
      return number.asText(); // NaN or Infinity
    }
    decimal = decimal.stripTrailingZeros();
    return decimal.signum() == 0 ? "0" : decimal.toPlainString();
  }

  /**
   * The ids of the sprints in a sprint field's value, in order, as text. Reads Cloud's and newer
   * Server's objects ({@code {"id":37,"name":"...","state":"closed","boardId":5}}) and older
   * Server's strings ({@code com.atlassian.greenhopper.service.sprint.Sprint@5f6e[id=37,
   * rapidViewId=5,state=CLOSED,name=Sprint 7,...]}); of a string only {@code id=} is read, since a
   * name with commas makes the rest ambiguous. Elements without an id are skipped; null gives an
   * empty list.
   */
  static List<String> sprintIds(JsonNode value) {
    List<String> ids = new ArrayList<>();
    if (value == null || value.isNull() || value.isMissingNode()) {
      return ids;
    }
    Iterable<JsonNode> elements = value.isArray() ? value : List.of(value);
    for (JsonNode sprint : elements) {
      String id = null;
      if (sprint.isObject()) {
        JsonNode idNode = sprint.path("id");
        id = idNode.isNumber() || idNode.isTextual() ? render(idNode) : null;
      } else if (sprint.isIntegralNumber()) {
        id = sprint.bigIntegerValue().toString();
      } else if (sprint.isTextual()) {
        String text = sprint.textValue().strip();
        Matcher m = LEGACY_SPRINT_ID.matcher(text);
        id = text.matches("\\d+") ? text : m.find() ? m.group(1) : null;
      }
      if (id != null && !id.isBlank()) {
        ids.add(id.strip());
      }
    }
    return ids;
  }

  /** A story points value: a number, or a text holding a decimal number; otherwise null. */
  static Double storyPoints(JsonNode value) {
    if (value == null) {
      return null;
    }
    if (value.isNumber()) {
      double points = value.doubleValue();
      return Double.isFinite(points) ? points : null;
    }
    if (value.isTextual()) {
      String text = value.textValue().strip();
      if (DECIMAL.matcher(text).matches()) {
        double points = Double.parseDouble(text);
        return Double.isFinite(points) ? points : null;
      }
    }
    return null;
  }
}
