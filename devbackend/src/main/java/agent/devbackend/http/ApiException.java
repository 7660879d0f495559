package agent.devbackend.http;

import java.util.Map;

/**
 * A request that ends in an error response: its HTTP status and the body {@code {"error": {"code",
 * "message", ...details}}} of the backend API. Thrown by handlers and stores; {@link Router} turns
 * it into the response.
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final Map<String, Object> details;

  public ApiException(int status, String code, String message) {
    this(status, code, message, Map.of());
  }

  /** With extra fields in the error object, e.g. {@code "missing": [...]}. */
  public ApiException(int status, String code, String message, Map<String, Object> details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = Map.copyOf(details);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public Map<String, Object> details() {
    return details;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "invalid_request", message);
  }

  public static ApiException notFound(String code, String message) {
    return new ApiException(404, code, message);
  }
}
