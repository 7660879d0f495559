package agent.core.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryTokenTest {
  @Test
  void roundTripsSortedByRef() {
    HistoryToken t = new HistoryToken(Map.of("refs/heads/main", "a".repeat(40), "refs/heads/b", "b".repeat(40)));
    String s = t.format();
    assertEquals("{\"refs\":{\"refs/heads/b\":\"" + "b".repeat(40) + "\",\"refs/heads/main\":\"" + "a".repeat(40)
        + "\"}}", s);
    assertEquals(t, HistoryToken.parse(s));
  }

  @Test
  void emptyAndMalformed() {
    assertTrue(HistoryToken.parse(null).tips().isEmpty());
    assertTrue(HistoryToken.parse("").tips().isEmpty());
    assertThrows(IllegalArgumentException.class, () -> HistoryToken.parse("{"));
    assertThrows(IllegalArgumentException.class, () -> HistoryToken.parse("{\"x\":1}"));
    assertThrows(IllegalArgumentException.class, () -> HistoryToken.parse("{\"refs\":{\"refs/heads/a\":\"zz\"}}"));
  }
}
