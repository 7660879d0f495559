package agent.integrations.gitlab;

import agent.rpcdef.http.ApiClient;
import agent.rpcdef.http.Auth;
import agent.rpcdef.http.RateLimitPolicy;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The REST v4 client of the integration: GitLab's {@code RateLimit-*} headers slow it down before the
 * budget is gone, and a {@code 429}'s {@code Retry-After} is waited out (both through the toolkit).
 */
final class GitLabClient {
  static final String USER_AGENT = "pinpoint-agent-gitlab";

  private GitLabClient() {}

  static ApiClient rest(ApiClient.Builder builder, GitLabConfig cfg, Supplier<String> token) {
    return builder.baseUrl(cfg.apiUrl())
        // GitLab takes personal, group, project and OAuth tokens alike as a bearer token.
        .auth(cfg.oauth() ? Auth.refreshing(token) : Auth.bearer(token.get()))
        .credentialsHint(cfg.oauth() ? "the GitLab OAuth grant of this integration" : "access_token")
        .rateLimits(RateLimitPolicy.gitlab())
        .userAgent(USER_AGENT)
        .build();
  }

  /** A project or group in a path: its numeric id as is, a full path URL-encoded ({@code acme%2Fapi}), as GitLab wants it. */
  static String id(String idOrPath) {
    return URLEncoder.encode(idOrPath, StandardCharsets.UTF_8);
  }
}
