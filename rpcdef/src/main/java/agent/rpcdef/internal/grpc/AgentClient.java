package agent.rpcdef.internal.grpc;

import agent.proto.v1.AgentGrpc;
import agent.proto.v1.ContinueRequest;
import agent.proto.v1.ExportGitRepoRequest;
import agent.proto.v1.ExportGitRepoResponse;
import agent.proto.v1.GitPullRequest;
import agent.proto.v1.OAuthNewAccessTokenRequest;
import agent.proto.v1.PauseRequest;
import agent.proto.v1.SessionDoneRequest;
import agent.proto.v1.SessionProgressRequest;
import agent.proto.v1.SessionSendRequest;
import agent.proto.v1.SessionSendResponse;
import agent.proto.v1.SessionStartRequest;
import agent.proto.v1.SessionStartResponse;
import agent.rpcdef.AgentException;
import agent.rpcdef.GitRepo;
import agent.rpcdef.GitRepoResult;
import agent.rpcdef.internal.Agent;
import agent.rpcdef.internal.ObjectStream;
import agent.rpcdef.internal.SessionInfo;
import agent.rpcdef.internal.SessionKind;
import com.google.protobuf.UnsafeByteOperations;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** The plugin side of the Agent service: the {@link Agent} API over a gRPC channel. */
public final class AgentClient implements Agent {
  private final AgentGrpc.AgentBlockingStub blocking;
  private final AgentGrpc.AgentStub async;

  /** {@code channel} must already carry the token (see {@link TokenAuth#client}). */
  public AgentClient(Channel channel) {
    this.blocking = AgentGrpc.newBlockingStub(channel);
    this.async = AgentGrpc.newStub(channel);
  }

  @Override
  public SessionInfo sessionStart(long parentId, SessionKind kind, String name, String entityId) {
    try {
      SessionStartResponse r =
          blocking.sessionStart(
              SessionStartRequest.newBuilder()
                  .setParentId(parentId)
                  .setKind(kind == SessionKind.MODEL ? agent.proto.v1.SessionKind.SESSION_KIND_MODEL
                      : agent.proto.v1.SessionKind.SESSION_KIND_TRACKING)
                  .setName(name)
                  .setEntityId(entityId == null ? "" : entityId)
                  .build());
      return new SessionInfo(r.getSessionId(), r.getKey(), r.getLastProcessed());
    } catch (StatusRuntimeException e) {
      throw Errors.fromAgentCall("SessionStart", e);
    }
  }

  @Override
  public void sessionProgress(long sessionId, long current, long total) {
    try {
      blocking.sessionProgress(
          SessionProgressRequest.newBuilder().setSessionId(sessionId).setCurrent(current).setTotal(total).build());
    } catch (StatusRuntimeException e) {
      throw Errors.fromAgentCall("SessionProgress", e);
    }
  }

  @Override
  public ObjectStream sessionSend(long sessionId) {
    return new SendStream(sessionId);
  }

  @Override
  public void sessionDone(long sessionId, Optional<String> lastProcessed) {
    SessionDoneRequest.Builder b = SessionDoneRequest.newBuilder().setSessionId(sessionId);
    lastProcessed.ifPresent(b::setLastProcessed);
    try {
      blocking.sessionDone(b.build());
    } catch (StatusRuntimeException e) {
      throw Errors.fromAgentCall("SessionDone", e);
    }
  }

  @Override
  public GitRepoResult exportGitRepo(long sessionId, GitRepo r) {
    ExportGitRepoRequest.Builder b =
        ExportGitRepoRequest.newBuilder()
            .setSessionId(sessionId)
            .setUrl(r.url())
            .setUsername(nz(r.username()))
            .setPassword(nz(r.password()))
            .setRepoRefId(nz(r.repoRefId()))
            .setRepoId(nz(r.repoId()))
            .setRefType(nz(r.refType()))
            .setCommitUrlTemplate(nz(r.commitUrlTemplate()))
            .setBranchUrlTemplate(nz(r.branchUrlTemplate()))
            .setMaxFileSize(r.maxFileSize())
            .setSkipCodeStats(!r.codeStats())
            .setMaxLines(r.maxLines())
            .setMaxLineLength(r.maxLineLength())
            .setKeepDocumentation(!r.excludeDocumentation())
            .setSkipBlame(!r.blame());
    if (r.pullRequests() != null) {
      for (GitRepo.PullRequestHead pr : r.pullRequests()) {
        b.addPullRequests(
            GitPullRequest.newBuilder()
                .setId(nz(pr.id()))
                .setRefId(nz(pr.refId()))
                .setBranchName(nz(pr.branchName()))
                .setLastCommitSha(nz(pr.lastCommitSha()))
                .setBaseSha(nz(pr.baseSha()))
                .addAllKnownCommitShas(pr.knownCommitShas()));
      }
    }
    if (r.branches() != null) {
      b.addAllBranches(r.branches());
    }
    if (r.exclude() != null) {
      b.addAllExclude(r.exclude());
    }
    try {
      ExportGitRepoResponse resp = blocking.exportGitRepo(b.build());
      return new GitRepoResult(resp.getCommits(), resp.getBranches(), resp.getPullRequestCommits());
    } catch (StatusRuntimeException e) {
      throw Errors.fromAgentCall("ExportGitRepo", e);
    }
  }

  @Override
  public String oauthNewAccessToken(String provider) {
    try {
      return blocking
          .oAuthNewAccessToken(OAuthNewAccessTokenRequest.newBuilder().setProvider(nz(provider)).build())
          .getAccessToken();
    } catch (StatusRuntimeException e) {
      throw Errors.fromAgentCall("OAuthNewAccessToken", e);
    }
  }

  @Override
  public void pause(String reason, Instant resumeAt) {
    try {
      blocking.pause(
          PauseRequest.newBuilder()
              .setReason(nz(reason))
              .setResumeAtEpochMs(resumeAt == null ? 0 : resumeAt.toEpochMilli())
              .build());
    } catch (StatusRuntimeException e) {
      throw Errors.fromAgentCall("Pause", e);
    }
  }

  @Override
  public void resume() {
    try {
      blocking.continue_(ContinueRequest.getDefaultInstance());
    } catch (StatusRuntimeException e) {
      throw Errors.fromAgentCall("Continue", e);
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  /**
   * A client stream that honours gRPC flow control: {@link #write} waits until the transport is
   * ready, so a slow host slows the plugin down instead of filling its memory.
   */
  private final class SendStream implements ObjectStream {
    private final long sessionId;
    private final Object lock = new Object();
    private final CompletableFuture<Long> result = new CompletableFuture<>();
    private final ClientCallStreamObserver<SessionSendRequest> requests;

    SendStream(long sessionId) {
      this.sessionId = sessionId;
      ClientCallStreamObserver<SessionSendRequest>[] holder = newHolder();
      async.sessionSend(
          new ClientResponseObserver<SessionSendRequest, SessionSendResponse>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<SessionSendRequest> stream) {
              holder[0] = stream;
              stream.setOnReadyHandler(SendStream.this::wake);
            }

            @Override
            public void onNext(SessionSendResponse value) {
              result.complete(value.getObjects());
            }

            @Override
            public void onError(Throwable t) {
              result.completeExceptionally(t);
              wake();
            }

            @Override
            public void onCompleted() {
              result.complete(-1L);
              wake();
            }
          });
      this.requests = holder[0];
    }

    @SuppressWarnings("unchecked")
    private static ClientCallStreamObserver<SessionSendRequest>[] newHolder() {
      return new ClientCallStreamObserver[1];
    }

    private void wake() {
      synchronized (lock) {
        lock.notifyAll();
      }
    }

    @Override
    public void write(ByteBuffer objects, int count) {
      synchronized (lock) {
        while (!requests.isReady() && !result.isDone()) {
          try {
            lock.wait(1000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            requests.cancel("interrupted", e);
            throw new AgentException("interrupted while sending objects", e);
          }
        }
      }
      if (result.isDone()) {
        // The host ended the stream early: it refused the session or failed to write.
        throw failure();
      }
      requests.onNext(
          SessionSendRequest.newBuilder()
              .setSessionId(sessionId)
              .setObjects(UnsafeByteOperations.unsafeWrap(objects))
              .setCount(count)
              .build());
    }

    @Override
    public long close() {
      requests.onCompleted();
      try {
        return result.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AgentException("interrupted while closing the object stream", e);
      } catch (ExecutionException e) {
        throw failure();
      }
    }

    private AgentException failure() {
      try {
        result.getNow(null);
        return new AgentException("host closed the object stream of session " + sessionId + " early", null);
      } catch (java.util.concurrent.CompletionException e) {
        Throwable c = e.getCause();
        if (c instanceof StatusRuntimeException s) {
          return Errors.fromAgentCall("SessionSend", s);
        }
        return new AgentException("SessionSend failed: " + c, c);
      }
    }

    @Override
    public void abort(Throwable cause) {
      try {
        requests.cancel("aborted by the plugin", cause);
      } catch (RuntimeException ignored) {
        // Aborting is best effort: the stream may already be gone.
      }
    }
  }
}
