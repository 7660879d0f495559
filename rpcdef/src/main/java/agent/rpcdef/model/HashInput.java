package agent.rpcdef.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The bytes {@link Ids} hashes, built in one reusable per-thread buffer and digested in a single
 * update: ids and hashcodes are computed for every exported object, and feeding the digest one small
 * array per field cost more than SHA-256 itself. The bytes are exactly those of the documented rule:
 * each part's UTF-8 text followed by 0x1f.
 */
final class HashInput {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final ThreadLocal<HashInput> LOCAL = ThreadLocal.withInitial(HashInput::new);

  private final MessageDigest sha256;
  private final byte[] digest = new byte[32];
  private byte[] buf = new byte[1024];
  private int len;

  private HashInput() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** The calling thread's input, emptied. */
  static HashInput start() {
    HashInput in = LOCAL.get();
    in.len = 0;
    return in;
  }

  /** Appends a part's text and the separator; null is the empty text. */
  HashInput part(String s) {
    if (s != null) {
      text(s);
    }
    return separator();
  }

  /** Appends text without a separator, for parts made of several pieces. */
  HashInput text(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        // Rare: encode the rest properly rather than hand-rolling UTF-8 and surrogates.
        byte[] rest = s.substring(i).getBytes(StandardCharsets.UTF_8);
        ensure(rest.length);
        System.arraycopy(rest, 0, buf, len, rest.length);
        len += rest.length;
        return this;
      }
      buf[len++] = (byte) c;
    }
    return this;
  }

  HashInput text(char c) {
    if (c >= 0x80) {
      return text(String.valueOf(c));
    }
    ensure(1);
    buf[len++] = (byte) c;
    return this;
  }

  HashInput separator() {
    ensure(1);
    buf[len++] = 0x1f;
    return this;
  }

  /** The first 8 bytes of SHA-256 over what was appended, as 16 lowercase hex characters. */
  String hex16() {
    sha256.reset();
    sha256.update(buf, 0, len);
    try {
      sha256.digest(digest, 0, digest.length);
    } catch (java.security.DigestException e) {
      throw new IllegalStateException(e);
    }
    char[] out = new char[16];
    for (int i = 0; i < 8; i++) {
      out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[digest[i] & 0xf];
    }
    return new String(out);
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
  }
}
