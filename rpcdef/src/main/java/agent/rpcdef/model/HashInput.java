package agent.rpcdef.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The bytes {@link Ids} and {@link Hashcode} hash, built in one reusable per-thread buffer and
 * digested in a single update: ids and hashcodes are computed for every exported object, and feeding
 * the digest one small array per field cost more than SHA-256 itself. The bytes are exactly those of
 * the documented rule: each part's UTF-8 text followed by 0x1f.
 */
final class HashInput {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final ThreadLocal<HashInput> LOCAL = ThreadLocal.withInitial(HashInput::new);

  private final MessageDigest sha256;
  /** The input a nested record's hash is built in while this one is half built; made when first needed. */
  private HashInput child;
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

  /** Appends a number's decimal text without a separator, as {@link Long#toString} writes it. */
  HashInput number(long v) {
    if (v == Long.MIN_VALUE) {
      return text(Long.toString(v));
    }
    ensure(20);
    if (v < 0) {
      buf[len++] = '-';
      v = -v;
    }
    int start = len;
    do {
      buf[len++] = (byte) ('0' + v % 10);
      v /= 10;
    } while (v != 0);
    for (int i = start, j = len - 1; i < j; i++, j--) {
      byte t = buf[i];
      buf[i] = buf[j];
      buf[j] = t;
    }
    return this;
  }

  /** An emptied input for hashing a nested value while this one is being built; one per nesting depth. */
  HashInput child() {
    if (child == null) {
      child = new HashInput();
    }
    child.len = 0;
    return child;
  }

  /** Appends, as text, the {@link #hex16} of what {@code other} holds. */
  HashInput hex16Of(HashInput other) {
    digest(other);
    ensure(16);
    for (int i = 0; i < 8; i++) {
      buf[len++] = (byte) HEX[(other.digest[i] >> 4) & 0xf];
      buf[len++] = (byte) HEX[other.digest[i] & 0xf];
    }
    return this;
  }

  /** The {@link #hex16} of what was appended, as its 16 ASCII bytes. */
  byte[] hex16Bytes() {
    digest(this);
    byte[] out = new byte[16];
    for (int i = 0; i < 8; i++) {
      out[2 * i] = (byte) HEX[(digest[i] >> 4) & 0xf];
      out[2 * i + 1] = (byte) HEX[digest[i] & 0xf];
    }
    return out;
  }

  /** Appends ASCII text already encoded, without a separator. */
  HashInput ascii(byte[] text) {
    ensure(text.length);
    System.arraycopy(text, 0, buf, len, text.length);
    len += text.length;
    return this;
  }

  /** The first 8 bytes of SHA-256 over what was appended, as 16 lowercase hex characters. */
  String hex16() {
    digest(this);
    char[] out = new char[16];
    for (int i = 0; i < 8; i++) {
      out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[digest[i] & 0xf];
    }
    return new String(out);
  }

  private static void digest(HashInput in) {
    in.sha256.reset();
    in.sha256.update(in.buf, 0, in.len);
    try {
      in.sha256.digest(in.digest, 0, in.digest.length);
    } catch (java.security.DigestException e) {
      throw new IllegalStateException(e);
    }
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
  }
}
