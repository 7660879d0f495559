package agent.rpcdef.http;

import java.time.Instant;

/**
 * GitHub's GraphQL budget as a query reported it by selecting {@code rateLimit { cost limit remaining
 * resetAt }}: points this query cost, the window's limit, points left and when the window resets.
 * Fields the query did not select are -1 or null.
 */
public record GraphQlRateLimit(long cost, long limit, long remaining, Instant resetAt) {}
