/**
 * The HTTP toolkit every integration's API client is built on.
 *
 * <p>An {@link agent.rpcdef.http.ApiClient} talks to one vendor API through the agent's network
 * settings (proxy with credentials, {@code NO_PROXY}, a private CA; verification always on). It
 * authenticates ({@link agent.rpcdef.http.Auth}), retries network errors, 5xx and 408 with jittered
 * backoff bounded by count and time, waits out rate limits as the vendor reports them and slows down
 * before they are hit ({@link agent.rpcdef.http.RateLimitPolicy}), and throws a classified {@link
 * agent.rpcdef.http.HttpException} with an operator's sentence for the rest. Secrets never appear in
 * a log line or a message. Every wait goes through the export's {@link agent.rpcdef.ExportClock}, so
 * a cancel ends it, and tests run on {@link agent.rpcdef.testing.FakeClock} without sleeping.
 *
 * <p>Around it: {@link agent.rpcdef.http.Pages} for the pagination schemes (Link, offsets, body
 * tokens, {@code X-Next-Page}), {@link agent.rpcdef.http.EtagCache} for conditional requests across
 * exports, {@link agent.rpcdef.http.GraphQl} for GraphQL APIs, and {@link
 * agent.rpcdef.http.RequestStats} for the manifest's request accounting.
 *
 * <pre>{@code
 * RequestStats stats = new RequestStats();   // one per integration, for the manifest
 * ApiClient api = ApiClient.builder()
 *     .baseUrl("https://api.github.com")
 *     .auth(Auth.bearer(token)).credentialsHint("access_token")
 *     .rateLimits(RateLimitPolicy.github())
 *     .clock(exportClock).listener(pauses).log(log).stats(stats)
 *     .header("Accept", "application/vnd.github+json")
 *     .userAgent("agent-github/1")
 *     .build();
 * for (JsonNode repo : Pages.items(Pages.link(api, ApiRequest.get("/orgs/acme/repos?per_page=100")), "")) {
 *   ...
 * }
 * JsonNode data = new GraphQl(api, "/graphql").query("{ viewer { login } }", Map.of());
 * }</pre>
 */
package agent.rpcdef.http;
