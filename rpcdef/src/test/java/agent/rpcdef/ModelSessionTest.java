package agent.rpcdef;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.rpcdef.internal.Agent;
import agent.rpcdef.internal.ObjectStream;
import agent.rpcdef.internal.SessionInfo;
import agent.rpcdef.internal.SessionKind;
import agent.rpcdef.testing.RecordingAgent;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a model session serializes and batches objects, over a {@link RecordingAgent}. */
class ModelSessionTest {
  static final int MAX_MESSAGE = ModelSession.MAX_BATCH_BYTES;

  private final RecordingAgent recording = new RecordingAgent("github");
  private final BatchLog agent = new BatchLog(recording);
  private final Sessions sessions = new Sessions(agent);

  /** An object whose JSON line (with its '\n') is exactly {@code lineBytes} long. */
  static Map<String, Object> objectOfLine(int i, int lineBytes) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("id", String.format("%08d", i));
    o.put("pad", "");
    int base = Json.bytes(o).length + 1;
    o.put("pad", "x".repeat(lineBytes - base));
    return o;
  }

  @Test
  void objectsTravelInBatchesOfAtLeastBatchBytesAndAtMost256KiB() {
    ModelSession m = sessions.model("sourcecode.PullRequest");
    long bytes = 0;
    int n = 3000;
    for (int i = 0; i < n; i++) {
      // Uneven sizes, 200 B .. 3.2 KiB.
      Map<String, Object> o = objectOfLine(i, 200 + (i * 37) % 3000);
      bytes += Json.bytes(o).length + 1;
      m.send(o);
    }
    assertEquals(n, m.sent());
    m.done();

    List<int[]> batches = agent.batches;
    assertTrue(batches.size() > 10, "expected many batches for " + bytes + " bytes, got " + batches.size());
    for (int i = 0; i < batches.size() - 1; i++) {
      assertTrue(batches.get(i)[0] >= ModelSession.BATCH_BYTES, "batch " + i + " has only " + batches.get(i)[0] + " bytes");
    }
    for (int[] b : batches) {
      assertTrue(b[0] <= MAX_MESSAGE, "batch of " + b[0] + " bytes");
    }
    assertEquals(bytes, batches.stream().mapToLong(b -> b[0]).sum());
    assertEquals(n, batches.stream().mapToLong(b -> b[1]).sum());
    assertEquals(batches.size(), recording.batches());
    assertEquals(batches.stream().mapToInt(b -> b[0]).max().orElseThrow(), recording.maxBatchBytes());
    assertTrue(recording.maxBatchBytes() < ModelSession.BATCH_BYTES + 3200);

    List<String> lines = recording.sessions().get(0).objects();
    assertEquals(n, lines.size());
    assertTrue(lines.get(0).startsWith("{\"id\":\"00000000\",\"pad\":\"xx"), lines.get(0));
    assertTrue(lines.get(n - 1).startsWith("{\"id\":\"00002999\""), lines.get(n - 1));
  }

  @Test
  void fewObjectsGoInOneBatchAtDone() {
    ModelSession m = sessions.model("sourcecode.Repo");
    m.send(Map.of("id", "a"));
    m.sendJson("{\"id\":\"b\"}".getBytes(StandardCharsets.UTF_8));
    assertEquals(0, agent.batches.size(), "nothing goes out before a batch is full");
    m.done("t");
    assertEquals(1, agent.batches.size());
    assertEquals(List.of("{\"id\":\"a\"}", "{\"id\":\"b\"}"), recording.sessions().get(0).objects());
    assertEquals(Optional.of("t"), recording.sessions().get(0).token());
  }

  @Test
  void aSessionWithoutObjectsOpensNoStream() {
    sessions.model("sourcecode.Repo").done();
    assertEquals(0, agent.streams);
    assertTrue(recording.sessions().get(0).isDone());
  }

  @Test
  void anObjectLargerThanAMessageGoesAlone() {
    ModelSession m = sessions.model("sourcecode.Blame");
    for (int i = 0; i < 10; i++) {
      m.send(objectOfLine(i, 1000));
    }
    m.send(objectOfLine(10, 300 * 1024));
    for (int i = 11; i < 21; i++) {
      m.send(objectOfLine(i, 1000));
    }
    m.done();
    assertEquals(List.of("10000/10", "307200/1", "10000/10"), agent.shapes());
    assertEquals(21, recording.sessions().get(0).objects().size());
  }

  @Test
  void anObjectThatWouldPushAMessagePast256KiBGoesAlone() {
    ModelSession m = sessions.model("sourcecode.Blame");
    for (int i = 0; i < 100; i++) {
      m.send(objectOfLine(i, 1000)); // 100,000 bytes: below BATCH_BYTES, not yet sent
    }
    m.sendJson(Json.bytes(objectOfLine(100, 200 * 1024))); // 100,000 + 204,800 > 256 KiB
    m.send(objectOfLine(101, 1000));
    m.done();
    assertEquals(List.of("100000/100", "204800/1", "1000/1"), agent.shapes());
    // Below the maximum, a big object shares its message.
    agent.batches.clear();
    ModelSession m2 = sessions.model("sourcecode.Commit");
    m2.send(objectOfLine(0, 1000));
    m2.send(objectOfLine(1, 200 * 1024));
    m2.done();
    assertEquals(List.of("205800/2"), agent.shapes());
  }

  @Test
  void sendJsonRejectsALineBreakAndQueuesNothing() {
    ModelSession m = sessions.model("sourcecode.Repo");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> m.sendJson("{\"a\":\n1}".getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("one line"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> m.sendJson("{\"a\":1}\r".getBytes(StandardCharsets.UTF_8)));
    assertEquals(0, m.sent());
    m.sendJson("{\"a\":\"line\\nbreak\"}".getBytes(StandardCharsets.UTF_8)); // an escaped one is fine
    m.send(Map.of("text", "two\nlines")); // send escapes it
    m.done();
    assertEquals(List.of("{\"a\":\"line\\nbreak\"}", "{\"text\":\"two\\nlines\"}"), recording.sessions().get(0).objects());
  }

  @Test
  void sendUsesTheExportedJsonConventions() {
    record Pr(String refId, String title, String mergedBy, Instant at) {}
    ModelSession m = sessions.model("sourcecode.PullRequest");
    m.send(new Pr("12", "Fix ü", null, null));
    m.done();
    assertEquals(List.of("{\"ref_id\":\"12\",\"title\":\"Fix ü\"}"), recording.sessions().get(0).objects());
  }

  @Test
  void aFailedSerializationLeavesTheSessionUsable() {
    // Fails after 20 KB: more than the generator buffers, so part of it reached the batch.
    @JsonPropertyOrder({"id", "big", "boom"})
    class Bad {
      public String getId() {
        return "bad";
      }

      public String getBig() {
        return "x".repeat(20_000);
      }

      public String getBoom() {
        throw new IllegalStateException("boom");
      }
    }
    ModelSession m = sessions.model("sourcecode.Repo");
    m.send(Map.of("id", "1"));
    IntegrationException e = assertThrows(IntegrationException.class, () -> m.send(new Bad()));
    assertTrue(e.getMessage().contains("cannot serialize"), e.getMessage());
    m.send(Map.of("id", "2"));
    assertEquals(2, m.sent());
    m.done();
    assertEquals(List.of("{\"id\":\"1\"}", "{\"id\":\"2\"}"), recording.sessions().get(0).objects());
  }

  @Test
  void doneFailsLoudlyWhenTheHostAcceptedFewerObjects() {
    BatchLog lossy = new BatchLog(recording);
    lossy.acceptedDelta = -1;
    ModelSession m = new Sessions(lossy).model("sourcecode.Commit");
    for (int i = 0; i < 10; i++) {
      m.send(Map.of("id", i));
    }
    AgentException e = assertThrows(AgentException.class, () -> m.done("t"));
    assertEquals("host accepted 9 objects of 10 sent to github/sourcecode.Commit", e.getMessage());
    assertFalse(recording.sessions().get(0).isDone(), "no SessionDone, so no token is staged");
    assertEquals(Optional.empty(), recording.sessions().get(0).token());
  }

  @Test
  void doneSessionsAreNotRetained() {
    // An export of 5000 repositories: each a tracking session with a model session under it.
    TrackingSession org = sessions.tracking("organization", "acme");
    for (int i = 0; i < 5000; i++) {
      TrackingSession repo = org.tracking("repo", "r" + i);
      ModelSession m = repo.model("sourcecode.Commit");
      m.send(Map.of("id", i));
      m.done();
      repo.done();
    }
    assertTrue(sessions.retained() <= 100, "done sessions kept alive: " + sessions.retained());
    // A failing export still finds the open ones to abort.
    ModelSession open = org.model("sourcecode.Repo");
    open.send(objectOfLine(0, ModelSession.BATCH_BYTES)); // a full batch: the stream is open
    sessions.abortOpen(new RuntimeException("failed"));
    assertTrue(open.isDone());
    assertTrue(org.isDone());
    assertEquals(List.of("abort github/organization/acme/sourcecode.Repo"), recording.events());
  }

  /** An Agent that logs the shape of every batch, and can under-report accepted objects. */
  static final class BatchLog implements Agent {
    final Agent delegate;
    final List<int[]> batches = new ArrayList<>();
    int streams;
    long acceptedDelta;

    BatchLog(Agent delegate) {
      this.delegate = delegate;
    }

    List<String> shapes() {
      return batches.stream().map(b -> b[0] + "/" + b[1]).toList();
    }

    @Override
    public SessionInfo sessionStart(long parentId, SessionKind kind, String name, String entityId) {
      return delegate.sessionStart(parentId, kind, name, entityId);
    }

    @Override
    public void sessionProgress(long sessionId, long current, long total) {
      delegate.sessionProgress(sessionId, current, total);
    }

    @Override
    public ObjectStream sessionSend(long sessionId) {
      streams++;
      ObjectStream s = delegate.sessionSend(sessionId);
      return new ObjectStream() {
        @Override
        public void write(ByteBuffer objects, int count) {
          synchronized (batches) {
            batches.add(new int[] {objects.remaining(), count});
          }
          s.write(objects, count);
        }

        @Override
        public long close() {
          return s.close() + acceptedDelta;
        }

        @Override
        public void abort(Throwable cause) {
          s.abort(cause);
        }
      };
    }

    @Override
    public void sessionDone(long sessionId, Optional<String> lastProcessed) {
      delegate.sessionDone(sessionId, lastProcessed);
    }

    @Override
    public GitRepoResult exportGitRepo(long sessionId, GitRepo repo) {
      return delegate.exportGitRepo(sessionId, repo);
    }

    @Override
    public String oauthNewAccessToken(String provider) {
      return delegate.oauthNewAccessToken(provider);
    }

    @Override
    public void pause(String reason, Instant resumeAt) {
      delegate.pause(reason, resumeAt);
    }

    @Override
    public void resume() {
      delegate.resume();
    }
  }
}
