package agent.core.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PathMapTest {
  @Test
  void behavesAsAMapUnderRandomPutsAndRemovesAndNeverChangesAnOlderVersion() {
    Random random = new Random(3);
    // "Aa" and "BB" have the same String hash, so the keys also exercise collision nodes.
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      keys.add("src/" + i + (random.nextBoolean() ? "Aa" : "BB") + ".java");
    }
    Map<String, Integer> expected = new HashMap<>();
    PathMap<Integer> actual = PathMap.empty();
    List<PathMap<Integer>> versions = new ArrayList<>();
    List<Map<String, Integer>> snapshots = new ArrayList<>();
    for (int step = 0; step < 20_000; step++) {
      String key = keys.get(random.nextInt(keys.size()));
      if (random.nextInt(3) == 0) {
        expected.remove(key);
        actual = actual.remove(key);
      } else {
        expected.put(key, step);
        actual = actual.put(key, step);
      }
      if (step % 2000 == 0) {
        versions.add(actual);
        snapshots.add(new HashMap<>(expected));
      }
    }
    assertEquals(expected, toMap(actual));
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < versions.size(); i++) {
      assertEquals(snapshots.get(i), toMap(versions.get(i)), "version " + i + " is unchanged");
    }
    for (String k : keys) {
      assertEquals(expected.get(k), actual.get(k));
    }
  }

  @Test
  void collidingKeysAreKeptApartAndRemovingTheLastEntryGivesTheEmptyMap() {
    PathMap<String> m = PathMap.<String>empty().put("Aa", "1").put("BB", "2");
    assertEquals("1", m.get("Aa"));
    assertEquals("2", m.get("BB"));
    PathMap<String> one = m.remove("Aa");
    assertNull(one.get("Aa"));
    assertEquals("2", one.get("BB"));
    assertSame(PathMap.empty(), one.remove("BB"));
    assertSame(one, one.remove("missing"), "removing a missing key changes nothing");
  }

  private static Map<String, Integer> toMap(PathMap<Integer> m) {
    Map<String, Integer> out = new HashMap<>();
    m.forEach(out::put);
    return out;
  }
}
