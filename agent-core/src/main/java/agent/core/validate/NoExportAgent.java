package agent.core.validate;

import agent.rpcdef.GitRepo;
import agent.rpcdef.GitRepoResult;
import agent.rpcdef.internal.Agent;
import agent.rpcdef.internal.ObjectStream;
import agent.rpcdef.internal.SessionInfo;
import agent.rpcdef.internal.SessionKind;
import java.time.Instant;
import java.util.Optional;

/**
 * The callbacks of a plugin that validates or onboards: no sessions, no data. A plugin that tries
 * to export during validation gets a clear refusal.
 */
final class NoExportAgent implements Agent {
  private final String what;

  NoExportAgent(String what) {
    this.what = what;
  }

  private UnsupportedOperationException refuse(String call) {
    return new UnsupportedOperationException(call + " is not available during " + what);
  }

  @Override
  public SessionInfo sessionStart(long parentId, SessionKind kind, String name, String entityId) {
    throw refuse("SessionStart");
  }

  @Override
  public void sessionProgress(long sessionId, long current, long total) {
    throw refuse("SessionProgress");
  }

  @Override
  public ObjectStream sessionSend(long sessionId) {
    throw refuse("SessionSend");
  }

  @Override
  public void sessionDone(long sessionId, Optional<String> lastProcessed) {
    throw refuse("SessionDone");
  }

  @Override
  public GitRepoResult exportGitRepo(long sessionId, GitRepo repo) {
    throw refuse("ExportGitRepo");
  }

  @Override
  public String oauthNewAccessToken(String provider) {
    throw refuse("OAuthNewAccessToken");
  }

  @Override
  public void pause(String reason, Instant resumeAt) {
    // Harmless: a rate-limited validation may say it waits.
  }

  @Override
  public void resume() {
    // See pause.
  }
}
