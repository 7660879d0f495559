package agent.rpcdef.internal.grpc;

import agent.proto.v1.AgentGrpc;
import agent.proto.v1.ContinueRequest;
import agent.proto.v1.ContinueResponse;
import agent.proto.v1.ExportGitRepoRequest;
import agent.proto.v1.ExportGitRepoResponse;
import agent.proto.v1.OAuthNewAccessTokenRequest;
import agent.proto.v1.OAuthNewAccessTokenResponse;
import agent.proto.v1.PauseRequest;
import agent.proto.v1.PauseResponse;
import agent.proto.v1.SessionDoneRequest;
import agent.proto.v1.SessionDoneResponse;
import agent.proto.v1.SessionProgressRequest;
import agent.proto.v1.SessionProgressResponse;
import agent.proto.v1.SessionSendRequest;
import agent.proto.v1.SessionSendResponse;
import agent.proto.v1.SessionStartRequest;
import agent.proto.v1.SessionStartResponse;
import agent.rpcdef.GitRepo;
import agent.rpcdef.GitRepoResult;
import agent.rpcdef.internal.Agent;
import agent.rpcdef.internal.ObjectStream;
import agent.rpcdef.internal.SessionInfo;
import agent.rpcdef.internal.SessionKind;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The host side of the Agent service: serves an {@link Agent} implementation over gRPC.
 *
 * <p>Object batches are handed to the implementation's {@link ObjectStream} on the gRPC thread that
 * received them, and the next message is requested only after {@code write} returns: a slow writer
 * pushes back on the plugin through gRPC flow control.
 */
public final class AgentService extends AgentGrpc.AgentImplBase {
  private final Agent agent;

  public AgentService(Agent agent) {
    this.agent = agent;
  }

  @Override
  public void sessionStart(SessionStartRequest req, StreamObserver<SessionStartResponse> resp) {
    unary(resp, () -> {
      SessionKind kind = switch (req.getKind()) {
        case SESSION_KIND_TRACKING -> SessionKind.TRACKING;
        case SESSION_KIND_MODEL -> SessionKind.MODEL;
        default -> throw new IllegalArgumentException("session kind must be TRACKING or MODEL");
      };
      SessionInfo info = agent.sessionStart(req.getParentId(), kind, req.getName(), req.getEntityId());
      return SessionStartResponse.newBuilder()
          .setSessionId(info.id())
          .setKey(info.key())
          .setLastProcessed(info.lastProcessed())
          .build();
    });
  }

  @Override
  public void sessionProgress(SessionProgressRequest req, StreamObserver<SessionProgressResponse> resp) {
    unary(resp, () -> {
      agent.sessionProgress(req.getSessionId(), req.getCurrent(), req.getTotal());
      return SessionProgressResponse.getDefaultInstance();
    });
  }

  @Override
  public StreamObserver<SessionSendRequest> sessionSend(StreamObserver<SessionSendResponse> resp) {
    return new StreamObserver<>() {
      private ObjectStream stream;
      private long sessionId;
      private boolean failed;

      @Override
      public void onNext(SessionSendRequest req) {
        if (failed) {
          return;
        }
        try {
          if (stream == null) {
            sessionId = req.getSessionId();
            stream = agent.sessionSend(sessionId);
          } else if (req.getSessionId() != sessionId) {
            throw new IllegalArgumentException(
                "one SessionSend stream carries one session: got " + req.getSessionId() + " after " + sessionId);
          }
          stream.write(req.getObjects().asReadOnlyByteBuffer(), req.getCount());
        } catch (RuntimeException e) {
          failed = true;
          if (stream != null) {
            stream.abort(e);
          }
          resp.onError(Errors.toStatus(e));
        }
      }

      @Override
      public void onError(Throwable t) {
        // The plugin cancelled the stream or died: nothing it sent may count.
        if (stream != null && !failed) {
          stream.abort(t);
        }
      }

      @Override
      public void onCompleted() {
        if (failed) {
          return;
        }
        try {
          long n = stream == null ? 0 : stream.close();
          resp.onNext(SessionSendResponse.newBuilder().setObjects(n).build());
          resp.onCompleted();
        } catch (RuntimeException e) {
          resp.onError(Errors.toStatus(e));
        }
      }
    };
  }

  @Override
  public void sessionDone(SessionDoneRequest req, StreamObserver<SessionDoneResponse> resp) {
    unary(resp, () -> {
      agent.sessionDone(
          req.getSessionId(),
          req.hasLastProcessed() ? Optional.of(req.getLastProcessed()) : Optional.empty());
      return SessionDoneResponse.getDefaultInstance();
    });
  }

  @Override
  public void exportGitRepo(ExportGitRepoRequest req, StreamObserver<ExportGitRepoResponse> resp) {
    unary(resp, () -> {
      GitRepoResult r =
          agent.exportGitRepo(
              req.getSessionId(),
              new GitRepo(
                  req.getUrl(),
                  req.getUsername(),
                  req.getPassword(),
                  req.getRepoRefId(),
                  req.getRepoId(),
                  req.getRefType(),
                  req.getCommitUrlTemplate(),
                  req.getBranchUrlTemplate(),
                  req.getPullRequestsList().stream()
                      .map(p -> new GitRepo.PullRequestHead(p.getId(), p.getRefId(), p.getBranchName(),
                          p.getLastCommitSha(), p.getBaseSha(), p.getKnownCommitShasList()))
                      .toList(),
                  req.getBranchesList(),
                  req.getExcludeList(),
                  req.getMaxFileSize(),
                  !req.getSkipCodeStats(),
                  req.getMaxLines(),
                  req.getMaxLineLength(),
                  !req.getKeepDocumentation(),
                  !req.getSkipBlame()));
      return ExportGitRepoResponse.newBuilder().setCommits(r.commits()).setBranches(r.branches())
          .setPullRequestCommits(r.pullRequestCommits()).build();
    });
  }

  @Override
  public void oAuthNewAccessToken(OAuthNewAccessTokenRequest req, StreamObserver<OAuthNewAccessTokenResponse> resp) {
    unary(resp, () -> OAuthNewAccessTokenResponse.newBuilder()
        .setAccessToken(agent.oauthNewAccessToken(req.getProvider()))
        .build());
  }

  @Override
  public void pause(PauseRequest req, StreamObserver<PauseResponse> resp) {
    unary(resp, () -> {
      agent.pause(req.getReason(), req.getResumeAtEpochMs() == 0 ? null : Instant.ofEpochMilli(req.getResumeAtEpochMs()));
      return PauseResponse.getDefaultInstance();
    });
  }

  @Override
  public void continue_(ContinueRequest req, StreamObserver<ContinueResponse> resp) {
    unary(resp, () -> {
      agent.resume();
      return ContinueResponse.getDefaultInstance();
    });
  }

  static <T> void unary(StreamObserver<T> resp, Supplier<T> call) {
    unary(resp, call, Errors::toStatus);
  }

  /** Answers a unary call with what {@code call} returns, or with the status {@code toStatus} maps its failure to. */
  static <T> void unary(StreamObserver<T> resp, Supplier<T> call, Function<Throwable, StatusRuntimeException> toStatus) {
    T value;
    try {
      value = call.get();
    } catch (RuntimeException e) {
      resp.onError(toStatus.apply(e));
      return;
    } catch (Error e) {
      resp.onError(Status.INTERNAL.withDescription(e.toString()).asRuntimeException());
      throw e;
    }
    resp.onNext(value);
    resp.onCompleted();
  }
}
