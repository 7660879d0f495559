package agent.rpcdef.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestCountersTest {

  @Test
  void theKnownCountersComeFirstInTheirOrderThenOthersByName() {
    Map<String, Long> shown = RequestCounters.ordered(
        Map.of("cache_hits", 7L, "bytes", 4096L, "requests", 120L, "a_custom", 1L, "not_modified", 30L));
    assertEquals(List.of("requests", "not_modified", "bytes", "a_custom", "cache_hits"), List.copyOf(shown.keySet()));
    assertEquals(Map.of(), RequestCounters.ordered(null));
    assertEquals(Map.of(), RequestCounters.ordered(Map.of()));
  }
}
