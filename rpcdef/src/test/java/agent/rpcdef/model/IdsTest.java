package agent.rpcdef.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Ids and hashcodes follow the documented rule exactly: the first 8 bytes of SHA-256 over each
 * part's UTF-8 text followed by 0x1f. The expected values were computed outside Java (Python's
 * hashlib), so a faster implementation cannot silently change every id of every customer.
 */
class IdsTest {
  enum State { OPEN }

  /** One component of each kind the hashcode rule turns into text. */
  record Sample(String refId, String title, Date date, State state, List<String> shas, String absent, int count) {}

  @Test
  void idsMatchTheDocumentedRule() {
    assertEquals("a19489609a953da6", Ids.of("local", "mock", "PR_1"));
    assertEquals("bad25e66fd6ed23b", Ids.of("ab", "c"));
    assertEquals("c19c624f39b98fbd", Ids.of("a", "bc"));
    assertEquals("d6c755c45c84bf3e", Ids.of(null, "x"));
  }

  @Test
  void hashcodesTurnValuesIntoTheDocumentedText() {
    // Date -> "<epoch>@<offset>", enum -> name, list -> elements joined by 0x1e, null -> "", number -> text.
    assertEquals("63c6320af449c815", Hashcode.of(new Sample("r1", "Titel mit Umlaut: äöü ☃",
        Date.ofEpochMillis(1672651489000L, -300), State.OPEN, List.of("sha1", "sha2"), null, 42)));
    assertNotEquals(Hashcode.of(new Sample("r1", "x", null, null, null, null, 0)),
        Hashcode.of(new Sample("r1", "y", null, null, null, null, 0)));
  }

  @Test
  void longInputsGrowTheBufferAndStayCorrect() {
    String big = "x".repeat(10_000);
    assertEquals(Ids.of(big, "a"), Ids.of(big, "a"));
    assertNotEquals(Ids.of(big, "a"), Ids.of(big + "a"));
  }
}
