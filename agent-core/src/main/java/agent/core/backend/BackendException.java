package agent.core.backend;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * A backend call that did not succeed: the one exception of {@link BackendClient}. It says whether
 * sending the same request again may help ({@link #retryable()}), how long the backend asked to
 * wait ({@link #retryAfter()}), and, for an HTTP answer, its status and the API's error code.
 */
public final class BackendException extends Exception {
  private final int status;
  private final String code;
  private final boolean retryable;
  private final Duration retryAfter;
  private final transient JsonNode error;

  private BackendException(
      String message, Throwable cause, int status, String code, boolean retryable, Duration retryAfter,
      JsonNode error) {
    super(message, cause);
    this.status = status;
    this.code = code;
    this.retryable = retryable;
    this.retryAfter = retryAfter;
    this.error = error;
  }

  /** An HTTP error answer; classified by {@link RetryClassification#retryable(int)}. */
  static BackendException ofStatus(
      String call, int status, String code, String message, Duration retryAfter, JsonNode error) {
    return new BackendException(
        call + ": HTTP " + status + (code == null ? "" : " " + code) + (message == null ? "" : ": " + message),
        null, status, code, RetryClassification.retryable(status), retryAfter, error);
  }

  /** No HTTP answer at all: refused, reset, timed out, TLS. */
  static BackendException ofNetwork(String call, java.io.IOException cause) {
    return new BackendException(
        call + ": " + cause, cause, 0, null, RetryClassification.retryable(cause), null, null);
  }

  /** An answer this client cannot read: a backend bug, terminal. */
  static BackendException ofBadAnswer(String call, int status, String why, Throwable cause) {
    return new BackendException(call + ": unreadable answer (HTTP " + status + "): " + why, cause, status,
        null, false, null, null);
  }

  /** The HTTP status; 0 when no answer came (a network error). */
  public int status() {
    return status;
  }

  /** The API's {@code error.code}, e.g. {@code checksum_mismatch}; null when none. */
  public String code() {
    return code;
  }

  /** True when the same request may succeed later: network trouble, 408, 429, most 5xx. */
  public boolean retryable() {
    return retryable;
  }

  /** The backend's {@code Retry-After}; null when it gave none. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** True for 401: the API key was refused; nothing works until the agent is enrolled again. */
  public boolean unauthorized() {
    return status == 401;
  }

  /** The whole {@code error} object of the answer (e.g. with {@code missing}); null when none. */
  public JsonNode error() {
    return error;
  }
}
