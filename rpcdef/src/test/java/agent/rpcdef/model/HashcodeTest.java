package agent.rpcdef.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class HashcodeTest {

  @Test
  void hashesDatesByInstantAndOffsetNotByToString() {
    Date d = Date.ofEpochMillis(1_700_000_000_000L, 60);
    assertEquals(Ids.of("1700000000000@60"), Hashcode.of(d));
    assertNotEquals(Hashcode.of(d), Hashcode.of(Date.ofEpochMillis(1_700_000_000_000L, 0)));
  }

  @Test
  void keepsListElementsApartAndNullsLikeEmptyStrings() {
    assertNotEquals(Hashcode.of(List.of("ab", "c")), Hashcode.of(List.of("a", "bc")));
    assertNotEquals(Hashcode.of(List.of("a", "b")), Hashcode.of("a", "b"));
    assertEquals(Hashcode.of("x", ""), Hashcode.of("x", null));
  }

  @Test
  void doesNotModifyTheCallersArray() {
    Object[] fields = {Date.ofEpochMillis(0, 0), List.of("a")};
    Hashcode.of(fields);
    assertEquals(Date.ofEpochMillis(0, 0), fields[0]);
  }
}
