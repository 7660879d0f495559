package agent.devbackend.store;

import java.time.Duration;
import java.time.Instant;

/**
 * The OAuth access tokens the backend hands to integrations, one per provider, as an admin set
 * them ({@code oauth/<provider>.json}). A real backend would refresh them with the refresh token the
 * customer granted; the devbackend hands out what it was given.
 */
public final class OAuthStore {
  private final DataDir dir;

  /** A provider's token and when it expires. */
  public record Token(String accessToken, String tokenType, String expiresAt) {}

  public OAuthStore(DataDir dir) {
    this.dir = dir;
  }

  /** Sets the token handed out for {@code provider} from now on. */
  public void set(String provider, String accessToken, Duration validFor) {
    Ids.require("provider", provider);
    Token token = new Token(accessToken, "bearer", Instant.now().plus(validFor).toString());
    dir.writeJson(dir.resolve("oauth", provider + ".json"), token);
  }

  /** The token of {@code provider}; null when none was set. */
  public Token get(String provider) {
    return dir.readJson(dir.resolve("oauth", Ids.require("provider", provider) + ".json"), Token.class);
  }
}
