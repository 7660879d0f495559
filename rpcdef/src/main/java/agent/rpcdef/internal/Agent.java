package agent.rpcdef.internal;

import agent.rpcdef.GitRepo;
import agent.rpcdef.GitRepoResult;
import java.time.Instant;
import java.util.Optional;

/**
 * The host's callback API, one method per call of the protocol's Agent service: what the host
 * implements ({@code HostAgent}, and the harness's {@code RecordingAgent}) and what the plugin side
 * calls through {@link agent.rpcdef.internal.grpc.AgentClient}. Internal: integrations reach the host
 * through {@link agent.rpcdef.ExportContext} and its sessions, never through this interface.
 *
 * <p>Every method blocks for one round trip to the host and may be called from several threads at
 * once. On the plugin side, methods throw {@link agent.rpcdef.AgentException} when the host refuses a
 * call (unknown session, export cancelled) or cannot be reached; host implementations throw {@link
 * IllegalArgumentException} for a call that breaks the session rules ({@link SessionTable}).
 */
public interface Agent {

  /** Opens a session; {@code parentId} 0 means directly under the integration. */
  SessionInfo sessionStart(long parentId, SessionKind kind, String name, String entityId);

  /** Reports progress; {@code total} is 0 when unknown. */
  void sessionProgress(long sessionId, long current, long total);

  /** Opens the object stream of a model session. */
  ObjectStream sessionSend(long sessionId);

  /**
   * Ends a session. A present {@code lastProcessed} is staged as the session's new token; an empty
   * optional leaves the stored token as it is.
   */
  void sessionDone(long sessionId, Optional<String> lastProcessed);

  /**
   * Exports a git repository's history (commits, branches, and the commits of pull requests given a
   * base) under the caller's tracking session {@code sessionId}.
   */
  GitRepoResult exportGitRepo(long sessionId, GitRepo repo);

  /** Returns a fresh OAuth access token for {@code provider}; the backend holds the refresh token. */
  String oauthNewAccessToken(String provider);

  /** Says the integration waits (rate limit) until {@code resumeAt} (null if unknown). */
  void pause(String reason, Instant resumeAt);

  /** Says the integration works again after {@link #pause}. */
  void resume();
}
