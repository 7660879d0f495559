package agent.core.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link LineTable} against a plain byte-by-byte split and a map of line texts: its word-at-a-time
 * newline scan and hash must give the same lines and the same ids wherever the newlines fall.
 */
class LineTableTest {
  @Test
  void splitsAndInternsLikeAPlainScan() {
    Random random = new Random(7);
    LineTable table = new LineTable();
    byte[] alphabet = {'\n', '\n', 'a', 'b', '\r', (byte) 0x8a, (byte) 0xff, 0x0b, 0x09, 0x01};
    for (int round = 0; round < 3_000; round++) {
      // Few distinct bytes, so that equal lines of every length up to a few words are common.
      byte[] oldText = text(random, alphabet, random.nextInt(round < 1_000 ? 40 : 400));
      byte[] newText = random.nextBoolean() ? text(random, alphabet, random.nextInt(400)) : mutate(random, oldText);
      // Text past the length given is not part of it.
      byte[] oldPadded = Arrays.copyOf(oldText, oldText.length + random.nextInt(9));
      Arrays.fill(oldPadded, oldText.length, oldPadded.length, (byte) '\n');
      table.load(oldPadded, oldText.length, newText, newText.length);

      List<String> oldLines = lines(oldText);
      List<String> newLines = lines(newText);
      assertEquals(oldLines.size(), table.oldLines, "old lines of round " + round);
      assertEquals(newLines.size(), table.newLines, "new lines of round " + round);
      Map<String, Integer> idOf = new HashMap<>();
      int[] oldCount = new int[oldLines.size() + newLines.size()];
      int[] newCount = new int[oldCount.length];
      for (int i = 0; i < oldLines.size(); i++) {
        assertEquals(offsetOf(oldText, i), table.oldStarts[i], "start of old line " + i + ", round " + round);
        int id = idOf.computeIfAbsent(oldLines.get(i), k -> idOf.size());
        assertEquals(id, table.oldIds[i], "id of old line " + i + ", round " + round);
        oldCount[id]++;
      }
      assertEquals(oldText.length, table.oldStarts[oldLines.size()], "end of the old text, round " + round);
      for (int i = 0; i < newLines.size(); i++) {
        assertEquals(offsetOf(newText, i), table.newStarts[i], "start of new line " + i + ", round " + round);
        int id = idOf.computeIfAbsent(newLines.get(i), k -> idOf.size());
        assertEquals(id, table.newIds[i], "id of new line " + i + ", round " + round);
        newCount[id]++;
      }
      assertEquals(idOf.size(), table.ids(), "distinct lines of round " + round);
      for (int id = 0; id < table.ids(); id++) {
        assertEquals(oldCount[id], table.oldCount[id], "old occurrences of id " + id + ", round " + round);
        assertEquals(newCount[id], table.newCount[id], "new occurrences of id " + id + ", round " + round);
      }
    }
  }

  private static byte[] text(Random random, byte[] alphabet, int length) {
    byte[] t = new byte[length];
    int lineLength = 1 + random.nextInt(20);
    for (int i = 0; i < length; i++) {
      t[i] = random.nextInt(lineLength) == 0 ? (byte) '\n' : alphabet[2 + random.nextInt(alphabet.length - 2)];
    }
    return t;
  }

  private static byte[] mutate(Random random, byte[] text) {
    byte[] t = text.clone();
    for (int i = random.nextInt(4); i > 0 && t.length > 0; i--) {
      t[random.nextInt(t.length)] = random.nextBoolean() ? (byte) '\n' : (byte) 'z';
    }
    return t;
  }

  /** Lines as ISO-8859-1 strings, each with its newline; a last line may lack one. */
  private static List<String> lines(byte[] text) {
    List<String> lines = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < text.length; i++) {
      if (text[i] == '\n') {
        lines.add(new String(text, from, i + 1 - from, java.nio.charset.StandardCharsets.ISO_8859_1));
        from = i + 1;
      }
    }
    if (from < text.length) {
      lines.add(new String(text, from, text.length - from, java.nio.charset.StandardCharsets.ISO_8859_1));
    }
    return lines;
  }

  private static int offsetOf(byte[] text, int line) {
    int at = 0;
    for (int l = 0; l < line; l++) {
      while (text[at] != '\n') {
        at++;
      }
      at++;
    }
    return at;
  }
}
