package agent.core.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.output.ExportOutput;
import agent.rpcdef.GitRepo;
import agent.rpcdef.internal.Agent;
import agent.rpcdef.internal.ObjectStream;
import agent.rpcdef.internal.SessionInfo;
import agent.rpcdef.internal.SessionKind;
import agent.rpcdef.testing.RecordingAgent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same session scenarios against the real host ({@link HostAgent}) and the SDK's fake ({@link
 * RecordingAgent}): an integration's harness tests must refuse exactly what a real export refuses.
 */
class SessionRulesTest {
  @TempDir static Path tmp;

  static Stream<Function<String, Agent>> hosts() {
    Function<String, Agent> host =
        id -> new HostAgent(id, k -> "", false, new ExportOutput(tmp.resolve("out-" + System.nanoTime()), 1 << 20));
    Function<String, Agent> fake = id -> new RecordingAgent(id);
    return Stream.of(named(host, "HostAgent"), named(fake, "RecordingAgent"));
  }

  private static Function<String, Agent> named(Function<String, Agent> f, String name) {
    return new Function<>() {
      @Override
      public Agent apply(String id) {
        return f.apply(id);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }

  private static SessionInfo tracking(Agent a, long parent, String type, String id) {
    return a.sessionStart(parent, SessionKind.TRACKING, type, id);
  }

  private static SessionInfo model(Agent a, long parent, String type) {
    return a.sessionStart(parent, SessionKind.MODEL, type, "");
  }

  private static void send(ObjectStream s, String... lines) {
    byte[] b = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    s.write(ByteBuffer.wrap(b), lines.length);
  }

  private static void refused(String expected, Runnable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hosts")
  void keysNestUnderTheIntegrationAndEscapeEntityIds(Function<String, Agent> make) {
    Agent a = make.apply("github");
    SessionInfo org = tracking(a, 0, "organization", "acme");
    SessionInfo repo = tracking(a, org.id(), "repo", "acme/api");
    SessionInfo prs = model(a, repo.id(), "sourcecode.PullRequest");
    assertEquals("github/organization/acme", org.key());
    assertEquals("github/organization/acme/repo/acme%2Fapi", repo.key());
    assertEquals("github/organization/acme/repo/acme%2Fapi/sourcecode.PullRequest", prs.key());
    assertEquals("github/sourcecode.User", model(a, 0, "sourcecode.User").key());
    refused("model type must look like", () -> model(a, 0, "PullRequest"));
    refused("tracking session type", () -> tracking(a, 0, "Org", "acme"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hosts")
  void aSessionOpensOnlyUnderAnOpenTrackingSession(Function<String, Agent> make) {
    Agent a = make.apply("github");
    SessionInfo org = tracking(a, 0, "organization", "acme");
    SessionInfo repos = model(a, org.id(), "sourcecode.Repo");
    refused("can only be opened under a tracking session", () -> model(a, repos.id(), "sourcecode.PullRequest"));
    refused("unknown session id 999", () -> tracking(a, 999, "repo", "x"));
    a.sessionDone(repos.id(), Optional.empty());
    a.sessionDone(org.id(), Optional.empty());
    refused("is already done", () -> tracking(a, org.id(), "repo", "late"));
    refused("is already done", () -> model(a, org.id(), "sourcecode.Repo"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hosts")
  void objectsGoToAnOpenModelSessionThroughOneStreamAtATime(Function<String, Agent> make) {
    Agent a = make.apply("github");
    SessionInfo org = tracking(a, 0, "organization", "acme");
    refused("is a tracking session", () -> a.sessionSend(org.id()));
    SessionInfo users = model(a, 0, "sourcecode.User");
    ObjectStream s = a.sessionSend(users.id());
    refused("already has an open object stream", () -> a.sessionSend(users.id()));
    refused("still has an open object stream", () -> a.sessionDone(users.id(), Optional.of("t")));
    send(s, "{\"id\":\"1\"}", "{\"id\":\"2\"}");
    assertEquals(2, s.close());
    ObjectStream again = a.sessionSend(users.id());
    again.abort(new RuntimeException("a second stream may follow a closed or aborted one"));
    a.sessionDone(users.id(), Optional.of("t"));
    refused("is already done", () -> a.sessionSend(users.id()));
    refused("is already done", () -> a.sessionDone(users.id(), Optional.empty()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hosts")
  void aGitRepositoryGoesUnderAnOpenTrackingSession(Function<String, Agent> make) {
    Agent a = make.apply("github");
    GitRepo repo = GitRepo.builder("/src/api").repo("acme/api", "r1", "github").build();
    SessionInfo users = model(a, 0, "sourcecode.User");
    refused("needs an open tracking session", () -> a.exportGitRepo(users.id(), repo));
    SessionInfo org = tracking(a, 0, "organization", "acme");
    a.sessionDone(org.id(), Optional.empty());
    refused("needs an open tracking session", () -> a.exportGitRepo(org.id(), repo));
  }
}
