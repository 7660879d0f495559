package agent.rpcdef.http;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;

/**
 * How a vendor reports its rate limit, so that an {@link ApiClient} can wait when refused and slow
 * down before it is. Every policy honours {@code Retry-After} (seconds or an HTTP date) on 429, and
 * on 503 when the server sends it; the vendor policies add their budget headers:
 *
 * <ul>
 *   <li>{@link #github()}: {@code x-ratelimit-remaining/-limit/-reset} (epoch seconds); a 403 or 429
 *       with no remaining budget or with a secondary-rate-limit message is a limit (one minute when no
 *       header says how long); a 304 costs nothing.
 *   <li>{@link #gitlab()}: {@code RateLimit-Remaining/-Limit/-Reset} (epoch seconds).
 *   <li>{@link #jira()}: {@code X-RateLimit-Remaining/-Limit} and {@code X-RateLimit-Reset} (an ISO
 *       8601 instant such as {@code 2026-05-23T10:30Z}); 503 with {@code Retry-After} is a limit.
 *   <li>{@link #standard()}: {@code Retry-After} only.
 * </ul>
 *
 * <p>When the budget left falls below {@link #slowDownBelow} of the limit, the client spreads the
 * remaining requests over the time to the reset instead of spending them at once. Immutable.
 */
public final class RateLimitPolicy {
  private static final Duration SECONDARY_DEFAULT_WAIT = Duration.ofMinutes(1);
  // With no limit header, "low" means this many requests left.
  private static final long LOW_WITHOUT_LIMIT = 10;

  private final String vendor;
  private final String remainingHeader;
  private final String limitHeader;
  private final String resetHeader;
  private final boolean resetIsEpoch;
  private final boolean github;
  private final double slowDownBelow;

  private RateLimitPolicy(String vendor, String remainingHeader, String limitHeader, String resetHeader,
      boolean resetIsEpoch, boolean github, double slowDownBelow) {
    this.vendor = vendor;
    this.remainingHeader = remainingHeader;
    this.limitHeader = limitHeader;
    this.resetHeader = resetHeader;
    this.resetIsEpoch = resetIsEpoch;
    this.github = github;
    this.slowDownBelow = slowDownBelow;
  }

  public static RateLimitPolicy github() {
    return new RateLimitPolicy("GitHub", "x-ratelimit-remaining", "x-ratelimit-limit", "x-ratelimit-reset", true, true, 0.1);
  }

  public static RateLimitPolicy gitlab() {
    return new RateLimitPolicy("GitLab", "RateLimit-Remaining", "RateLimit-Limit", "RateLimit-Reset", true, false, 0.1);
  }

  public static RateLimitPolicy jira() {
    return new RateLimitPolicy("Jira", "X-RateLimit-Remaining", "X-RateLimit-Limit", "X-RateLimit-Reset", false, false, 0.1);
  }

  /** {@code Retry-After} on 429 and 503 only; no budget headers, so no slowing down. */
  public static RateLimitPolicy standard() {
    return new RateLimitPolicy("the server", null, null, null, true, false, 0.1);
  }

  /**
   * A copy that starts pacing when less than {@code fraction} (0 to 1) of the limit is left; 0 never
   * paces. Default 0.1.
   */
  public RateLimitPolicy slowDownBelow(double fraction) {
    if (fraction < 0 || fraction > 1) {
      throw new IllegalArgumentException("fraction must be within 0 and 1: " + fraction);
    }
    return new RateLimitPolicy(vendor, remainingHeader, limitHeader, resetHeader, resetIsEpoch, github, fraction);
  }

  /** True when {@code remaining} of {@code limit} (-1: unknown) is low enough to pace. */
  boolean low(long remaining, long limit) {
    if (remaining < 0 || slowDownBelow == 0) {
      return false;
    }
    return limit > 0 ? remaining < limit * slowDownBelow : remaining < LOW_WITHOUT_LIMIT;
  }

  /** A 304 does not count against the budget (GitHub's documented rule). */
  boolean notModifiedIsFree() {
    return github;
  }

  String vendor() {
    return vendor;
  }

  /** Reads one response; {@code body} may be a prefix of it. */
  RateLimitSignal read(int status, Function<String, String> header, String body, Instant now) {
    long remaining = number(header, remainingHeader);
    long limit = number(header, limitHeader);
    Instant reset = reset(header.apply(resetHeaderOrNone()));
    Instant retryAfter = retryAfter(header.apply("Retry-After"), now);

    boolean secondary = github && body != null && body.toLowerCase(Locale.ROOT).contains("secondary rate limit");
    boolean limited = status == 429
        || (status == 503 && retryAfter != null)
        || (github && status == 403 && (remaining == 0 || secondary || retryAfter != null));
    if (!limited) {
      return new RateLimitSignal(false, null, null, remaining, limit, reset);
    }
    Instant until;
    String reason;
    if (retryAfter != null) {
      until = retryAfter;
      reason = vendor + (secondary ? " secondary rate limit" : " asked to retry later (" + status + " with Retry-After)");
    } else if (secondary) {
      // GitHub: "wait for at least one minute before retrying" when no header says how long.
      until = now.plus(SECONDARY_DEFAULT_WAIT);
      reason = vendor + " secondary rate limit";
    } else if (reset != null && remaining <= 0) {
      until = reset;
      reason = vendor + " rate limit used up until its reset";
    } else {
      until = null;
      reason = vendor + " rate limit (" + status + ")";
    }
    return new RateLimitSignal(true, until, reason, remaining, limit, reset);
  }

  private String resetHeaderOrNone() {
    return resetHeader == null ? "X-No-Such-Header" : resetHeader;
  }

  private static long number(Function<String, String> header, String name) {
    if (name == null) {
      return -1;
    }
    String v = header.apply(name);
    if (v == null) {
      return -1;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private Instant reset(String v) {
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return resetIsEpoch ? Instant.ofEpochSecond(Long.parseLong(v.trim())) : OffsetDateTime.parse(v.trim()).toInstant();
    } catch (NumberFormatException | DateTimeParseException e) {
      return null;
    }
  }

  private static final long MAX_RETRY_AFTER_SECONDS = 7 * 24 * 3600;

  /** {@code Retry-After}: delay-seconds or an HTTP-date (RFC 9110 10.2.3); null when absent or unreadable. */
  static Instant retryAfter(String v, Instant now) {
    if (v == null || v.isBlank()) {
      return null;
    }
    String t = v.trim();
    try {
      // Clamped: a wait past a week is past any allowed wait anyway, and plusSeconds would overflow.
      return now.plusSeconds(Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(0, Long.parseLong(t))));
    } catch (NumberFormatException e) {
      try {
        return ZonedDateTime.parse(t, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }
}
