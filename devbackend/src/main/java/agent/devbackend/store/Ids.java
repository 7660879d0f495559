package agent.devbackend.store;

import agent.devbackend.http.ApiException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Id rules of the API ({@code [A-Za-z0-9._-]}, at most 128 characters) and id minting. */
public final class Ids {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  /**
   * Returns {@code value} when it is a valid id (and so a safe file name: never {@code .} or {@code
   * ..}); otherwise 400 naming {@code what}.
   */
  public static String require(String what, String value) {
    if (value == null || !ID.matcher(value).matches() || value.equals(".") || value.equals("..")) {
      throw ApiException.badRequest(what + " must match [A-Za-z0-9._-]{1,128}, got " + value);
    }
    return value;
  }

  /** {@code n} random bytes as lowercase hex. */
  public static String randomHex(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** A new id: the prefix, a sortable time part and a random part, e.g. {@code cmd-...-3fa2c1}. */
  public static String mint(String prefix) {
    return prefix + "-" + Instant.now().toEpochMilli() + "-" + randomHex(3);
  }

  /** The current time in RFC 3339 (UTC). */
  public static String now() {
    return Instant.now().toString();
  }
}
