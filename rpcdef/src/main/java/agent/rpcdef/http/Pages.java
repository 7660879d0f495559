package agent.rpcdef.http;

import agent.rpcdef.IntegrationException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * The pagination schemes of vendor APIs, as lazy {@link Iterable}s of pages: each step of the
 * iterator sends one request, and nothing is sent before the first {@code hasNext()}. Next pages
 * come from what the server said, never from page numbers counted here: servers cap page sizes and
 * totals without saying so.
 *
 * <pre>{@code
 * for (JsonNode repo : Pages.items(Pages.link(api, ApiRequest.get("/orgs/acme/repos?per_page=100")), "")) { ... }
 * }</pre>
 *
 * <p>Each iterable may be iterated once per {@link Iterable#iterator()} call (each call starts over).
 * Requests go through {@link ApiClient#send}, so they block, retry and throw as it does. Not
 * thread-safe: one thread per iterator.
 */
public final class Pages {
  private static final Pattern LINK = Pattern.compile("<([^>]*)>((?:\\s*;\\s*[^;,]+)*)");
  private static final Pattern REL = Pattern.compile("rel\\s*=\\s*\"?([^\";]*)\"?", Pattern.CASE_INSENSITIVE);

  private Pages() {}

  /**
   * Pages linked by the {@code Link} header's {@code rel="next"} (GitHub, GitLab keyset, Bitbucket
   * Server-style APIs): the next URL is followed exactly as given; the last page has no next link.
   */
  public static Iterable<ApiResponse> link(ApiClient api, ApiRequest first) {
    return () -> new PageIterator(api, first, prev -> {
      String next = nextLink(prev.headers("Link"));
      // A relative link is relative to the page that gave it (RFC 8288), not to the client's base URL.
      return next == null ? null : first.at(HttpUrl.get(prev.url()).resolve(next).toString());
    });
  }

  /**
   * GitLab's offset pages: the {@code page} parameter set to the {@code X-Next-Page} header, which is
   * empty on the last page. {@code X-Total} is not used: GitLab leaves it out past 10,000 items.
   */
  public static Iterable<ApiResponse> nextPageHeader(ApiClient api, ApiRequest first) {
    return () -> new PageIterator(api, first, prev -> {
      String next = prev.header("X-Next-Page");
      return next == null || next.isBlank() ? null : first.withQuery("page", next.trim());
    });
  }

  /**
   * Jira's offset pages: {@code startAt} advanced by the number of items the page actually held (the
   * server may return fewer than {@code maxResults} asked), until {@code isLast} is true, a page is
   * empty, or {@code startAt} reaches {@code total}.
   *
   * @param itemsField the array of items in the body: {@code issues}, {@code values}, ...
   * @param pageSize the {@code maxResults} to ask for
   */
  public static Iterable<ApiResponse> offset(ApiClient api, ApiRequest first, String itemsField, int pageSize) {
    ApiRequest start = first.withQuery("startAt", 0).withQuery("maxResults", pageSize);
    return () -> new PageIterator(api, start, new Function<>() {
      private long startAt;

      @Override
      public ApiRequest apply(ApiResponse prev) {
        JsonNode body = prev.json();
        int got = body.path(itemsField).size();
        startAt += got;
        if (got == 0 || body.path("isLast").asBoolean(false)
            || (body.has("total") && startAt >= body.path("total").asLong())) {
          return null;
        }
        return start.withQuery("startAt", startAt);
      }
    });
  }

  /**
   * Pages chained by a token in the body (Jira Cloud's {@code /rest/api/3/search/jql} and its {@code
   * nextPageToken}): the token is sent back as query parameter {@code tokenParam}; a missing, null or
   * empty token, or {@code isLast: true}, ends the pages.
   */
  public static Iterable<ApiResponse> bodyToken(ApiClient api, ApiRequest first, String tokenField, String tokenParam) {
    return () -> new PageIterator(api, first, prev -> {
      JsonNode body = prev.json();
      String token = body.path(tokenField).asText("");
      if (token.isEmpty() || body.path("isLast").asBoolean(false)) {
        return null;
      }
      return first.withQuery(tokenParam, token);
    });
  }

  /**
   * The items of {@code pages}, lazily: the elements of the array at JSON pointer {@code pointer}
   * of each body ({@code ""} for a body that is the array, {@code "/issues"}, {@code "/values"}).
   */
  public static Iterable<JsonNode> items(Iterable<ApiResponse> pages, String pointer) {
    return () -> new Iterator<>() {
      private final Iterator<ApiResponse> it = pages.iterator();
      private Iterator<JsonNode> current = List.<JsonNode>of().iterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && it.hasNext()) {
          current = it.next().json().at(pointer).elements();
        }
        return current.hasNext();
      }

      @Override
      public JsonNode next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }

  /** The URL of the {@code rel="next"} link among {@code linkHeaders}, or null. */
  static String nextLink(List<String> linkHeaders) {
    for (String header : linkHeaders) {
      Matcher m = LINK.matcher(header);
      while (m.find()) {
        Matcher rel = REL.matcher(m.group(2));
        while (rel.find()) {
          // rel may hold several space-separated relation types.
          for (String r : rel.group(1).trim().split("\\s+")) {
            if (r.equalsIgnoreCase("next")) {
              return m.group(1).trim();
            }
          }
        }
      }
    }
    return null;
  }

  /** Sends {@code first}, then what {@code next} makes of each page, until it returns null. */
  static final class PageIterator implements Iterator<ApiResponse> {
    private final ApiClient api;
    private final Function<ApiResponse, ApiRequest> next;
    private ApiRequest pending;
    private ApiResponse fetched;

    PageIterator(ApiClient api, ApiRequest first, Function<ApiResponse, ApiRequest> next) {
      this.api = api;
      this.next = next;
      this.pending = first;
    }

    @Override
    public boolean hasNext() {
      if (fetched == null && pending != null) {
        ApiRequest sent = pending;
        fetched = api.sendPage(sent);
        pending = next.apply(fetched);
        if (pending != null && api.urlOf(sent).equals(api.urlOf(pending))) {
          // A server that names the page it just gave as the next one would be read for ever.
          throw new IntegrationException("GET " + api.redact(fetched.url()) + " names itself as its next page;"
              + " stopping the listing there instead of reading it again and again");
        }
      }
      return fetched != null;
    }


    @Override
    public ApiResponse next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      ApiResponse r = fetched;
      fetched = null;
      return r;
    }
  }

  /** All pages in a list; for small collections and tests. */
  static List<ApiResponse> all(Iterable<ApiResponse> pages) {
    List<ApiResponse> out = new ArrayList<>();
    pages.forEach(out::add);
    return out;
  }
}
