package agent.core.backend;

import java.io.IOException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Which backend failures are worth retrying, as data: the table of {@code _docs/backend-api.md},
 * "Errors and retries". The client classifies every failure here, where it is born; the loops that
 * call the client only ask {@link BackendException#retryable()}.
 */
public final class RetryClassification {
  /**
   * Statuses that may succeed if the same request is sent again later: the backend gave up waiting
   * (408), asks to slow down (429), or is in trouble (5xx). 501 and 505 are absent: they will not
   * change by waiting.
   */
  public static final Set<Integer> RETRYABLE_STATUSES =
      Set.of(408, 429, 500, 502, 503, 504, 507, 509, 520, 521, 522, 523, 524);

  private RetryClassification() {}

  /** True for a status in {@link #RETRYABLE_STATUSES}; any other 4xx or 5xx is terminal. */
  public static boolean retryable(int status) {
    return RETRYABLE_STATUSES.contains(status);
  }

  /**
   * True for a network failure that may heal (refused, reset, timeout, DNS); false for one that is
   * a configuration problem: a TLS certificate the agent does not trust stays untrusted, and
   * retrying it would hide the message an operator needs ("set ca_file").
   */
  public static boolean retryable(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLPeerUnverifiedException
          || t instanceof CertPathValidatorException
          || t instanceof CertificateException) {
        return false;
      }
    }
    return true;
  }

  /**
   * How long a {@code Retry-After} header asks to wait: delta-seconds or an HTTP date (RFC 9110).
   * Null when absent or unreadable (the caller falls back to its backoff); never negative.
   */
  public static Duration retryAfter(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.trim();
    try {
      long seconds = Long.parseLong(value);
      return seconds <= 0 ? Duration.ZERO : Duration.ofSeconds(seconds);
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(now, at);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }
}
