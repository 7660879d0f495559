package agent.integrations.jira;

import agent.rpcdef.ExportContext;
import agent.rpcdef.ModelSession;
import agent.rpcdef.TrackingSession;
import agent.rpcdef.http.ApiRequest;
import agent.rpcdef.http.NotFoundException;
import agent.rpcdef.http.Pages;
import agent.rpcdef.model.work.Changelog;
import agent.rpcdef.model.work.Issue;
import agent.rpcdef.model.work.IssueComment;
import agent.rpcdef.model.work.Worklog;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One project's issues: a JQL search {@code updated >= <token> ORDER BY updated ASC}, 100 issues a
 * page with their changelog, comments and worklogs embedded; an issue whose lists the page cut short
 * has them read in full from their own endpoints. Paged by what the server returns: Cloud's {@code
 * nextPageToken}, Server's {@code startAt} advanced by the issues a page held (a server that capped
 * {@code maxResults} below the request loses nothing).
 *
 * <p>Incremental: the issue session's token is the largest {@code updated} seen (Jira's clock, never
 * the local one); the next search starts {@link #MARGIN} before it, written in the time zone Jira reads
 * JQL in (the searching user's, from {@code /myself}). A changed issue is exported again with all its
 * children. An issue deleted between the search and a follow-up is skipped with one warning.
 */
final class ProjectExport {
  /** How far before the token the next search starts: JQL has minute precision, and clocks drift. */
  static final Duration MARGIN = Duration.ofMinutes(2);
  static final int PAGE = 100;
  /** How often the list is read when issues keep changing during the walk. */
  static final int MAX_PASSES = 3;

  private final ExportContext ctx;
  private final JiraSite site;
  private final IssueMapper mapper;
  private final ZoneId jqlZone;
  private final String extraJql;

  ProjectExport(ExportContext ctx, JiraSite site, IssueMapper mapper, ZoneId jqlZone, String extraJql) {
    this.ctx = ctx;
    this.site = site;
    this.mapper = mapper;
    this.jqlZone = jqlZone;
    this.extraJql = extraJql;
  }

  /** Exports the project's changed issues under {@code session}; how many. */
  int export(TrackingSession session, String projectKey) {
    ModelSession issues = session.model(Issue.MODEL);
    ModelSession changelog = session.model(Changelog.MODEL);
    ModelSession comments = session.model(IssueComment.MODEL);
    ModelSession worklogs = session.model(Worklog.MODEL);
    Instant token = issues.lastProcessed().isEmpty() ? null : Instant.parse(issues.lastProcessed());
    Instant newest = token;
    int n = 0;
    int skipped = 0;
    Set<String> seen = new HashSet<>();
    String jql = jql(projectKey, token);
    for (int pass = 1; ; pass++) {
      int repeated = 0;
      for (JsonNode issue : search(jql)) {
        if (!seen.add(issue.path("id").asText())) {
          repeated++;
          continue;
        }
        IssueMapper.Mapped m;
        try {
          m = mapper.map(issue, histories(issue), comments(issue), worklogs(issue));
        } catch (NotFoundException e) {
          // Deleted (or hidden) between the search and a follow-up: nothing left to export of it.
          if (skipped++ == 0) {
            ctx.log().warn("an issue disappeared during the export and is skipped", "issue", issue.path("key").asText(),
                "project", projectKey);
          }
          continue;
        }
        issues.send(m.issue());
        m.changelog().forEach(changelog::send);
        m.comments().forEach(comments::send);
        m.worklogs().forEach(worklogs::send);
        OffsetDateTime updated = JiraDates.parse(issue.path("fields"), "updated");
        if (updated != null && (newest == null || updated.toInstant().isAfter(newest))) {
          newest = updated.toInstant();
        }
        session.progress(++n, 0);
      }
      // An issue read once and updated during the walk moves to the end of the list (ORDER BY updated)
      // and comes again; it also moved every issue behind it up a place, so the first of the next page
      // was passed over. Reading the list again finds it; the issues already read cost only their page.
      if (repeated == 0 || pass == MAX_PASSES) {
        if (repeated > 0) {
          ctx.log().warn("issues kept changing during the export; the next export reads them again", "project",
              projectKey);
          newest = token; // Not past what may have been passed over.
        }
        break;
      }
    }
    worklogs.done();
    comments.done();
    changelog.done();
    issues.done(newest == null ? "" : newest.toString());
    ctx.log().info("project exported", "project", projectKey, "issues", n, "skipped", skipped);
    return n;
  }

  String jql(String projectKey, Instant token) {
    StringBuilder q = new StringBuilder("project = \"").append(projectKey).append('"');
    if (token != null) {
      q.append(" AND updated >= \"").append(JiraDates.jql(token.minus(MARGIN), jqlZone)).append('"');
    }
    if (!extraJql.isEmpty()) {
      q.append(" AND (").append(extraJql).append(')');
    }
    return q.append(" ORDER BY updated ASC, key ASC").toString();
  }

  private Iterable<JsonNode> search(String jql) {
    if (site.flavor() == JiraFlavor.CLOUD) {
      ApiRequest first = site.request("/search/jql").query("jql", jql).query("fields", "*all")
          .query("expand", "changelog").query("maxResults", PAGE);
      return Pages.items(Pages.bodyToken(site.api(), first, "nextPageToken", "nextPageToken"), "/issues");
    }
    ApiRequest first = site.request("/search").query("jql", jql).query("fields", "*all").query("expand", "changelog");
    return Pages.items(Pages.offset(site.api(), first, "issues", PAGE), "/issues");
  }

  private List<JsonNode> histories(JsonNode issue) {
    JsonNode log = issue.path("changelog");
    return complete(log.path("histories"), log.path("total").asInt(0), "/issue/" + issue.path("id").asText() + "/changelog",
        "values");
  }

  private List<JsonNode> comments(JsonNode issue) {
    JsonNode c = issue.path("fields").path("comment");
    return complete(c.path("comments"), c.path("total").asInt(0), "/issue/" + issue.path("id").asText() + "/comment",
        "comments");
  }

  private List<JsonNode> worklogs(JsonNode issue) {
    JsonNode w = issue.path("fields").path("worklog");
    return complete(w.path("worklogs"), w.path("total").asInt(0), "/issue/" + issue.path("id").asText() + "/worklog",
        "worklogs");
  }

  /** The embedded list when it is all there is, else the whole list from its own endpoint. */
  private List<JsonNode> complete(JsonNode embedded, int total, String path, String itemsField) {
    List<JsonNode> out = new ArrayList<>();
    embedded.forEach(out::add);
    if (total <= out.size()) {
      return out;
    }
    return site.offsetList(site.request(path), itemsField, PAGE);
  }
}
