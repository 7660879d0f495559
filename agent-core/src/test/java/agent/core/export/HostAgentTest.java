package agent.core.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.fs.DiskWriteException;
import agent.core.output.ExportOutput;
import agent.core.output.OutputFile;
import agent.core.plugin.CallbackServer;
import agent.core.testing.CapturedLogs;
import agent.core.testing.SteppingClock;
import agent.rpcdef.AgentException;
import agent.rpcdef.ModelSession;
import agent.rpcdef.Sessions;
import agent.rpcdef.TrackingSession;
import agent.rpcdef.internal.Agent;
import agent.rpcdef.internal.grpc.AgentClient;
import agent.rpcdef.internal.grpc.Loopback;
import ch.qos.logback.classic.Level;
import io.grpc.ManagedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host's session handling driven by the SDK's sessions over the real gRPC adapters on
 * loopback: what a plugin process does, without the process.
 */
class HostAgentTest {
  private static final Instant T0 = Instant.parse("2026-11-22T10:30:00Z");

  @TempDir Path exportDir;
  @RegisterExtension final CapturedLogs logs = CapturedLogs.of(PauseTracker.class);
  private final SteppingClock clock = new SteppingClock(T0);
  private ExportOutput output;
  private HostAgent host;
  private CallbackServer server;
  private ManagedChannel channel;
  private Sessions sessions;

  @BeforeEach
  void start() {
    output = new ExportOutput(exportDir, 1 << 20);
    Map<String, String> stored = Map.of("mock/organization/acme/sourcecode.Repo", "7");
    host = new HostAgent("mock", k -> stored.getOrDefault(k, ""), false, output, null, clock);
    server = CallbackServer.start(host, "tok");
    channel = Loopback.channel(server.address(), "tok");
    sessions = new Sessions(new AgentClient(channel));
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.close();
  }

  @Test
  void nestedSessionsWriteTheirModelFilesAndStageTokensUnderTheirKeys() throws Exception {
    TrackingSession org = sessions.tracking("organization", "acme");
    ModelSession repos = org.model("sourcecode.Repo");
    assertEquals("mock/organization/acme/sourcecode.Repo", repos.key());
    assertEquals("7", repos.lastProcessed());
    TrackingSession repo = org.tracking("repo", "acme/api");
    ModelSession prs = repo.model("sourcecode.PullRequest");
    assertEquals("mock/organization/acme/repo/acme%2Fapi/sourcecode.PullRequest", prs.key());
    assertEquals("", prs.lastProcessed());
    for (int i = 0; i < 5000; i++) {
      prs.send(Map.of("id", "pr-" + i, "title", "a pull request with some text to make it longer " + i));
    }
    repos.send(Map.of("id", "r1"));
    prs.done("5000");
    repos.done();
    repo.done();
    org.done("org-token");

    assertEquals(Map.of("mock/organization/acme/repo/acme%2Fapi/sourcecode.PullRequest", "5000",
        "mock/organization/acme", "org-token"), host.stagedTokens());
    assertEquals(Map.of("sourcecode.PullRequest", 5000L, "sourcecode.Repo", 1L), host.objectsByModel());

    List<OutputFile> files = output.closeIntegration("mock");
    long prLines = 0;
    for (OutputFile f : files) {
      if (f.modelType().equals("sourcecode.PullRequest")) {
        String text = gunzip(exportDir.resolve(f.path()));
        prLines += text.lines().count();
        assertTrue(text.endsWith("\n"));
      }
    }
    assertEquals(5000, prLines);
  }

  @Test
  void topProgressIsThatOfTrackingSessionsDirectlyUnderTheIntegration() {
    ModelSession users = sessions.model("sourcecode.User");
    users.progress(5, 50);
    assertNull(host.topProgress(), "a model session is not a top session, even directly under the integration");

    TrackingSession org = sessions.tracking("organization", "acme");
    org.progress(3, 10);
    TrackingSession repo = org.tracking("repo", "acme/api");
    repo.progress(70, 100);

    assertEquals(new HostAgent.Progress("mock/organization/acme", 3, 10), host.topProgress());
    assertEquals(new HostAgent.Progress("mock/organization/acme/repo/acme%2Fapi", 70, 100), host.lastProgress());
  }

  @Test
  void severalTopSessionsAreAddedUpSoTheFigureNeverGoesBack() {
    TrackingSession acme = sessions.tracking("organization", "acme");
    acme.progress(10, 10);
    acme.done("");
    TrackingSession globex = sessions.tracking("organization", "globex");
    new AgentClient(channel).sessionProgress(globex.id(), 0, 0); // started, its size not known yet
    assertEquals(new HostAgent.Progress("mock", 10, 0), host.topProgress());
    globex.progress(1, 5);
    assertEquals(new HostAgent.Progress("mock", 11, 15), host.topProgress());
  }

  @Test
  void aPauseIsTrackedFromPauseToContinueAndLoggedOnceEachWay() {
    Agent plugin = new AgentClient(channel);
    plugin.pause("GitHub secondary rate limit", T0.plusSeconds(61));
    clock.advance(Duration.ofSeconds(1));
    assertEquals(new PauseTracker.Snapshot(
        new PauseTracker.Pause("GitHub secondary rate limit", T0.plusSeconds(61), T0), 1, 0), host.pauses());

    clock.advance(Duration.ofSeconds(60));
    plugin.resume();
    assertEquals(new PauseTracker.Snapshot(null, 1, 61_000), host.pauses());

    plugin.pause("GitHub rate limit", null);
    clock.advance(Duration.ofMillis(2500));
    plugin.resume();
    assertEquals(new PauseTracker.Snapshot(null, 2, 63_500), host.pauses());
    assertEquals(List.of(
        "integration mock paused: GitHub secondary rate limit; resuming at 2026-11-22T10:31:01Z (in 61 s)",
        "integration mock continues after 61 s paused (GitHub secondary rate limit)",
        "integration mock paused: GitHub rate limit; resume time unknown",
        "integration mock continues after 2.5 s paused (GitHub rate limit)"), logs.messages(Level.INFO));
  }

  @Test
  void overlappingWaitsAreOnePauseThatEndsWithTheLastContinue() {
    Agent plugin = new AgentClient(channel);
    plugin.pause("rate limit", T0.plusSeconds(30));
    clock.advance(Duration.ofSeconds(1));
    plugin.pause("rate limit", T0.plusSeconds(40)); // a second thread hit the limit too
    plugin.resume();
    assertEquals(new PauseTracker.Pause("rate limit", T0.plusSeconds(40), T0), host.pauses().current(),
        "one wait is still going on; the pause ends at the latest time announced");
    clock.advance(Duration.ofSeconds(39));
    plugin.resume();
    plugin.resume(); // one too many: ignored
    assertEquals(new PauseTracker.Snapshot(null, 1, 40_000), host.pauses());
    assertEquals(2, logs.messages(Level.INFO).size(), logs.messages(Level.INFO).toString());
  }

  @Test
  void aPauseNeverResumedEndsWithTheIntegration() {
    new AgentClient(channel).pause("Jira rate limit", null);
    clock.advance(Duration.ofSeconds(12));
    host.close();
    assertEquals(new PauseTracker.Snapshot(null, 1, 12_000), host.pauses());
    assertEquals("integration mock ended while paused; the pause lasted 12 s (Jira rate limit)",
        logs.messages(Level.INFO).get(1));
    assertThrows(AgentException.class, () -> new AgentClient(channel).pause("late", null));
    assertFalse(logs.messages(Level.INFO).toString().contains("late"));
  }

  @Test
  void modelSessionsCannotNestAndDoneIsOnce() {
    ModelSession users = sessions.model("sourcecode.User");
    AgentException e = assertThrows(AgentException.class,
        () -> new AgentClient(channel).sessionStart(users.id(), agent.rpcdef.internal.SessionKind.MODEL, "sourcecode.Repo", ""));
    assertTrue(e.getMessage().contains("only be opened under a tracking session"), e.getMessage());
    users.done("1");
    AgentException twice = assertThrows(AgentException.class,
        () -> new AgentClient(channel).sessionDone(users.id(), java.util.Optional.of("2")));
    assertTrue(twice.getMessage().contains("already done"), twice.getMessage());
    assertEquals(Map.of("mock/sourcecode.User", "1"), host.stagedTokens());
  }

  @Test
  void badModelTypeIsRefusedWithTheExpectedShape() {
    AgentException e = assertThrows(AgentException.class, () -> sessions.model("PullRequest"));
    assertTrue(e.getMessage().contains("sourcecode.PullRequest"), e.getMessage());
  }

  @Test
  void afterCloseAPluginCannotWriteIntoTheExport() {
    ModelSession prs = sessions.model("sourcecode.PullRequest");
    host.close();
    prs.send(Map.of("id", "late"));
    assertThrows(AgentException.class, () -> prs.done("1"));
    assertTrue(host.stagedTokens().isEmpty());
  }

  @Test
  void aWriteThatFailsForTheDiskIsKeptAsTheCauseAndEndsTheIntegration() throws Exception {
    // A file where the integration's folder must go: the output cannot be written, as on a full disk.
    Files.writeString(exportDir.resolve("mock"), "in the way");
    List<DiskWriteException> told = new java.util.concurrent.CopyOnWriteArrayList<>();
    host.onWriteFailure(told::add);
    ModelSession users = sessions.model("sourcecode.User");
    users.send(Map.of("id", "u1"));

    AgentException e = assertThrows(AgentException.class, () -> users.done("1"));
    DiskWriteException failure = host.writeFailure();
    assertTrue(failure != null && failure.file().startsWith(exportDir.resolve("mock")), String.valueOf(failure));
    assertTrue(failure.getMessage().contains(" left on "), failure.getMessage());
    assertTrue(e.getMessage().contains(failure.getMessage()), "the plugin is told the cause: " + e.getMessage());
    assertEquals(List.of(failure), told);
    // Every later call is refused with it: nothing more of this integration can be kept.
    AgentException later = assertThrows(AgentException.class, () -> sessions.model("sourcecode.Repo"));
    assertTrue(later.getMessage().contains(failure.getMessage()), later.getMessage());
    assertTrue(host.stagedTokens().isEmpty());
  }

  @Test
  void reprocessHistoricalHidesStoredTokens() {
    HostAgent fresh = new HostAgent("mock", k -> "stored", true, output);
    assertEquals("", fresh.sessionStart(0, agent.rpcdef.internal.SessionKind.MODEL, "sourcecode.User", "").lastProcessed());
  }

  private static String gunzip(Path f) throws Exception {
    try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(f))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toString(StandardCharsets.UTF_8);
    }
  }
}
