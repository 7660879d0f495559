package agent.rpcdef.internal;

import agent.rpcdef.GitRepo;
import agent.rpcdef.GitRepoResult;
import java.time.Instant;
import java.util.Optional;

/**
 * The host's callback API, as a plugin sees it (and as the host implements it).
 *
 * <p>Most plugins use sessions ({@link ExportContext#tracking}, {@link ExportContext#model}) instead
 * of calling session methods here directly. Every method blocks for one round trip to the host and
 * may be called from several threads at once. Methods throw {@link AgentException} when the host
 * refuses a call (unknown session, export cancelled) or cannot be reached.
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

  /** Exports a git repository's history (commits, branches) under the caller's tracking session {@code sessionId}. */
  GitRepoResult exportGitRepo(long sessionId, GitRepo repo);

  /** Returns a fresh OAuth access token for {@code provider}; the backend holds the refresh token. */
  String oauthNewAccessToken(String provider);

  /** Says the integration waits (rate limit) until {@code resumeAt} (null if unknown). */
  void pause(String reason, Instant resumeAt);

  /** Says the integration works again after {@link #pause}. */
  void resume();
}
