package agent.integrations.github;

import agent.rpcdef.http.ApiClient;
import agent.rpcdef.http.Auth;
import agent.rpcdef.http.GraphQl;
import agent.rpcdef.http.RateLimitPolicy;
import java.util.function.Supplier;

/**
 * The HTTP clients of the integration: one for REST v3 and one for GraphQL, since GitHub keeps a
 * separate budget for each. Both read GitHub's rate-limit headers (and GraphQL its {@code rateLimit}
 * object) and slow down before the budget is gone.
 */
final class GitHubClients {
  /** The REST API version the requests are written against. */
  static final String API_VERSION = "2022-11-28";
  static final String USER_AGENT = "pinpoint-agent-github";

  private GitHubClients() {}

  static ApiClient rest(ApiClient.Builder builder, GitHubConfig cfg, Supplier<String> token) {
    return common(builder, cfg, token).baseUrl(cfg.restUrl()).build();
  }

  static GraphQl graphQl(ApiClient.Builder builder, GitHubConfig cfg, Supplier<String> token) {
    String url = cfg.graphqlUrl();
    String base = url.substring(0, url.length() - "/graphql".length());
    return new GraphQl(common(builder, cfg, token).baseUrl(base).build(), "/graphql");
  }

  private static ApiClient.Builder common(ApiClient.Builder builder, GitHubConfig cfg, Supplier<String> token) {
    return builder
        .auth(cfg.oauth() ? Auth.refreshing(token) : Auth.bearer(token.get()))
        .credentialsHint(cfg.oauth() ? "the GitHub OAuth grant of this integration" : "access_token")
        .rateLimits(RateLimitPolicy.github())
        .userAgent(USER_AGENT)
        .header("Accept", "application/vnd.github+json")
        .header("X-GitHub-Api-Version", API_VERSION);
  }
}
