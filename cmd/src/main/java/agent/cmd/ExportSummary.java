package agent.cmd;

import agent.core.export.ExportReport;
import agent.core.export.IntegrationReport;
import java.io.PrintWriter;
import java.util.Map;

/** The summary an export prints at the end: per integration, objects per model type, duration, result. */
final class ExportSummary {
  private ExportSummary() {}

  static void print(ExportReport r, PrintWriter out) {
    out.println();
    long ok = r.integrations().stream().filter(IntegrationReport::completed).count();
    out.printf("Export %s %s in %s: %d of %d integration(s) completed%n", r.exportId(), r.status(), seconds(r.durationMs()), ok,
        r.integrations().size());
    for (IntegrationReport i : r.integrations()) {
      out.printf("  %-24s %-10s %8s  %d objects%n", i.id() + (i.id().equals(i.name()) ? "" : " (" + i.name() + ")"),
          i.completed() ? "completed" : "FAILED", seconds(i.durationMs()), i.totalObjects());
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
      out.println("Read it: zcat " + r.exportDir() + "/*/*/*.json.gz | jq .");
    } else {
      out.println("No output kept: every integration rejected its config.");
    }
    out.flush();
  }

  private static String seconds(long ms) {
    return String.format("%.1fs", ms / 1000.0);
  }
}
