package agent.core.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.fs.AtomicFiles;
import agent.core.output.ExportOutput;
import agent.core.testing.CapturedLogs;
import agent.core.testing.SteppingClock;
import agent.rpcdef.internal.ObjectStream;
import agent.rpcdef.internal.SessionKind;
import ch.qos.logback.classic.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The progress file a child export keeps for service-run, fed by real {@link HostAgent}s. */
class ProgressFileTest {
  private static final Instant T0 = Instant.parse("2026-11-22T10:30:01.250Z");

  @TempDir Path dir;
  @RegisterExtension final CapturedLogs logs = CapturedLogs.of(ProgressFile.class);
  private Path file;
  private ExportOutput output;
  private final SteppingClock clock = new SteppingClock(T0);
  private HostAgent gh;
  private ProgressFile progress;

  @BeforeEach
  void start() throws Exception {
    file = dir.resolve("progress.json");
    output = new ExportOutput(Files.createDirectory(dir.resolve("export")), 1 << 20);
    gh = new HostAgent("gh", k -> "", false, output, null, clock);
    progress = new ProgressFile(file, List.of("gh", "jira"), clock);
  }

  @AfterEach
  void stop() {
    output.abortIntegration("gh");
  }

  @Test
  void listsEveryIntegrationWithItsStatusTopProgressAndObjects() throws Exception {
    progress.writeIfChanged();
    assertEquals("{\"time\": \"2026-11-22T10:30:01.250Z\", \"integrations\": {"
        + "\"gh\": {\"status\": \"running\", \"objects\": {}}, "
        + "\"jira\": {\"status\": \"running\", \"objects\": {}}}}", read());

    progress.started("gh", gh);
    long org = gh.sessionStart(0, SessionKind.TRACKING, "organization", "acme").id();
    gh.sessionProgress(org, 3, 10);
    long repo = gh.sessionStart(org, SessionKind.TRACKING, "repo", "acme/api").id();
    gh.sessionProgress(repo, 70, 100);
    send(gh.sessionStart(repo, SessionKind.MODEL, "sourcecode.PullRequest", "").id(), 2);
    clock.advance(Duration.ofSeconds(1));
    progress.writeIfChanged();

    // current/total are the organization's, not the repository's: it is the integration's progress.
    assertEquals("{\"time\": \"2026-11-22T10:30:02.250Z\", \"integrations\": {"
        + "\"gh\": {\"status\": \"running\", \"current\": 3, \"total\": 10, \"objects\": {\"sourcecode.PullRequest\": 2}}, "
        + "\"jira\": {\"status\": \"running\", \"objects\": {}}}}", read());
  }

  @Test
  void showsAPauseWhileItLastsAndTheCountersAfterIt() throws Exception {
    progress.started("gh", gh);
    gh.pause("GitHub secondary rate limit", T0.plusSeconds(60));
    clock.advance(Duration.ofSeconds(1));
    progress.writeIfChanged();
    assertEquals("{\"time\": \"2026-11-22T10:30:02.250Z\", \"integrations\": {"
        + "\"gh\": {\"status\": \"running\", \"objects\": {}, \"paused\": {\"reason\": \"GitHub secondary rate limit\", "
        + "\"resume_at\": \"2026-11-22T10:31:01.250Z\", \"since\": \"2026-11-22T10:30:01.250Z\"}, \"pauses\": 1, \"paused_ms\": 0}, "
        + "\"jira\": {\"status\": \"running\", \"objects\": {}}}}", read());

    clock.advance(Duration.ofSeconds(60));
    gh.resume();
    progress.writeIfChanged();
    assertEquals("{\"time\": \"2026-11-22T10:31:02.250Z\", \"integrations\": {"
        + "\"gh\": {\"status\": \"running\", \"objects\": {}, \"pauses\": 1, \"paused_ms\": 61000}, "
        + "\"jira\": {\"status\": \"running\", \"objects\": {}}}}", read());

    // A pause without a known end, never resumed: it ends with the integration.
    gh.pause("GitHub rate limit", null);
    progress.writeIfChanged();
    assertTrue(read().contains("\"paused\": {\"reason\": \"GitHub rate limit\", \"since\": \"2026-11-22T10:31:02.250Z\"}, "
        + "\"pauses\": 2, \"paused_ms\": 61000}"), read());
    clock.advance(Duration.ofSeconds(4));
    gh.close();
    progress.ended("gh", true);
    progress.writeFinal();
    assertTrue(read().contains("\"gh\": {\"status\": \"completed\", \"objects\": {}, \"pauses\": 2, \"paused_ms\": 65000}"),
        read());
  }

  @Test
  void replacesTheFileRatherThanRewritingItInPlace() throws Exception {
    progress.started("gh", gh);
    progress.writeIfChanged();
    String before = read();
    // A reader that opened the old file keeps seeing it whole; a hard link stands in for that reader.
    Path reader = Files.createLink(dir.resolve("reader-view"), file);

    send(gh.sessionStart(0, SessionKind.MODEL, "sourcecode.User", "").id(), 5);
    progress.writeIfChanged();

    assertEquals(before, Files.readString(reader));
    assertTrue(read().contains("\"sourcecode.User\": 5"), read());
    assertFalse(Files.exists(AtomicFiles.tmpSibling(file)));
  }

  @Test
  void writesNothingWhenOnlyTheTimeWouldChange() throws Exception {
    progress.started("gh", gh);
    progress.writeIfChanged();
    String first = read();

    clock.advance(Duration.ofSeconds(1));
    progress.writeIfChanged();
    assertEquals(first, read());

    long org = gh.sessionStart(0, SessionKind.TRACKING, "organization", "acme").id();
    gh.sessionProgress(org, 1, 4);
    clock.advance(Duration.ofSeconds(1));
    progress.writeIfChanged();
    assertTrue(read().startsWith("{\"time\": \"2026-11-22T10:30:03.250Z\""), read());
  }

  @Test
  void theFinalWriteHasTheEndStatusesAndAlwaysHappens() throws Exception {
    progress.started("gh", gh);
    send(gh.sessionStart(0, SessionKind.MODEL, "sourcecode.Repo", "").id(), 1);
    progress.writeIfChanged();
    progress.ended("gh", true);
    progress.ended("jira", false);
    clock.advance(Duration.ofSeconds(1));
    progress.writeFinal();
    String expected = "{\"time\": \"2026-11-22T10:30:02.250Z\", \"integrations\": {"
        + "\"gh\": {\"status\": \"completed\", \"objects\": {\"sourcecode.Repo\": 1}}, "
        + "\"jira\": {\"status\": \"failed\", \"objects\": {}}}}";
    assertEquals(expected, read());

    clock.advance(Duration.ofSeconds(1));
    progress.writeFinal();
    assertEquals(expected.replace("10:30:02", "10:30:03"), read());
  }

  @Test
  void aFailedWriteIsOneWarningAndNeverAnException() {
    ProgressFile nowhere = new ProgressFile(dir.resolve("missing-folder/progress.json"), List.of("gh"), clock);
    nowhere.writeIfChanged();
    nowhere.writeIfChanged();
    nowhere.writeFinal();
    assertEquals(1, logs.messages(Level.WARN).size(), logs.events().toString());
  }

  private void send(long modelSession, int objects) {
    ObjectStream stream = gh.sessionSend(modelSession);
    stream.write(ByteBuffer.wrap("{\"id\":1}\n".repeat(objects).getBytes(StandardCharsets.UTF_8)), objects);
    stream.close();
  }

  private String read() throws Exception {
    return Files.readString(file);
  }
}
