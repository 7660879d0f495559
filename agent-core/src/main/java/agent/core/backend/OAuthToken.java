package agent.core.backend;

/** An access token from {@code POST /oauth/{provider}/token}. A secret: not in {@link #toString()}. */
public record OAuthToken(String accessToken, String tokenType, String expiresAt) {
  @Override
  public String toString() {
    return "OAuthToken[tokenType=" + tokenType + ", expiresAt=" + expiresAt + "]";
  }
}
