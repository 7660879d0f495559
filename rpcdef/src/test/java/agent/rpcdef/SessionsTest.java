package agent.rpcdef;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.internal.Agent;
import agent.rpcdef.internal.SessionKind;
import agent.rpcdef.testing.RecordingAgent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Sessions driven directly over a {@link RecordingAgent}: keys, nesting, tokens, progress. */
class SessionsTest {
  private final RecordingAgent agent = new RecordingAgent("github");
  private final AtomicLong clock = new AtomicLong(1_000_000_000L);
  private final Sessions sessions = new Sessions(agent, clock::get);

  @Test
  void keysArePathsUnderTheIntegrationId() {
    TrackingSession org = sessions.tracking("organization", "acme");
    assertEquals("github/organization/acme", org.key());
    TrackingSession repo = org.tracking("repo", "api");
    assertEquals("github/organization/acme/repo/api", repo.key());
    ModelSession prs = repo.model("sourcecode.PullRequest");
    assertEquals("github/organization/acme/repo/api/sourcecode.PullRequest", prs.key());
    assertEquals("sourcecode.PullRequest", prs.modelType());
    ModelSession users = sessions.model("sourcecode.User");
    assertEquals("github/sourcecode.User", users.key());
    ModelSession repos = org.model("sourcecode.Repo");
    assertEquals("github/organization/acme/sourcecode.Repo", repos.key());

    RecordingAgent.Recorded r = agent.sessions().stream().filter(s -> s.key.equals(prs.key())).findFirst().orElseThrow();
    assertEquals(repo.id(), r.parentId);
    assertTrue(r.isModel());
  }

  @Test
  void aModelSessionCannotBeAParent() {
    ModelSession prs = sessions.tracking("repo", "api").model("sourcecode.PullRequest");
    // ModelSession is no SessionParent, so only the raw Agent API can try; the host refuses.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> agent.sessionStart(prs.id(), SessionKind.MODEL, "sourcecode.PullRequestComment", ""));
    assertTrue(e.getMessage().contains("only be opened under a tracking session"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> agent.sessionStart(prs.id(), SessionKind.TRACKING, "repo", "x"));
    assertThrows(IllegalArgumentException.class, () -> agent.sessionStart(999, SessionKind.TRACKING, "repo", "x"));
  }

  @Test
  void emptyNamesAreRejectedBeforeAnyCall() {
    assertThrows(IllegalArgumentException.class, () -> sessions.tracking("organization", ""));
    assertThrows(IllegalArgumentException.class, () -> sessions.tracking("", "acme"));
    assertThrows(IllegalArgumentException.class, () -> sessions.model(""));
    assertThrows(IllegalArgumentException.class, () -> sessions.model(null));
    assertEquals(List.of(), agent.sessions());
  }

  @Test
  void sessionStartReturnsTheCommittedTokenAndDoneStagesOrKeeps() {
    TrackingSession org = sessions.tracking("organization", "acme");
    assertEquals("", org.lastProcessed());
    ModelSession prs = org.model("sourcecode.PullRequest");
    prs.done("2026-11-01");
    org.done();
    assertEquals(Map.of(), agent.committedTokens(), "nothing is durable before a commit");
    agent.commitStaged();
    assertEquals(Map.of("github/organization/acme/sourcecode.PullRequest", "2026-11-01"), agent.committedTokens());

    // Next export: the session of the same key starts from the token; done() leaves it as it is.
    agent.reset();
    Sessions next = new Sessions(agent, clock::get);
    ModelSession prs2 = next.tracking("organization", "acme").model("sourcecode.PullRequest");
    assertEquals("2026-11-01", prs2.lastProcessed());
    prs2.done();
    agent.commitStaged();
    assertEquals("2026-11-01", agent.committedTokens().get(prs2.key()));

    // done("") is a present token: it replaces the stored one.
    agent.reset();
    ModelSession prs3 = new Sessions(agent, clock::get).tracking("organization", "acme").model("sourcecode.PullRequest");
    assertEquals("2026-11-01", prs3.lastProcessed());
    prs3.done("");
    agent.commitStaged();
    assertEquals("", agent.committedTokens().get(prs3.key()));

    // reprocess_historical: every session starts empty, the stored tokens stay.
    agent.reset();
    ModelSession prs4 = new Sessions(agent, clock::get).tracking("organization", "acme").model("sourcecode.PullRequest");
    prs4.done("2026-11-02");
    agent.commitStaged();
    agent.reset();
    agent.setReprocessHistorical(true);
    assertEquals("", new Sessions(agent, clock::get).tracking("organization", "acme").model("sourcecode.PullRequest").lastProcessed());
    assertEquals("2026-11-02", agent.committedTokens().get(prs4.key()));
  }

  @Test
  void aSessionEndsOnce() {
    TrackingSession org = sessions.tracking("organization", "acme");
    org.done("t");
    assertTrue(org.isDone());
    assertThrows(IllegalStateException.class, org::done);
    assertThrows(IllegalStateException.class, () -> org.progress(1, 2));
    assertThrows(IllegalStateException.class, () -> org.model("sourcecode.Repo"));
    ModelSession m = sessions.model("sourcecode.User");
    m.done();
    assertThrows(IllegalStateException.class, () -> m.send(Map.of("id", "1")));
    assertThrows(IllegalStateException.class, () -> m.sendJson("{}".getBytes()));
    assertEquals(Optional.of("t"), agent.sessions().get(0).token());
  }

  // ---------------------------------------------------------------------------------------------
  // Progress throttling.

  @Test
  void progressWithinOneSecondSendsOneUpdateAndTheLastAtDone() {
    TrackingSession org = sessions.tracking("organization", "acme");
    for (int i = 1; i <= 1000; i++) {
      org.progress(i, 1000);
      clock.addAndGet(900_000); // 1000 calls over 0.9 s
    }
    assertEquals(List.of("1/1000"), progress(org));
    org.done();
    assertEquals(List.of("1/1000", "1000/1000"), progress(org));
  }

  @Test
  void progressIsSentAgainOnceASecondHasPassed() {
    TrackingSession org = sessions.tracking("organization", "acme");
    org.progress(1, 0);
    org.progress(2, 0);
    clock.addAndGet(999_999_999L);
    org.progress(3, 0);
    assertEquals(List.of("1/0"), progress(org));
    clock.addAndGet(1);
    org.progress(4, 0);
    assertEquals(List.of("1/0", "4/0"), progress(org));
    clock.addAndGet(5_000_000_000L);
    org.progress(5, 10);
    assertEquals(List.of("1/0", "4/0", "5/10"), progress(org));
    org.done();
    // The last value already reached the host: done sends nothing more.
    assertEquals(List.of("1/0", "4/0", "5/10"), progress(org));
  }

  @Test
  void doneWithoutProgressSendsNoProgress() {
    ModelSession m = sessions.model("sourcecode.User");
    m.done();
    assertEquals(List.of(), progress(m));
  }

  private List<String> progress(Session s) {
    RecordingAgent.Recorded r = agent.sessions().stream().filter(x -> x.id == s.id()).findFirst().orElseThrow();
    return r.progress().stream().map(p -> p[0] + "/" + p[1]).toList();
  }
}
