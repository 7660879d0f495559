package agent.rpcdef.http;

import java.util.Map;
import okhttp3.HttpUrl;

/** Where a request goes: its path against the base URL, or a server's absolute link as given. */
final class Urls {
  private Urls() {}

  static HttpUrl resolve(HttpUrl base, ApiRequest request, Redactor redactor) {
    String p = request.path();
    HttpUrl url;
    if (p.startsWith("http://") || p.startsWith("https://")) {
      url = HttpUrl.parse(p); // A server's own link: followed exactly.
    } else {
      // Appending keeps a context path of the base (https://host/jira + /rest/api/2/... ).
      String b = base.toString();
      url = HttpUrl.parse((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + (p.startsWith("/") ? p : "/" + p));
    }
    if (url == null) {
      throw new IllegalArgumentException("not a URL: " + redactor.redact(p));
    }
    if (request.queryParams().isEmpty()) {
      return url;
    }
    HttpUrl.Builder ub = url.newBuilder();
    for (Map.Entry<String, String> q : request.queryParams()) {
      ub.removeAllQueryParameters(q.getKey());
    }
    for (Map.Entry<String, String> q : request.queryParams()) {
      ub.addQueryParameter(q.getKey(), q.getValue());
    }
    return ub.build();
  }
}
