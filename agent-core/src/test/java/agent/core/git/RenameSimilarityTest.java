package agent.core.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectStream;
import org.junit.jupiter.api.Test;

/**
 * The score against cases settled with git 2.39 on crafted files: each comment gives what {@code
 * git diff-tree -M01 --name-status} printed for the removed first and the added second file
 * ({@code R<percent>}, or nothing when the score is under 1%). {@link RenameOracleTest} checks
 * random pairs against the git binary itself.
 */
class RenameSimilarityTest {
  private static final int MAX = RenameSimilarity.MAX_SCORE;

  @Test
  void theBytesAfterTheLastNewlineCountForNothing() {
    // R062: 15 of 24 bytes; "dddd" is in both but is no complete chunk.
    assertScore(15, 24, "aaaa\nbbbb\ncccc\ndddd", "aaaa\nbbbb\ncccc\nxxxx\ndddd");
    // R080 with the newlines: 20 of 25.
    assertScore(20, 25, "aaaa\nbbbb\ncccc\ndddd\n", "aaaa\nbbbb\ncccc\nxxxx\ndddd\n");
    // Nothing: the same last line, without its newline, on both sides.
    assertScore(0, 10, "x\nLASTLINE", "y\nLASTLINE");
    assertScore(0, 9, "LASTLINE", "LASTLINEx");
    // R081: with its newline it matches, 9 of 11.
    assertScore(9, 11, "x\nLASTLINE\n", "y\nLASTLINE\n");
  }

  @Test
  void aChunkEndsAtItsSixtyFourthByte() {
    String a63 = "a".repeat(63);
    String a64 = "a".repeat(64);
    // R079: the first 64 bytes of the line match, 64 of 81.
    assertScore(64, 81, a64 + "X".repeat(16) + "\n", a64 + "Y".repeat(16) + "\n");
    // Nothing: the 64th byte differs, and so does the rest.
    assertScore(0, 80, a63 + "X".repeat(16) + "\n", a63 + "Y".repeat(16) + "\n");
    // R001: the newline after a full chunk is a chunk of its own, 1 of 65.
    assertScore(1, 65, a63 + "X\n", a63 + "Z\n");
    // R050: 64 + 1 of 129.
    assertScore(65, 129, a63 + "X" + a63 + "Y\n", a63 + "Z" + a63 + "Y\n");
    // R096: a chunk complete at its 64th byte counts at the end of the file too, 64 of 66.
    assertScore(64, 66, "q\n" + a64, "r\n" + a64);
  }

  @Test
  void theCrOfACrlfInATextFileIsNeitherHashedNorCounted() {
    // R083: CRLF and LF lines are the same chunks of 5 bytes; the size is the blob's, 15 of 18.
    assertScore(15, 18, "aaaa\r\nbbbb\r\ncccc\r\n", "aaaa\nbbbb\ncccc\n");
    assertScore(15, 18, "aaaa\nbbbb\ncccc\n", "aaaa\r\nbbbb\r\ncccc\r\n");
    // R055: two CRLF lines in common count 5 bytes each, 10 of 18.
    assertScore(10, 18, "aaaa\r\nbbbb\r\ncccc\r\n", "aaaa\r\nbbbb\r\nxxxx\r\n");
    // R094: a dropped CR does not count toward the 64 bytes, 64 of 68.
    String a63 = "a".repeat(63);
    assertScore(64, 68, a63 + "\r\nzz\n", a63 + "\nyy\n");
    // R096: a CR at the end of the file, with no LF after it, is a byte like any other, 64 of 66.
    assertScore(64, 66, "q\n" + a63 + "\r", "r\n" + a63 + "\r");
    // R096: as is a CR before any other byte, here the 64th of a chunk, 64 of 66.
    assertScore(64, 66, a63 + "\rX\n", a63 + "\rY\n");
  }

  @Test
  void aLoneCrIsAnOrdinaryByte() {
    // R045: 10 of 22.
    assertScore(10, 22, "aaaa\rbbbb\n", "aaaa\rbbbb\nyyyyyyyyyyy\n");
  }

  @Test
  void aBinaryFileKeepsItsCrsAndEachFileIsJudgedOnItsOwn() {
    // R063: with a NUL, the CRs stay: 12 of 19 (the NUL is after the last chunk).
    assertScore(12, 19, "aaaa\r\nbbbb\r\ncccc\r\n\0", "aaaa\r\nbbbb\r\nxxxx\r\n\0");
    StringBuilder crlf = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      crlf.append(String.format("line %04d here\r\n", i));
    }
    // Nothing: the binary side's chunks end in CRLF, the text side's in LF.
    assertScore(0, 1603, "\0\n" + crlf, "zz\n" + crlf);
    assertScore(0, 1603, "zz\n" + crlf, "\0\n" + crlf);
    // R099 and R093: both binary, both text.
    assertScore(1602, 1604, "\0\n" + crlf, "\0\n" + crlf + "q\n");
    assertScore(1503, 1605, "zz\n" + crlf, "zz\n" + crlf + "q\n");
  }

  @Test
  void aNulPastTheFirst8000BytesLeavesTheFileText() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 600; i++) {
      b.append(String.format("line %04d here\r\n", i));
    }
    // Against the same lines with LF only. Nothing with the NUL at byte 7999: a binary file keeps its
    // CRs. R093 with it at byte 8000: every line matches, 9000 of 9600.
    String binary = withNulAt(b, 7999);
    assertScore(0, 9600, binary, binary.replace("\r\n", "\n"));
    String text = withNulAt(b, 8000);
    assertScore(9000, 9600, text, text.replace("\r\n", "\n"));
  }

  @Test
  void aRepeatedChunkCountsTheSmallerNumberOfItsBytes() {
    // R025: "aa\n" three times against once, 3 of 12.
    assertScore(3, 12, "aa\naa\naa\nzz\n", "aa\nyy\nxx\nww\n");
    // Lines moved around keep all their bytes.
    assertScore(12, 12, "aa\nbb\ncc\ndd\n", "dd\ncc\nbb\naa\n");
  }

  @Test
  void emptyFilesScoreNothing() {
    assertEquals(0, score("", ""));
    assertEquals(0, score("", "a\n"));
    assertEquals(0, score("a\n", ""));
  }

  @Test
  void aStreamedBlobScoresAsTheSameBytesInMemory() throws IOException {
    // A CRLF split across the stream's 64 KiB reads, and a NUL-free first 8000 bytes.
    Random random = new Random(3);
    StringBuilder b = new StringBuilder();
    while (b.length() < (1 << 16) - 1) {
      b.append("line ").append(random.nextInt(500)).append(random.nextBoolean() ? "\r\n" : "\n");
    }
    b.setLength((1 << 16) - 1);
    b.append("\r\nlast line\r\n");
    byte[] bytes = b.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] lf = b.toString().replace("\r\n", "\n").getBytes(StandardCharsets.US_ASCII);
    RenameSimilarity inMemory = RenameSimilarity.of(bytes);
    RenameSimilarity streamed = RenameSimilarity.of(large(bytes));
    assertEquals(bytes.length, streamed.size());
    assertEquals(inMemory.score(RenameSimilarity.of(lf)), streamed.score(RenameSimilarity.of(lf)));
    assertEquals(MAX * (long) lf.length / bytes.length, streamed.score(RenameSimilarity.of(lf)));
  }

  @Test
  void aFileOfMoreChunksThanTheLimitIsNotIndexed() throws IOException {
    byte[] atLimit = new byte[RenameSimilarity.MAX_CHUNKS * RenameSimilarity.CHUNK_BYTES];
    Arrays.fill(atLimit, (byte) 'x');
    assertNotNull(RenameSimilarity.of(atLimit));
    byte[] over = Arrays.copyOf(atLimit, atLimit.length + 1);
    over[over.length - 1] = '\n';
    assertNull(RenameSimilarity.of(over));
    assertNull(RenameSimilarity.of(large(over)));
    // The bytes after the last chunk are no chunk: still indexed.
    over[over.length - 1] = 'x';
    assertNotNull(RenameSimilarity.of(over));
  }

  private static void assertScore(int copied, int larger, String src, String dst) {
    assertEquals(larger, Math.max(src.length(), dst.length()), "the larger size");
    assertEquals((int) ((long) copied * MAX / larger), score(src, dst), src + " -> " + dst);
  }

  private static int score(String src, String dst) {
    return RenameSimilarity.of(src.getBytes(StandardCharsets.ISO_8859_1))
        .score(RenameSimilarity.of(dst.getBytes(StandardCharsets.ISO_8859_1)));
  }

  private static String withNulAt(StringBuilder b, int at) {
    char[] c = b.toString().toCharArray();
    c[at] = 0;
    return new String(c);
  }

  /** A loader that hands out {@code bytes} as a stream only, as JGit does for a large object. */
  private static ObjectLoader large(byte[] bytes) {
    return new ObjectLoader() {
      @Override
      public int getType() {
        return Constants.OBJ_BLOB;
      }

      @Override
      public long getSize() {
        return bytes.length;
      }

      @Override
      public boolean isLarge() {
        return true;
      }

      @Override
      public byte[] getCachedBytes() {
        throw new UnsupportedOperationException("large");
      }

      @Override
      public ObjectStream openStream() {
        return new ObjectStream.Filter(Constants.OBJ_BLOB, bytes.length, new ByteArrayInputStream(bytes));
      }
    };
  }
}
