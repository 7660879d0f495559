package agent.rpcdef.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The encoding rules of {@link Hashcode}, each against the parts {@link Ids} hashes. */
class HashcodeTest {
  enum Color { RED }

  record Dated(Date date) {}

  record Texts(String a, String b) {}

  record Listed(List<Object> items) {}

  record Numbers(int i, long l, short s, byte b, boolean yes, double d, Integer boxed, char c) {}

  record Identified(String id, String refId, String refType, String customerId, String name)
      implements ExportedObject {}

  record Labelled(String id, String name) {}

  record Person(String name, String email) {}

  record Outer(String before, Person person, String after) {}

  record Deep(Outer outer, String last) {}

  record People(List<Person> people) {}

  record Mapped(Map<String, String> map) {}

  record Arrayed(String[] names) {}

  @Test
  void hashesDatesByInstantAndOffsetNotByToString() {
    Date d = Date.ofEpochMillis(1_700_000_000_000L, 60);
    assertEquals(Ids.of("1700000000000@60"), Hashcode.of(new Dated(d)));
    assertNotEquals(Hashcode.of(new Dated(d)), Hashcode.of(new Dated(Date.ofEpochMillis(1_700_000_000_000L, 0))));
    assertEquals(Ids.of("-5@-90"), Hashcode.of(new Dated(new Date(-5, -90, "ignored"))));
  }

  @Test
  void keepsListElementsApartAndNullsLikeEmptyStrings() {
    assertNotEquals(Hashcode.of(new Listed(List.of("ab", "c"))), Hashcode.of(new Listed(List.of("a", "bc"))));
    assertEquals(Ids.of("a\u001eb"), Hashcode.of(new Listed(List.of("a", "b"))));
    assertNotEquals(Hashcode.of(new Listed(List.of("a", "b"))), Hashcode.of(new Texts("a", "b")));
    assertEquals(Hashcode.of(new Texts("x", "")), Hashcode.of(new Texts("x", null)));
    assertEquals(Ids.of(""), Hashcode.of(new Listed(List.of())));
    assertEquals(Ids.of("a\u001e\u001eRED\u001e0@0"),
        Hashcode.of(new Listed(Arrays.asList("a", null, Color.RED, Date.ofEpochMillis(0, 0)))));
  }

  @Test
  void writesNumbersAndBooleansAsJavaPrintsThem() {
    assertEquals(Ids.of("-2147483648", "-9223372036854775808", "7", "-1", "true", "1.5", "", "x"),
        Hashcode.of(new Numbers(Integer.MIN_VALUE, Long.MIN_VALUE, (short) 7, (byte) -1, true, 1.5, null, 'x')));
    assertEquals(Ids.of("0", "9223372036854775807", "0", "0", "false", "0", "12", "x"),
        Hashcode.of(new Numbers(0, Long.MAX_VALUE, (short) 0, (byte) 0, false, 0.0, 12, 'x')));
  }

  record Fractions(Double boxed, float f, List<Double> list) {}

  @Test
  void writesFractionsAsTheirExactDecimalValueNotAsJavaPrintsThem() {
    assertEquals(Ids.of("5", "0.5", "1\u001e-0.25"), Hashcode.of(new Fractions(5.0, 0.5f, List.of(1.0, -0.25))));
    assertEquals(Ids.of("10000000", "0", ""), Hashcode.of(new Fractions(1e7, -0.0f, List.of())));
    // 2e23's Double.toString is 2.0000000000000002E23 before JDK 19 and 2.0E23 since; this is neither.
    assertEquals(Ids.of("199999999999999983222784", "0.100000001490116119384765625", "0.1000000000000000055511151231257827021181583404541015625"),
        Hashcode.of(new Fractions(2e23, 0.1f, List.of(0.1))));
    assertEquals(Ids.of("", "0", "\u001e3"), Hashcode.of(new Fractions(null, 0f, Arrays.asList(null, 3.0))));
    assertThrows(IllegalArgumentException.class, () -> Hashcode.of(new Fractions(Double.NaN, 0f, List.of())));
    assertThrows(IllegalArgumentException.class, () -> Hashcode.of(new Fractions(1.0, Float.POSITIVE_INFINITY, List.of())));
  }

  @Test
  void leavesOutTheIdOfAnExportedObjectOnly() {
    assertEquals(Ids.of("r", "t", "c", "n"), Hashcode.of(new Identified("any", "r", "t", "c", "n")));
    assertEquals(Hashcode.of(new Identified("one", "r", "t", "c", "n")),
        Hashcode.of(new Identified("other", "r", "t", "c", "n")));
    // A nested value's id (an issue's custom field) is content.
    assertEquals(Ids.of("customfield_10050", "n"), Hashcode.of(new Labelled("customfield_10050", "n")));
  }

  @Test
  void flattensANestedRecordAndANullOneIsAllEmptyParts() {
    assertEquals(Ids.of("b", "Ada", "ada@x", "a"), Hashcode.of(new Outer("b", new Person("Ada", "ada@x"), "a")));
    assertEquals(Ids.of("b", "", "", "a"), Hashcode.of(new Outer("b", null, "a")));
    assertEquals(Ids.of("", "", "", "", "z"), Hashcode.of(new Deep(null, "z")));
  }

  @Test
  void hashesARecordInAListAsItsOwnHashcode() {
    Person ada = new Person("Ada", null);
    Person bob = new Person("Bob", "bob@x");
    assertEquals(Ids.of(Hashcode.of(ada) + "\u001e" + Hashcode.of(bob)), Hashcode.of(new People(List.of(ada, bob))));
  }

  @Test
  void refusesTypesWithoutARuleInsteadOfHashingTheirToString() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Hashcode.of(new Mapped(Map.of())));
    assertTrue(e.getMessage().contains("Mapped.map"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Hashcode.of(new Arrayed(new String[0])));
    assertThrows(IllegalArgumentException.class, () -> Hashcode.of(new Listed(List.of(List.of("a")))));
  }

  @Test
  void isTheSameOnEveryCallAndEveryThread() throws Exception {
    Outer o = new Outer("b", new Person("Ada", "ada@x"), "a");
    String first = Hashcode.of(o);
    String[] other = new String[1];
    Thread t = new Thread(() -> other[0] = Hashcode.of(o));
    t.start();
    t.join();
    assertEquals(first, other[0]);
    assertEquals(first, Hashcode.of(o));
  }
}
