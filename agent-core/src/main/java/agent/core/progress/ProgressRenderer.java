package agent.core.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns {@link ProgressSnapshot}s into what people read: the frame of the live display on a terminal
 * ({@link #frame}) and, anywhere else, one plain line per integration ({@link #plainLines}). Both say
 * the same: per integration its status, the top session's {@code current/total}, the objects so far by
 * model type, the rate (objects per second over the last {@value #WINDOW_SECONDS} s), an ETA when the
 * total is known, the session that reported last, and a rate-limit pause with its resume time.
 *
 * <p>It remembers earlier snapshots for the rates, so one renderer serves one export. No terminal is
 * involved: the frame is plain strings, its in-place redraw is the caller's. Not thread-safe.
 */
public final class ProgressRenderer {
  static final long WINDOW_SECONDS = 10;
  private static final int BAR = 20;

  private record Sample(Instant time, long objects) {}

  private final Map<String, Deque<Sample>> samples = new HashMap<>();

  /** The facts of one integration at one snapshot, computed once for both forms. */
  private record Facts(ProgressSnapshot.Integration i, double rate, Duration eta, Duration elapsed) {}

  /**
   * The live display: two lines per integration (its progress, then its objects by model type), each cut
   * to {@code width} characters.
   */
  public List<String> frame(ProgressSnapshot s, int width) {
    List<String> out = new ArrayList<>();
    int idWidth = Math.min(24, s.integrations().stream().mapToInt(i -> i.id().length()).max().orElse(4));
    for (Facts f : observe(s)) {
      ProgressSnapshot.Integration i = f.i();
      StringBuilder l = new StringBuilder();
      l.append(pad(i.id(), idWidth)).append("  ").append(pad(i.pause() != null ? "PAUSED" : i.status(), 9)).append(' ');
      if (i.total() > 0) {
        l.append(bar(i.current(), i.total())).append(' ').append(i.current()).append('/').append(i.total())
            .append(' ').append(percent(i.current(), i.total())).append("  ");
      } else if (i.current() > 0) {
        l.append(i.current()).append(" done  ");
      }
      l.append(String.format(Locale.ROOT, "%,d objects", i.totalObjects()));
      if (f.rate() >= 0) {
        l.append("  ").append(rate(f.rate()));
      }
      if (i.ended()) {
        l.append("  in ").append(duration(f.elapsed()));
      } else if (f.eta() != null) {
        l.append("  ETA ").append(duration(f.eta()));
      }
      if (i.pause() != null) {
        l.append("  ").append(pause(i.pause(), s.time()));
      } else if (i.session() != null && !i.ended()) {
        l.append("  at ").append(i.session());
      }
      out.add(cut(l.toString(), width));
      out.add(cut(" ".repeat(idWidth + 2) + models(i.objects(), true), width));
    }
    return out;
  }

  /**
   * One line per integration for logs and pipes: {@code mock: running, 4/10 (40%), 1200 objects
   * (sourcecode.PullRequest 1200), 120 objects/s, ETA 12 s, at acme-0/api}.
   */
  public List<String> plainLines(ProgressSnapshot s) {
    List<String> out = new ArrayList<>();
    for (Facts f : observe(s)) {
      ProgressSnapshot.Integration i = f.i();
      List<String> parts = new ArrayList<>();
      parts.add(i.pause() != null ? "paused" : i.status());
      if (i.total() > 0) {
        parts.add(i.current() + "/" + i.total() + " (" + percent(i.current(), i.total()) + ")");
      } else if (i.current() > 0) {
        parts.add(i.current() + " done, total unknown");
      }
      String models = models(i.objects(), false);
      parts.add(i.totalObjects() + " objects" + (models.isEmpty() ? "" : " (" + models + ")"));
      if (f.rate() >= 0) {
        parts.add(rate(f.rate()));
      }
      if (i.ended()) {
        parts.add("in " + duration(f.elapsed()));
      } else if (f.eta() != null) {
        parts.add("ETA " + duration(f.eta()));
      }
      if (i.pause() != null) {
        parts.add(pause(i.pause(), s.time()));
      } else if (i.session() != null && !i.ended()) {
        parts.add("at " + i.session());
      }
      out.add(i.id() + ": " + String.join(", ", parts));
    }
    return out;
  }

  private List<Facts> observe(ProgressSnapshot s) {
    List<Facts> out = new ArrayList<>();
    for (ProgressSnapshot.Integration i : s.integrations()) {
      Deque<Sample> d = samples.computeIfAbsent(i.id(), k -> new ArrayDeque<>());
      if (d.isEmpty() || d.peekLast().time().isBefore(s.time())) {
        d.addLast(new Sample(s.time(), i.totalObjects()));
      }
      while (d.size() > 2 && Duration.between(d.peekFirst().time(), s.time()).getSeconds() > WINDOW_SECONDS) {
        d.removeFirst();
      }
      Duration elapsed = Duration.ofMillis(i.elapsedMs());
      double rate = -1;
      long ms = Duration.between(d.peekFirst().time(), d.peekLast().time()).toMillis();
      if ("starting".equals(i.status())) {
        rate = -1; // no plugin yet: nothing to measure
      } else if (!i.ended() && ms >= 500) {
        rate = Math.max(0, d.peekLast().objects() - d.peekFirst().objects()) * 1000.0 / ms;
      } else if (elapsed.toMillis() >= 500) {
        // Ended, or a first look: the average over its run.
        rate = i.totalObjects() * 1000.0 / elapsed.toMillis();
      }
      Duration eta = null;
      if (!i.ended() && i.total() > 0 && i.current() > 0 && i.current() < i.total() && elapsed.toMillis() >= 1000) {
        // The pace so far of the top session(s): steadier than the last seconds' object rate.
        eta = Duration.ofMillis(Math.round(elapsed.toMillis() * (double) (i.total() - i.current()) / i.current()));
      }
      out.add(new Facts(i, rate, eta, elapsed));
    }
    return out;
  }

  private static String pause(ProgressSnapshot.Pause p, Instant now) {
    if (p.resumeAt() == null) {
      return "paused (resume time unknown): " + p.reason();
    }
    Duration left = Duration.between(now, p.resumeAt());
    return "paused until " + p.resumeAt() + (left.isNegative() ? "" : " (in " + duration(left) + ")") + ": " + p.reason();
  }

  private static String models(Map<String, Long> objects, boolean grouped) {
    List<String> out = new ArrayList<>();
    new TreeMap<>(objects).forEach((m, n) -> out.add(m + " " + (grouped ? String.format(Locale.ROOT, "%,d", n) : n)));
    return String.join(grouped ? "  " : ", ", out);
  }

  private static String bar(long current, long total) {
    int done = (int) Math.min(BAR, BAR * current / total);
    return "[" + "#".repeat(done) + "-".repeat(BAR - done) + "]";
  }

  private static String percent(long current, long total) {
    return Math.min(100, 100 * current / total) + "%";
  }

  private static String rate(double perSecond) {
    return (perSecond >= 10 || perSecond == 0 ? String.format(Locale.ROOT, "%d", Math.round(perSecond))
        : String.format(Locale.ROOT, "%.1f", perSecond)) + " objects/s";
  }

  /** "0.4 s", "42 s", "61 s", "3 min 5 s", "2 h 5 min". */
  static String duration(Duration d) {
    long ms = d.toMillis();
    if (ms < 10_000) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    long s = (ms + 500) / 1000;
    if (s < 120) {
      return s + " s";
    }
    return s < 3600 ? (s / 60) + " min " + (s % 60) + " s" : (s / 3600) + " h " + (s % 3600 / 60) + " min";
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }

  private static String cut(String s, int width) {
    String t = s.stripTrailing();
    return width > 1 && t.length() > width ? t.substring(0, width - 3) + "..." : t;
  }
}
