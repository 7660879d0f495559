package agent.core.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Newlines#next} against a byte-by-byte search, wherever the newlines and bounds fall. */
class NewlinesTest {
  @Test
  void findsTheFirstNewlineInRange() {
    Random random = new Random(3);
    // Bytes next to '\n' (0x0a) in value, and high bytes, are the ones a word-at-a-time test could mistake.
    byte[] alphabet = {'\n', 0x0b, 0x09, 0x00, 0x01, (byte) 0x8a, (byte) 0xff, 'a', (byte) 0x8a, 0x0a};
    for (int round = 0; round < 20_000; round++) {
      byte[] text = new byte[random.nextInt(40)];
      for (int i = 0; i < text.length; i++) {
        text[i] = random.nextInt(6) == 0 ? alphabet[random.nextInt(alphabet.length)] : (byte) (random.nextInt(256));
      }
      int from = text.length == 0 ? 0 : random.nextInt(text.length + 1);
      int to = from + random.nextInt(text.length - from + 1);
      int expected = from;
      while (expected < to && text[expected] != '\n') {
        expected++;
      }
      assertEquals(expected, Newlines.next(text, from, to), "round " + round);
    }
  }
}
