package agent.devbackend.fault;

import agent.devbackend.http.ApiException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One failure to inject: the next {@code count} API requests whose path (after {@code /api/v1})
 * contains a match of {@code pathRegex}, and whose method is {@code method} (any when null), are
 * delayed by {@code delayMs} and then, when {@code status} is not 0, answered with {@code status}
 * (and {@code Retry-After: retryAfterSeconds} when that is positive) instead of being served.
 *
 * @param status 0 for a delay only; otherwise 400..599
 * @param code the answer's {@code error.code}, e.g. {@code checksum_mismatch} to stand for a body
 *     that arrived damaged; {@value #DEFAULT_CODE} when null
 */
public record FailureRule(
    String pathRegex, String method, int count, int status, int retryAfterSeconds, long delayMs, String code) {
  public static final String DEFAULT_CODE = "injected_failure";

  /** A rule answering with {@value #DEFAULT_CODE}. */
  public FailureRule(String pathRegex, String method, int count, int status, int retryAfterSeconds, long delayMs) {
    this(pathRegex, method, count, status, retryAfterSeconds, delayMs, null);
  }

  public FailureRule {
    if (pathRegex == null || pathRegex.isEmpty()) {
      throw ApiException.badRequest("path_regex is required");
    }
    try {
      Pattern.compile(pathRegex);
    } catch (PatternSyntaxException e) {
      throw ApiException.badRequest("path_regex is not a regex: " + e.getDescription());
    }
    if (count < 1) {
      throw ApiException.badRequest("count must be at least 1");
    }
    if (status != 0 && (status < 400 || status > 599)) {
      throw ApiException.badRequest("status must be 0 (delay only) or 400..599, got " + status);
    }
    if (status == 0 && delayMs <= 0) {
      throw ApiException.badRequest("a rule needs a status, a delay_ms, or both");
    }
    if (delayMs < 0 || retryAfterSeconds < 0) {
      throw ApiException.badRequest("delay_ms and retry_after_seconds cannot be negative");
    }
    if (code == null || code.isEmpty()) {
      code = DEFAULT_CODE;
    }
  }
}
