package agent.rpcdef.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Stable identifiers of exported objects.
 *
 * <p>An object's {@code id} is {@code Ids.of(customerId, refType, refId, parentIds...)}: the same
 * source object always gets the same id, so duplicates after a retried export are harmless. Its
 * {@code hashcode} is {@code Ids.of(...)} over its content fields, so a receiver can tell a changed
 * object from a resent one. Both are 16 lowercase hex characters: the first 8 bytes of SHA-256 over
 * the parts, each followed by a 0x1f separator (so that ("ab","c") and ("a","bc") differ).
 */
public final class Ids {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
          });

  private Ids() {}

  /** Hashes the parts; a null part hashes like the empty string. */
  public static String of(Object... parts) {
    MessageDigest md = SHA256.get();
    md.reset();
    for (Object p : parts) {
      if (p != null) {
        md.update(String.valueOf(p).getBytes(StandardCharsets.UTF_8));
      }
      md.update((byte) 0x1f);
    }
    byte[] d = md.digest();
    char[] out = new char[16];
    for (int i = 0; i < 8; i++) {
      out[2 * i] = HEX[(d[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[d[i] & 0xf];
    }
    return new String(out);
  }
}
