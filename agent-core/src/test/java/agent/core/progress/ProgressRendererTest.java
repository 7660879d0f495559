package agent.core.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressRendererTest {
  private static final Instant T0 = Instant.parse("2026-11-22T10:30:00Z");

  private static ProgressSnapshot at(long seconds, ProgressSnapshot.Integration... integrations) {
    return new ProgressSnapshot(T0.plusSeconds(seconds), List.of(integrations));
  }

  /** Running for {@code seconds}: 4 repositories and {@code prs} pull requests so far. */
  private static ProgressSnapshot.Integration running(String id, long seconds, long prs, long current, long total,
      String session) {
    return new ProgressSnapshot.Integration(id, "running", Map.of("sourcecode.PullRequest", prs, "sourcecode.Repo", 4L),
        current, total, session, null, seconds * 1000);
  }

  @Test
  void plainLinesSayCountsRateEtaAndWhere() {
    ProgressRenderer r = new ProgressRenderer();
    r.plainLines(at(0, running("mock", 0, 0, 0, 10, null)));
    List<String> lines = r.plainLines(at(10, running("mock", 10, 1000, 4, 10, "acme-0/api")));
    assertEquals(List.of("mock: running, 4/10 (40%), 1004 objects (sourcecode.PullRequest 1000, sourcecode.Repo 4),"
        + " 100 objects/s, ETA 15 s, at acme-0/api"), lines);
  }

  @Test
  void anUnknownTotalHasNoEtaAndAnEndedIntegrationItsTime() {
    ProgressRenderer r = new ProgressRenderer();
    r.plainLines(at(0, running("git", 0, 0, 0, 0, null)));
    assertEquals("git: running, 3 done, total unknown, 504 objects (sourcecode.PullRequest 500,"
        + " sourcecode.Repo 4), 250 objects/s, at commons-lang", r.plainLines(at(2, running("git", 2, 500, 3, 0, "commons-lang"))).get(0));
    ProgressSnapshot.Integration done = new ProgressSnapshot.Integration("git", "completed", Map.of("sourcecode.Commit", 800L),
        0, 0, null, null, 4000);
    assertEquals("git: completed, 800 objects (sourcecode.Commit 800), 200 objects/s, in 4.0 s",
        r.plainLines(at(4, done)).get(0));
  }

  @Test
  void aFirstLookHasTheAverageRateOfTheRunSoFar() {
    // The log's lines come every 10 s: the first one still has a rate.
    assertEquals("mock: running, 2/10 (20%), 2004 objects (sourcecode.PullRequest 2000, sourcecode.Repo 4), 200 objects/s,"
        + " ETA 40 s, at acme-0/api", new ProgressRenderer().plainLines(at(10, running("mock", 10, 2000, 2, 10, "acme-0/api"))).get(0));
  }

  @Test
  void aPauseSaysWhyAndWhenItEnds() {
    ProgressRenderer r = new ProgressRenderer();
    ProgressSnapshot.Integration paused = new ProgressSnapshot.Integration("gh", "running", Map.of(), 1, 3, "acme/api",
        new ProgressSnapshot.Pause("GitHub secondary rate limit", T0.plusSeconds(61)), 0);
    String line = r.plainLines(at(0, paused)).get(0);
    assertEquals("gh: paused, 1/3 (33%), 0 objects, paused until 2026-11-22T10:31:01Z (in 61 s):"
        + " GitHub secondary rate limit", line);
    List<String> frame = r.frame(at(1, paused), 200);
    assertTrue(frame.get(0).startsWith("gh  PAUSED    [######--------------] 1/3 33%  0 objects"), frame.get(0));
    assertTrue(frame.get(0).endsWith("paused until 2026-11-22T10:31:01Z (in 60 s): GitHub secondary rate limit"),
        frame.get(0));
  }

  @Test
  void theFrameHasABarAndTheModelTypesAndFitsTheWidth() {
    ProgressRenderer r = new ProgressRenderer();
    r.frame(at(0, running("mock", 0, 0, 0, 10, null), running("github", 0, 0, 0, 0, null)), 120);
    List<String> frame = r.frame(at(10, running("mock", 10, 12000, 5, 10, "acme-0/api"),
        new ProgressSnapshot.Integration("github", "starting", Map.of(), 0, 0, null, null, 0)), 120);
    assertEquals(List.of(
        "mock    running   [##########----------] 5/10 50%  12,004 objects  1200 objects/s  ETA 10 s  at acme-0/api",
        "        sourcecode.PullRequest 12,000  sourcecode.Repo 4",
        "github  starting  0 objects",
        ""), frame);
    List<String> narrow = r.frame(at(11, running("mock", 11, 12100, 5, 10, "acme-0/api")), 40);
    assertEquals("mock  running   [##########----------...", narrow.get(0));
    assertTrue(narrow.stream().allMatch(l -> l.length() <= 40), narrow.toString());
  }
}
