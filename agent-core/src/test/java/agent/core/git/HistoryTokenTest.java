package agent.core.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
  void aShallowRepositorysBoundaryRoundTripsAndACompleteOnesTokenIsUnchanged() {
    Map<String, String> tips = Map.of("refs/heads/main", "a".repeat(40));
    HistoryToken shallow = new HistoryToken(tips, List.of("d".repeat(40), "c".repeat(40)));
    String s = shallow.format();
    assertEquals("{\"refs\":{\"refs/heads/main\":\"" + "a".repeat(40) + "\"},\"shallow\":[\"" + "c".repeat(40)
        + "\",\"" + "d".repeat(40) + "\"]}", s);
    assertEquals(shallow, HistoryToken.parse(s));
    assertEquals(List.of("c".repeat(40), "d".repeat(40)), HistoryToken.parse(s).shallow());

    assertEquals("{\"refs\":{\"refs/heads/main\":\"" + "a".repeat(40) + "\"}}", new HistoryToken(tips).format(),
        "no boundary, no field: the token of a complete repository is what it always was");
    assertEquals(List.of(), HistoryToken.parse(new HistoryToken(tips).format()).shallow());
    assertThrows(IllegalArgumentException.class, () -> HistoryToken.parse("{\"refs\":{},\"shallow\":\"x\"}"));
    assertThrows(IllegalArgumentException.class, () -> HistoryToken.parse("{\"refs\":{},\"shallow\":[\"zz\"]}"));
  }

  @Test
  void theHighestOrdinalRoundTripsAndAnOlderTokenHasNone() {
    Map<String, String> tips = Map.of("refs/heads/main", "a".repeat(40));
    HistoryToken t = new HistoryToken(tips, List.of(), 1234);
    String s = t.format();
    assertEquals("{\"refs\":{\"refs/heads/main\":\"" + "a".repeat(40) + "\"},\"ordinal\":1234}", s);
    assertEquals(t, HistoryToken.parse(s));
    assertEquals(0, HistoryToken.parse("{\"refs\":{},\"ordinal\":0}").ordinal());
    assertEquals(HistoryToken.NO_ORDINAL, HistoryToken.parse("{\"refs\":{}}").ordinal(), "written before ordinals");
    assertEquals(HistoryToken.NO_ORDINAL, HistoryToken.empty().ordinal());
    assertThrows(IllegalArgumentException.class, () -> HistoryToken.parse("{\"refs\":{},\"ordinal\":-1}"));
    assertThrows(IllegalArgumentException.class, () -> HistoryToken.parse("{\"refs\":{},\"ordinal\":\"7\"}"));
    assertThrows(IllegalArgumentException.class, () -> HistoryToken.parse("{\"refs\":{},\"ordinal\":1.5}"));
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
