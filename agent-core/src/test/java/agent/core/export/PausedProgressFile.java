package agent.core.export;

import agent.core.output.ExportOutput;
import agent.core.testing.SteppingClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * For tests outside this package: the progress file an export writes while its integration {@code gh}
 * waits for a rate limit, made by the real {@link HostAgent} and {@link ProgressFile}, so that a test
 * of what reads the file checks the real shape rather than a copy of it.
 */
public final class PausedProgressFile {
  public static final String REASON = "GitHub secondary rate limit";
  public static final Instant SINCE = Instant.parse("2026-11-22T10:30:00Z");
  public static final Instant RESUME_AT = SINCE.plusSeconds(60);

  private PausedProgressFile() {}

  /**
   * Writes {@code file}: {@code gh} paused since {@link #SINCE} until {@link #RESUME_AT} for {@link
   * #REASON}, after an earlier pause of 61 s; {@code pauses} is 2, {@code paused_ms} 61000.
   */
  public static void write(Path file) throws IOException {
    SteppingClock clock = new SteppingClock(SINCE.minusSeconds(120));
    ExportOutput output = new ExportOutput(Files.createTempDirectory(file.getParent(), "export"), 1 << 20);
    HostAgent gh = new HostAgent("gh", k -> "", false, output, null, clock);
    gh.pause("GitHub rate limit", null);
    clock.advance(Duration.ofSeconds(61));
    gh.resume();
    clock.advance(Duration.ofSeconds(59));
    gh.pause(REASON, RESUME_AT);
    ProgressFile progress = new ProgressFile(file, List.of("gh"), clock);
    progress.started("gh", gh);
    progress.writeIfChanged();
  }
}
