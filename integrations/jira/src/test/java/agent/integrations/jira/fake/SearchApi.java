package agent.integrations.jira.fake;

import static agent.integrations.jira.fake.Json.JSON;

import agent.integrations.jira.fake.FakeJira.Flavor;
import agent.integrations.jira.fake.JiraData.Issue;
import agent.integrations.jira.fake.JiraShapes.EmbedCaps;
import agent.testkit.fake.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * JQL search. Cloud: {@code GET}/{@code POST /search/jql}, paged by an opaque {@code nextPageToken},
 * {@code {issues, nextPageToken, isLast}} without a total, ids only unless {@code fields} are asked
 * for, unbounded queries refused, and the old {@code /search} gone (410). Server: {@code GET}/{@code
 * POST /search} paged by {@code startAt}, {@code {expand, startAt, maxResults, total, issues}}. Both cap
 * {@code maxResults} at the fake's search cap silently (Server reports the capped value), and embed at
 * most the caps of histories, comments and worklogs.
 */
final class SearchApi {
  static final int DEFAULT_MAX_RESULTS = 50;

  private final Flavor flavor;
  private final JiraData data;
  private final JiraShapes shapes;
  private final int cap;
  private final EmbedCaps embed;

  SearchApi(Flavor flavor, JiraData data, JiraShapes shapes, int cap, EmbedCaps embed) {
    this.flavor = flavor;
    this.data = data;
    this.shapes = shapes;
    this.cap = cap;
    this.embed = embed;
  }

  /** The answer for {@code path} (below the API prefix), or null when it is not a search. */
  Reply answer(String path, FakeRequest r) {
    boolean get = r.method().equals("GET");
    if (!get && !r.method().equals("POST")) {
      return null;
    }
    if (flavor == Flavor.CLOUD && path.equals("/search")) {
      return JiraErrors.error(410, "The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. "
          + "A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046");
    }
    if (!path.equals(flavor == Flavor.CLOUD ? "/search/jql" : "/search")) {
      return null;
    }
    Params p;
    try {
      p = get ? Params.of(r, flavor == Flavor.CLOUD) : Params.of(r.json(), flavor == Flavor.CLOUD);
    } catch (IllegalArgumentException e) {
      return JiraErrors.error(400, e.getMessage());
    }
    if (p.maxResults < 0 || p.startAt < 0) {
      return JiraErrors.error(400, "maxResults and startAt must not be negative.");
    }
    Jql jql;
    try {
      jql = Jql.parse(p.jql, data);
    } catch (Jql.JqlException e) {
      return JiraErrors.badJql(e.getMessage());
    }
    if (flavor == Flavor.CLOUD && !jql.bounded) {
      return JiraErrors.error(400, "Unbounded JQL queries are not allowed here. Please add a search restriction to your "
          + "query.");
    }
    List<Issue> hits = data.issues().stream().filter(jql.where).sorted(jql.order.thenComparing(JiraData.BY_KEY))
        .toList();
    int size = Math.min(p.maxResults, cap);
    return flavor == Flavor.CLOUD ? cloud(p, hits, size) : server(p, hits, size);
  }

  private Reply cloud(Params p, List<Issue> hits, int size) {
    int offset = 0;
    String fingerprint = Integer.toHexString(p.jql.hashCode());
    if (p.nextPageToken != null) {
      String decoded;
      try {
        decoded = new String(Base64.getUrlDecoder().decode(p.nextPageToken), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        decoded = "";
      }
      String[] parts = decoded.split(":");
      if (parts.length != 3 || !parts[0].equals("page") || !parts[2].equals(fingerprint)) {
        // A token belongs to its query: Jira refuses one replayed with another JQL.
        return JiraErrors.error(400, "The provided next page token is invalid or expired.");
      }
      offset = Integer.parseInt(parts[1]);
    }
    List<Issue> page = hits.subList(Math.min(offset, hits.size()), Math.min(offset + size, hits.size()));
    boolean last = offset + page.size() >= hits.size();
    ObjectNode body = JSON.obj("issues", page.stream().map(i -> issue(i, p)).toList());
    if (!last) {
      // As Cloud does: the key is present only when there is a next page.
      body.put("nextPageToken", Base64.getUrlEncoder().withoutPadding().encodeToString(
          ("page:" + (offset + page.size()) + ":" + fingerprint).getBytes(StandardCharsets.UTF_8)));
    }
    body.put("isLast", last);
    return Reply.json(body);
  }

  private Reply server(Params p, List<Issue> hits, int size) {
    List<Issue> page = hits.subList(Math.min(p.startAt, hits.size()), Math.min(p.startAt + size, hits.size()));
    return Reply.json(JSON.obj("expand", "names,schema", "startAt", p.startAt, "maxResults", size,
        "total", hits.size(), "issues", page.stream().map(i -> issue(i, p)).toList()));
  }

  private ObjectNode issue(Issue i, Params p) {
    return shapes.issue(i, p.fields, p.expand.contains("changelog"), embed);
  }

  /** What a search asks for, from the query string of a GET or the body of a POST. */
  private record Params(String jql, FieldSelection fields, List<String> expand, int maxResults, int startAt,
      String nextPageToken) {
    /** Server's default fields are {@code *navigable}; Cloud's enhanced search returns ids only. */
    static Params of(FakeRequest r, boolean cloud) {
      List<String> fields = r.query().containsKey("fields") ? r.params("fields")
          : cloud ? List.of() : List.of("*navigable");
      int max = r.intParam("maxResults", DEFAULT_MAX_RESULTS);
      int start = r.intParam("startAt", 0);
      return new Params(orEmpty(r.param("jql")), FieldSelection.of(fields), r.params("expand"), max, start,
          r.param("nextPageToken"));
    }

    static Params of(JsonNode body, boolean cloud) {
      List<String> fields = new ArrayList<>();
      if (body.has("fields")) {
        body.path("fields").forEach(f -> fields.add(f.asText()));
      } else if (!cloud) {
        fields.add("*navigable");
      }
      List<String> expand = new ArrayList<>();
      JsonNode e = body.path("expand");
      if (e.isArray()) {
        e.forEach(x -> expand.add(x.asText()));
      } else if (e.isTextual()) {
        for (String x : e.asText().split(",")) {
          expand.add(x.trim());
        }
      }
      JsonNode max = body.path("maxResults");
      JsonNode start = body.path("startAt");
      if (!max.isMissingNode() && !max.canConvertToInt() || !start.isMissingNode() && !start.canConvertToInt()) {
        throw new IllegalArgumentException("maxResults and startAt must be numbers.");
      }
      return new Params(orEmpty(body.path("jql").asText(null)), FieldSelection.of(fields), expand,
          max.isMissingNode() ? DEFAULT_MAX_RESULTS : max.asInt(), start.isMissingNode() ? 0 : start.asInt(),
          body.path("nextPageToken").asText(null));
    }

    private static String orEmpty(String s) {
      return s == null ? "" : s;
    }
  }
}
