package agent.cmd;

import agent.core.export.ExportReport;
import agent.core.export.IntegrationReport;
import agent.rpcdef.internal.RequestCounters;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The summary an export prints at the end: per integration, objects per model type, duration,
 * result, and where there were any, its HTTP requests and rate-limit pauses.
 */
final class ExportSummary {
  private ExportSummary() {}

  static void print(ExportReport r, PrintWriter out) {
    out.println();
    long ok = r.integrations().stream().filter(IntegrationReport::completed).count();
    out.printf("Export %s %s in %s: %d of %d integration(s) completed%n", r.exportId(), r.status(), seconds(r.durationMs()), ok,
        r.integrations().size());
    for (IntegrationReport i : r.integrations()) {
      out.printf("  %-24s %-10s %8s  %d objects%s%n", i.id() + (i.id().equals(i.name()) ? "" : " (" + i.name() + ")"),
          i.completed() ? "completed" : "FAILED", seconds(i.durationMs()), i.totalObjects(), requestsAndPauses(i));
      for (Map.Entry<String, Long> m : i.objects().entrySet()) {
        out.printf("      %-36s %10d%n", m.getKey(), m.getValue());
      }
      if (!i.completed()) {
        out.println("    error: " + i.error().replace("\n", "\n    "));
        out.println("    nothing of it was committed: the next export covers its data again");
      }
    }
    if (r.exportDir() != null) {
      out.println("Output: " + r.exportDir());
      out.println("Read it: agent cat " + r.exportDir() + " | jq .");
    } else if (r.environmentFailure() != null) {
      out.println("No output kept: the export was aborted and nothing of it was committed.");
    } else {
      out.println("No output kept: every integration rejected its config.");
    }
    out.flush();
  }

  /**
   * ", 120 requests (30 not modified, 2 retries), paused 2 times (61 s in all)": what the integration's
   * HTTP client counted and how often it waited for a rate limit; "" for an integration without
   * either (no HTTP requests, no pauses).
   */
  static String requestsAndPauses(IntegrationReport i) {
    StringBuilder out = new StringBuilder();
    long requests = i.requestStats().getOrDefault(RequestCounters.REQUESTS, 0L);
    if (requests > 0) {
      out.append(", ").append(requests).append(requests == 1 ? " request" : " requests");
      List<String> details = new ArrayList<>();
      long notModified = i.requestStats().getOrDefault(RequestCounters.NOT_MODIFIED, 0L);
      long retries = i.requestStats().getOrDefault(RequestCounters.RETRIES, 0L);
      if (notModified > 0) {
        details.add(notModified + " not modified");
      }
      if (retries > 0) {
        details.add(retries + (retries == 1 ? " retry" : " retries"));
      }
      if (!details.isEmpty()) {
        out.append(" (").append(String.join(", ", details)).append(')');
      }
    }
    if (i.pauses() > 0) {
      out.append(", paused ").append(i.pauses() == 1 ? "once" : i.pauses() + " times")
          .append(" (").append(waited(i.pausedMs())).append(i.pauses() == 1 ? ")" : " in all)");
    }
    return out.toString();
  }

  /** "0.4 s", "61 s", "12 min 5 s". */
  private static String waited(long ms) {
    long s = (ms + 500) / 1000;
    if (ms < 10_000) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    return s < 120 ? s + " s" : (s / 60) + " min " + (s % 60) + " s";
  }

  private static String seconds(long ms) {
    return String.format("%.1fs", ms / 1000.0);
  }
}
