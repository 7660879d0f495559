package agent.integrations.jira.fake;

import static agent.integrations.jira.fake.Json.JSON;

import agent.integrations.jira.fake.FakeJira.Flavor;
import agent.integrations.jira.fake.JiraData.History;
import agent.integrations.jira.fake.JiraData.Issue;
import agent.integrations.jira.fake.JiraShapes.EmbedCaps;
import agent.testkit.fake.FakeJson;
import agent.testkit.fake.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The follow-ups of a search: one issue, its changelog, comments and worklogs paged by {@code startAt}
 * (a page at most the fake's page cap, reported as {@code maxResults}), and Cloud's bulk changelog
 * ({@code POST /changelog/bulkfetch}, histories of many issues ordered by date then issue id, paged by
 * {@code nextPageToken}). An issue in {@link JiraData#deletedAfterSearch()} is 404 here, as a deleted one.
 */
final class IssueApi {
  private static final Pattern ISSUE = Pattern.compile("/issue/([^/]+)(/changelog|/comment|/worklog)?");
  /** The most issues Cloud's bulk changelog accepts. */
  static final int BULK_ISSUES = 1000;

  private final Flavor flavor;
  private final JiraData data;
  private final JiraShapes shapes;
  private final int pageCap;
  private final int bulkCap;
  private final EmbedCaps embed;

  IssueApi(Flavor flavor, JiraData data, JiraShapes shapes, int pageCap, int bulkCap, EmbedCaps embed) {
    this.flavor = flavor;
    this.data = data;
    this.shapes = shapes;
    this.pageCap = pageCap;
    this.bulkCap = bulkCap;
    this.embed = embed;
  }

  /** The answer for {@code path} (below the API prefix), or null when it is not one of these endpoints. */
  Reply answer(String path, FakeRequest r) {
    if (flavor == Flavor.CLOUD && path.equals("/changelog/bulkfetch") && r.method().equals("POST")) {
      return bulkChangelog(r);
    }
    Matcher m = ISSUE.matcher(path);
    if (!m.matches() || !r.method().equals("GET")) {
      return null;
    }
    Optional<Issue> found = data.issue(m.group(1)).filter(i -> !data.deletedAfterSearch().contains(i.key()));
    if (found.isEmpty()) {
      return JiraErrors.noIssue();
    }
    Issue issue = found.get();
    String part = m.group(2) == null ? "" : m.group(2);
    switch (part) {
      case "/changelog": {
        return paged(r, issue.histories(), (page, start, max, total) -> JSON.obj("self",
            shapes.self("/issue/" + issue.key() + "/changelog?maxResults=" + max + "&startAt=" + start),
            "nextPage", start + page.size() >= total ? null : shapes.self("/issue/" + issue.key()
                + "/changelog?maxResults=" + max + "&startAt=" + (start + page.size())),
            "maxResults", max, "startAt", start, "total", total, "isLast", start + page.size() >= total,
            "values", page.stream().map(shapes::history).toList()));
      }
      case "/comment": {
        return paged(r, issue.comments(), (page, start, max, total) -> JSON.obj("startAt", start,
            "maxResults", max, "total", total, "comments", page.stream().map(c -> shapes.comment(issue, c)).toList()));
      }
      case "/worklog": {
        return paged(r, issue.worklogs(), (page, start, max, total) -> JSON.obj("startAt", start,
            "maxResults", max, "total", total, "worklogs", page.stream().map(w -> shapes.worklog(issue, w)).toList()));
      }
      default: {
        List<String> fields = r.query().containsKey("fields") ? r.params("fields") : List.of("*all");
        return Reply.json(shapes.issue(issue, FieldSelection.of(fields), r.params("expand").contains("changelog"),
            embed));
      }
    }
  }

  private interface PageShape<T> {
    ObjectNode render(List<T> page, int startAt, int maxResults, int total);
  }

  private <T> Reply paged(FakeRequest r, List<T> all, PageShape<T> shape) {
    int startAt = r.intParam("startAt", 0);
    int maxResults = r.intParam("maxResults", pageCap);
    if (startAt < 0 || maxResults < 0) {
      return JiraErrors.error(400, "startAt and maxResults must not be negative.");
    }
    maxResults = Math.min(maxResults, pageCap);
    List<T> page = all.subList(Math.min(startAt, all.size()), Math.min(startAt + maxResults, all.size()));
    return Reply.json(shape.render(page, startAt, maxResults, all.size()));
  }

  private Reply bulkChangelog(FakeRequest r) {
    JsonNode body = r.json();
    List<String> wanted = new ArrayList<>();
    body.path("issueIdsOrKeys").forEach(x -> wanted.add(x.asText()));
    if (wanted.isEmpty()) {
      return JiraErrors.error(400, "issueIdsOrKeys must not be empty.");
    }
    if (wanted.size() > BULK_ISSUES) {
      return JiraErrors.error(400, "The number of issueIdsOrKeys must not exceed " + BULK_ISSUES + ".");
    }
    int maxResults = body.path("maxResults").asInt(bulkCap);
    if (maxResults <= 0) {
      return JiraErrors.error(400, "maxResults must be positive.");
    }
    maxResults = Math.min(maxResults, bulkCap);
    // Deleted and unknown issues are left out, as Jira leaves out what the user cannot see.
    List<Issue> issues = wanted.stream().map(data::issue).flatMap(Optional::stream)
        .filter(i -> !data.deletedAfterSearch().contains(i.key())).distinct().toList();
    List<Map.Entry<Issue, History>> entries = new ArrayList<>();
    issues.forEach(i -> i.histories().forEach(h -> entries.add(Map.entry(i, h))));
    entries.sort(Comparator.<Map.Entry<Issue, History>, java.time.Instant>comparing(e -> e.getValue().created())
        .thenComparingLong(e -> Long.parseLong(e.getKey().id())));
    String fingerprint = Integer.toHexString(wanted.hashCode());
    int offset = 0;
    String token = body.path("nextPageToken").asText(null);
    if (token != null) {
      String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
      if (parts.length != 3 || !parts[0].equals("bulk") || !parts[2].equals(fingerprint)) {
        return JiraErrors.error(400, "The provided next page token is invalid or expired.");
      }
      offset = Integer.parseInt(parts[1]);
    }
    List<Map.Entry<Issue, History>> page = entries.subList(Math.min(offset, entries.size()),
        Math.min(offset + maxResults, entries.size()));
    Map<Issue, List<History>> byIssue = new LinkedHashMap<>();
    page.forEach(e -> byIssue.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    ArrayNode logs = FakeJson.NODES.arrayNode();
    byIssue.forEach((issue, histories) -> logs.add(JSON.obj("issueId", issue.id(),
        "changeHistories", histories.stream().map(shapes::history).toList())));
    ObjectNode out = JSON.obj("issueChangeLogs", logs);
    if (offset + page.size() < entries.size()) {
      out.put("nextPageToken", Base64.getUrlEncoder().withoutPadding().encodeToString(
          ("bulk:" + (offset + page.size()) + ":" + fingerprint).getBytes(StandardCharsets.UTF_8)));
    }
    return Reply.json(out);
  }
}
