package agent.integrations.jira;

import agent.rpcdef.http.ApiClient;
import agent.rpcdef.http.ApiRequest;
import agent.rpcdef.http.Pages;
import agent.rpcdef.http.RateLimitPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One Jira site: its REST API under the flavour's path, through the SDK's client (Jira's rate-limit
 * headers, 429 and 503 with {@code Retry-After} waited out), and the list shapes Jira uses.
 */
final class JiraSite {
  static final String USER_AGENT = "pinpoint-agent-jira";

  private final ApiClient api;
  private final JiraFlavor flavor;
  private final String url;

  private JiraSite(ApiClient api, JiraFlavor flavor, String url) {
    this.api = api;
    this.flavor = flavor;
    this.url = url;
  }

  static JiraSite of(ApiClient.Builder builder, JiraFlavor flavor, JiraConfig cfg) {
    ApiClient api = builder.baseUrl(cfg.url()).auth(cfg.auth()).credentialsHint(cfg.credentialsHint())
        .rateLimits(RateLimitPolicy.jira()).userAgent(USER_AGENT).header("Accept", "application/json").build();
    return new JiraSite(api, flavor, cfg.url());
  }

  JiraFlavor flavor() {
    return flavor;
  }

  /** The site's address, for the web links of exported objects. */
  String url() {
    return url;
  }

  ApiClient api() {
    return api;
  }

  /** {@code GET /rest/api/N/<path>}'s JSON. */
  JsonNode get(String path) {
    return api.get(flavor.api() + path).json();
  }

  /** A request to {@code /rest/api/N/<path>}. */
  ApiRequest request(String path) {
    return ApiRequest.get(flavor.api() + path);
  }

  /** Every item of an offset-paged list ({@code startAt}/{@code maxResults}, at {@code itemsField}). */
  List<JsonNode> offsetList(ApiRequest first, String itemsField, int pageSize) {
    List<JsonNode> out = new ArrayList<>();
    Pages.items(Pages.offset(api, first, itemsField, pageSize), "/" + itemsField).forEach(out::add);
    return out;
  }

  /** The elements of a plain JSON array answer. */
  List<JsonNode> array(String path) {
    List<JsonNode> out = new ArrayList<>();
    get(path).forEach(out::add);
    return out;
  }
}
