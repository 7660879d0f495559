package agent.devbackend.admin;

import agent.devbackend.api.ApiAuth;
import agent.devbackend.http.ApiException;
import agent.devbackend.http.Exchange;
import agent.devbackend.http.Router;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Lets through only requests carrying {@code Authorization: Bearer <admin token>}. */
public final class AdminAuth implements Router.Filter {
  private final byte[] token;

  public AdminAuth(String adminToken) {
    this.token = adminToken.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean before(String method, String path, Exchange exchange) {
    String given = ApiAuth.bearer(exchange.header("Authorization"));
    // Constant time: the admin token must not leak one character at a time.
    if (given == null || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
      throw new ApiException(401, "unauthorized", "the admin API needs Authorization: Bearer <admin token>");
    }
    return false;
  }
}
