package agent.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.export.ExportReport;
import agent.core.export.IntegrationReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The summary line of each integration: objects, then requests and pauses where there were any. */
class ExportSummaryTest {

  private static IntegrationReport report(String id, int pauses, long pausedMs, Map<String, Long> requests) {
    return new IntegrationReport(id, id, true, null, false, 81_234, Map.of("sourcecode.PullRequest", 12_345L), List.of(),
        Map.of(), pauses, pausedMs, requests);
  }

  @Test
  void showsRequestsAndPausesOnlyForIntegrationsThatHadThem() {
    ExportReport r = new ExportReport("20261122T103000Z-3fa2c1", Path.of("/tmp/x"), 90_000, List.of(
        report("github", 2, 61_000, Map.of("requests", 120L, "not_modified", 30L, "retries", 2L, "bytes", 9L)),
        report("mock", 0, 0, Map.of())));
    StringWriter text = new StringWriter();
    ExportSummary.print(r, new PrintWriter(text));
    List<String> lines = text.toString().lines().toList();

    assertTrue(lines.contains("  github                   completed     81.2s  12345 objects, 120 requests (30 not modified, "
        + "2 retries), paused 2 times (61 s in all)"), text.toString());
    assertTrue(lines.contains("  mock                     completed     81.2s  12345 objects"), text.toString());
  }

  @Test
  void saysOnlyWhatHappened() {
    assertEquals("", ExportSummary.requestsAndPauses(report("gh", 0, 0, Map.of("requests", 0L, "bytes", 0L))),
        "a client that sent nothing");
    assertEquals(", 1 request", ExportSummary.requestsAndPauses(report("gh", 0, 0, Map.of("requests", 1L, "retries", 0L))));
    assertEquals(", paused once (2.5 s)", ExportSummary.requestsAndPauses(report("gh", 1, 2_500, Map.of())));
    assertEquals(", 7 requests (1 retry), paused 3 times (12 min 5 s in all)",
        ExportSummary.requestsAndPauses(report("gh", 3, 725_000, Map.of("requests", 7L, "retries", 1L))));
  }
}
