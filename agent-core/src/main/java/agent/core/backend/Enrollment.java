package agent.core.backend;

/**
 * What {@code POST /enroll} returns. The API key is a secret: it goes to {@code config.json} (0600)
 * and nowhere else; {@link #toString()} leaves it out.
 */
public record Enrollment(String customerId, String deviceId, String apiKey, String enrolled) {
  @Override
  public String toString() {
    return "Enrollment[customerId=" + customerId + ", deviceId=" + deviceId + ", enrolled=" + enrolled + "]";
  }
}
