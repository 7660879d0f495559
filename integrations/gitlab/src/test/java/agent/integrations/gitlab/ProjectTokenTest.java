package agent.integrations.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectTokenTest {
  private static final Instant T = Instant.parse("2026-11-30T10:00:00Z");

  @Test
  void keepsTheMergeRequestsWithinTheOverlapAndRoundTrips() {
    ProjectToken old = new ProjectToken(T, Map.of(1, T.minusSeconds(30), 2, T));
    ProjectToken next = ProjectToken.after(old, T.plusSeconds(100),
        Map.of(3, T.plusSeconds(100), 4, T.minusSeconds(60), 2, T.plusSeconds(90)), Duration.ofMinutes(2));
    assertEquals(T.plusSeconds(100), next.updatedAt());
    // 1 and 4 fell out of the window before the new newest; 2 carries its newer time.
    assertEquals(Map.of(2, T.plusSeconds(90), 3, T.plusSeconds(100)), next.recent());
    ProjectToken read = ProjectToken.parse(next.toJson());
    assertEquals(next, read);
    assertTrue(read.seen(3, T.plusSeconds(100)));
    assertFalse(read.seen(3, T.plusSeconds(101)), "an update since is read again");
    assertFalse(read.seen(1, T.minusSeconds(30)));
  }

  @Test
  void aTokenNotWrittenHereMeansAFullRead() {
    assertEquals(ProjectToken.NONE, ProjectToken.parse(""));
    assertEquals(ProjectToken.NONE, ProjectToken.parse("{\"updated_at\":\"yesterday\"}"));
    assertEquals(ProjectToken.NONE, ProjectToken.parse("{\"recent\":{\"x\":\"2026-01-01T00:00:00Z\"}}"));
    assertEquals(ProjectToken.NONE, ProjectToken.parse("not json"));
    // Nothing listed: the old token stands.
    ProjectToken old = new ProjectToken(T, Map.of(1, T));
    assertEquals(old, ProjectToken.after(old, null, Map.of(), Duration.ofMinutes(2)));
  }
}
