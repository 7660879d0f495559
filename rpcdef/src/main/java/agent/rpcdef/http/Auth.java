package agent.rpcdef.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How an {@link ApiClient} authenticates: a bearer token, basic credentials, a custom header
 * (GitLab's {@code PRIVATE-TOKEN}) or none. The secret is known to the client's redaction, so it
 * never appears in a log line or an exception message.
 *
 * <p>Immutable and thread-safe, except {@link #refreshing}, which is thread-safe.
 */
public abstract class Auth {
  Auth() {}

  /** {@code Authorization: Bearer <token>}: GitHub, GitLab OAuth, Jira Cloud OAuth, PATs on Jira DC. */
  public static Auth bearer(String token) {
    return new Fixed("Authorization", "Bearer " + require(token, "token"), List.of(token));
  }

  /** {@code Authorization: Basic}: Jira Cloud's email and API token, Bitbucket app passwords. */
  public static Auth basic(String user, String password) {
    String pair = require(user, "user") + ":" + require(password, "password");
    String encoded = Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    return new Fixed("Authorization", "Basic " + encoded, List.of(password, encoded));
  }

  /** A custom header holding the secret, e.g. {@code header("PRIVATE-TOKEN", token)} for GitLab. */
  public static Auth header(String name, String value) {
    return new Fixed(require(name, "header name"), require(value, "header value"), List.of(value));
  }

  /** No credentials (public APIs, tests). */
  public static Auth none() {
    return new Fixed(null, null, List.of());
  }

  /**
   * A bearer token from {@code tokens} (an OAuth token the host refreshes): fetched on first use and
   * fetched again, once per request, when the server answers 401, since the token may have expired
   * since. {@code tokens} may block (it may ask the host); it is called by one thread at a time.
   */
  public static Auth refreshing(Supplier<String> tokens) {
    return new Refreshing(Objects.requireNonNull(tokens, "tokens"));
  }

  /** The header name to set, or null for none. */
  abstract String headerName();

  /** The header value to set. */
  abstract String headerValue();

  /** Secrets to redact: raw and encoded forms. */
  abstract List<String> secrets();

  /** Fetches fresh credentials; false when this auth cannot. */
  boolean refresh() {
    return false;
  }

  private static String require(String v, String what) {
    if (v == null || v.isEmpty()) {
      throw new IllegalArgumentException(what + " is empty");
    }
    return v;
  }

  private static final class Fixed extends Auth {
    private final String name;
    private final String value;
    private final List<String> secrets;

    Fixed(String name, String value, List<String> secrets) {
      this.name = name;
      this.value = value;
      this.secrets = secrets;
    }

    @Override
    String headerName() {
      return name;
    }

    @Override
    String headerValue() {
      return value;
    }

    @Override
    List<String> secrets() {
      return secrets;
    }
  }

  private static final class Refreshing extends Auth {
    private final Supplier<String> tokens;
    private String token;
    // Every token ever used, so that an old one in a late log line is still redacted.
    private final java.util.Set<String> seen = new java.util.concurrent.CopyOnWriteArraySet<>();

    Refreshing(Supplier<String> tokens) {
      this.tokens = tokens;
    }

    @Override
    String headerName() {
      return "Authorization";
    }

    @Override
    synchronized String headerValue() {
      if (token == null) {
        fetch();
      }
      return "Bearer " + token;
    }

    @Override
    List<String> secrets() {
      return List.copyOf(seen);
    }

    @Override
    synchronized boolean refresh() {
      fetch();
      return true;
    }

    private void fetch() {
      token = require(tokens.get(), "refreshed token");
      seen.add(token);
    }
  }
}
