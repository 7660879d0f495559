package agent.core.output;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Passes bytes through to the file and keeps their SHA-256 and count, so a finished file's checksum
 * and size are known without reading it back. Not thread-safe.
 */
final class HashingOutputStream extends FilterOutputStream {
  private final MessageDigest sha256;
  private long count;

  HashingOutputStream(OutputStream out) {
    super(out);
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    sha256.update((byte) b);
    count++;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    // FilterOutputStream would write byte by byte: pass the slice through whole.
    out.write(b, off, len);
    sha256.update(b, off, len);
    count += len;
  }

  /** Bytes written so far. */
  long count() {
    return count;
  }

  /** The SHA-256 of everything written, lowercase hex. Call once, at the end. */
  String sha256Hex() {
    return HexFormat.of().formatHex(sha256.digest());
  }
}
