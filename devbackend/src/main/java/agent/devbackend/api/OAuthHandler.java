package agent.devbackend.api;

import agent.devbackend.http.ApiException;
import agent.devbackend.http.Exchange;
import agent.devbackend.store.OAuthStore;
import agent.devbackend.store.OAuthStore.Token;
import java.io.IOException;

/** {@code POST /oauth/{provider}/token}: a fresh access token for an integration. */
public final class OAuthHandler {
  private final ApiAuth auth;
  private final OAuthStore tokens;

  public OAuthHandler(ApiAuth auth, OAuthStore tokens) {
    this.auth = auth;
    this.tokens = tokens;
  }

  public void token(Exchange exchange) throws IOException {
    auth.device(exchange);
    String provider = exchange.param(1);
    Token token = tokens.get(provider);
    if (token == null) {
      throw ApiException.notFound(
          "oauth_not_connected", "the customer has not authorized " + provider + " in the backend");
    }
    exchange.json(200, token);
  }
}
