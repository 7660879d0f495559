package agent.devbackend.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * RFC 3986 percent-decoding of one path segment or query part. Unlike {@code URLDecoder} it leaves
 * {@code '+'} alone: in a path a plus is a plus.
 */
public final class PercentDecoding {
  private PercentDecoding() {}

  /** Decodes {@code %XX} escapes as UTF-8; 400 on a malformed escape. */
  public static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '%') {
        out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        continue;
      }
      if (i + 2 >= s.length()) {
        throw ApiException.badRequest("malformed percent-escape in " + s);
      }
      int hi = Character.digit(s.charAt(i + 1), 16);
      int lo = Character.digit(s.charAt(i + 2), 16);
      if (hi < 0 || lo < 0) {
        throw ApiException.badRequest("malformed percent-escape in " + s);
      }
      out.write(hi * 16 + lo);
      i += 2;
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
