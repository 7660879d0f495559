package agent.integrations.gitlab.fake;

import static agent.integrations.gitlab.fake.Json.JSON;

import agent.testkit.fake.LinkHeader;
import agent.testkit.fake.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * GitLab's two ways of paging a list. Offset: {@code page} and {@code per_page} (default 20, at most
 * 100), the {@code X-Page}/{@code X-Next-Page}... headers and a {@code Link} header; the totals only up
 * to 10,000 items. Keyset: {@code id_after}/{@code id_before} and a {@code Link rel="next"}, nothing else.
 * Items become JSON only for the page served, so a list of 10,001 costs little.
 */
final class Pages {
  static final int DEFAULT_PER_PAGE = 20;
  static final int MAX_PER_PAGE = 100;
  /** Past this many items GitLab stops counting: no {@code X-Total}, {@code X-Total-Pages} or {@code rel="last"}. */
  static final int COUNT_LIMIT = 10_000;

  private final String apiUrl;
  private final boolean omitTotals;

  /** {@code apiUrl} is where links point, e.g. {@code http://127.0.0.1:PORT/api/v4}. */
  Pages(String apiUrl, boolean omitTotals) {
    this.apiUrl = apiUrl;
    this.omitTotals = omitTotals;
  }

  static int perPage(GitLabRequest q) {
    int n = q.intParam("per_page", DEFAULT_PER_PAGE);
    // GitLab quietly serves its maximum to a client asking more, and its default to one asking nonsense.
    return n < 1 ? DEFAULT_PER_PAGE : Math.min(MAX_PER_PAGE, n);
  }

  <T> Reply offset(GitLabRequest q, List<T> all, Function<T, JsonNode> json) {
    int perPage = perPage(q);
    int page = Math.max(1, q.intParam("page", 1));
    long fromLong = (long) (page - 1) * perPage;
    int from = (int) Math.min(all.size(), fromLong);
    int to = Math.min(all.size(), from + perPage);
    boolean counted = !omitTotals && all.size() <= COUNT_LIMIT;
    int totalPages = Math.max(1, (all.size() + perPage - 1) / perPage);
    boolean hasNext = to < all.size();
    Map<String, String> h = new LinkedHashMap<>();
    h.put("X-Page", String.valueOf(page));
    h.put("X-Per-Page", String.valueOf(perPage));
    h.put("X-Next-Page", hasNext ? String.valueOf(page + 1) : "");
    h.put("X-Prev-Page", page > 1 ? String.valueOf(page - 1) : "");
    if (counted) {
      h.put("X-Total", String.valueOf(all.size()));
      h.put("X-Total-Pages", String.valueOf(totalPages));
    }
    List<String> links = new ArrayList<>();
    if (page > 1) {
      links.add(link(q, "page", String.valueOf(page - 1), "prev"));
    }
    if (hasNext) {
      links.add(link(q, "page", String.valueOf(page + 1), "next"));
    }
    links.add(link(q, "page", "1", "first"));
    if (counted) {
      links.add(link(q, "page", String.valueOf(totalPages), "last"));
    }
    h.put("Link", String.join(", ", links));
    return new Reply(200, JSON.write(JSON.array(all.subList(from, to).stream().map(json).toList())), h);
  }

  /**
   * A keyset page of {@code all} (in id order, ascending for {@code sort=asc}): the items after
   * {@code id_after} (before {@code id_before} descending). GitLab links the next page whenever this one
   * is full, so a list that ends on a full page ends with an empty page without a link.
   */
  <T> Reply keyset(GitLabRequest q, List<T> all, ToLongFunction<T> id, Function<T, JsonNode> json) {
    int perPage = perPage(q);
    boolean desc = q.param("sort", "desc").equals("desc");
    String boundName = desc ? "id_before" : "id_after";
    long bound = q.query().containsKey(boundName) ? Long.parseLong(q.query().get(boundName)) : (desc ? Long.MAX_VALUE : Long.MIN_VALUE);
    List<T> sorted = all.stream().filter(x -> desc ? id.applyAsLong(x) < bound : id.applyAsLong(x) > bound)
        .sorted((a, b) -> desc ? Long.compare(id.applyAsLong(b), id.applyAsLong(a))
            : Long.compare(id.applyAsLong(a), id.applyAsLong(b)))
        .limit(perPage).toList();
    Map<String, String> h = new LinkedHashMap<>();
    if (sorted.size() == perPage) {
      h.put("Link", link(q, boundName, String.valueOf(id.applyAsLong(sorted.get(sorted.size() - 1))), "next"));
    }
    return new Reply(200, JSON.write(JSON.array(sorted.stream().map(json).toList())), h);
  }

  /** The request's URL with {@code param} set to {@code value}, as GitLab's links carry every parameter sent. */
  private String link(GitLabRequest q, String param, String value, String rel) {
    Map<String, String> params = new LinkedHashMap<>(q.query());
    params.put(param, value);
    params.putIfAbsent("per_page", String.valueOf(perPage(q)));
    return LinkHeader.entry(apiUrl + q.apiPath(), params, rel);
  }
}
