package agent.rpcdef.internal.grpc;

import agent.proto.v1.InitRequest;
import agent.rpcdef.AgentException;
import agent.rpcdef.Config;
import agent.rpcdef.ExportClock;
import agent.rpcdef.ExportContext;
import agent.rpcdef.GitRepo;
import agent.rpcdef.GitRepoResult;
import agent.rpcdef.Integration;
import agent.rpcdef.ModelSession;
import agent.rpcdef.PluginLogger;
import agent.rpcdef.Sessions;
import agent.rpcdef.TrackingSession;
import agent.rpcdef.http.ApiClient;
import agent.rpcdef.http.PauseListener;
import agent.rpcdef.http.RequestStats;
import agent.rpcdef.internal.Agent;
import agent.rpcdef.internal.CancellableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The {@link ExportContext} of one Export call inside a plugin. */
final class PluginExportContext implements ExportContext {
  private final InitRequest init;
  private final String exportId;
  private final Config config;
  private final boolean reprocessHistorical;
  private final Agent agent;
  private final PluginLogger log;
  private final CancellableClock clock;
  private final Sessions sessions;
  /** Every client built from {@link #http()} counts here: one account per integration and export. */
  private final RequestStats requestStats = new RequestStats();
  private final PauseListener pauses = new PauseListener() {
    // A report that cannot reach the host (it cancelled the export, say) must not replace what the
    // client is about to throw or return: it is only a report.
    @Override
    public void pause(String reason, Instant resumeAt) {
      try {
        PluginExportContext.this.pause(reason, resumeAt);
      } catch (AgentException e) {
        log.debug("cannot report the pause to the host", "error", e.getMessage());
      }
    }

    @Override
    public void resume() {
      try {
        PluginExportContext.this.resume();
      } catch (AgentException e) {
        log.debug("cannot report the end of the pause to the host", "error", e.getMessage());
      }
    }
  };

  /** @param clock cancelled by the caller when the host cancels the Export call */
  PluginExportContext(InitRequest init, String exportId, Config config, boolean reprocessHistorical, Agent agent,
      PluginLogger log, CancellableClock clock) {
    this.init = init;
    this.exportId = exportId;
    this.config = config;
    this.reprocessHistorical = reprocessHistorical;
    this.agent = agent;
    this.log = log;
    this.clock = clock;
    this.sessions = new Sessions(agent);
  }

  /**
   * Runs the export. On success, sessions the integration left open are ended without a token (what
   * they queued is sent); on failure their streams are aborted and the error rethrown.
   */
  void run(Integration integration) {
    try {
      IntegrationService.call("Export", log, () -> {
        integration.export(this);
        return null;
      });
    } catch (RuntimeException | Error e) {
      sessions.abortOpen(e);
      throw e;
    }
    List<String> leftOpen = sessions.finishOpen();
    if (!leftOpen.isEmpty()) {
      log.warn("export returned with sessions not done; ended them without a new token", "sessions", String.join(",", leftOpen));
    }
  }

  /**
   * What every client built from {@link #http()} counted, for the Export response; empty when the
   * integration sent no request (the host then shows nothing).
   */
  Map<String, Long> requestStatsSnapshot() {
    RequestStats.Snapshot snapshot = requestStats.snapshot();
    return snapshot.requests() == 0 ? Map.of() : snapshot.asMap();
  }

  @Override
  public TrackingSession tracking(String entityType, String entityId) {
    return sessions.tracking(entityType, entityId);
  }

  @Override
  public ModelSession model(String modelType) {
    return sessions.model(modelType);
  }

  @Override
  public String integrationId() {
    return init.getIntegrationId();
  }

  @Override
  public String customerId() {
    return init.getCustomerId();
  }

  @Override
  public String exportId() {
    return exportId;
  }

  @Override
  public Config config() {
    return config;
  }

  @Override
  public boolean reprocessHistorical() {
    return reprocessHistorical;
  }

  @Override
  public ExportClock clock() {
    return clock;
  }

  @Override
  public GitRepoResult exportGitRepo(TrackingSession session, GitRepo repo) {
    return agent.exportGitRepo(session.id(), repo);
  }

  @Override
  public String oauthAccessToken(String provider) {
    return agent.oauthNewAccessToken(provider);
  }

  @Override
  public void pause(String reason, Instant resumeAt) {
    agent.pause(reason, resumeAt);
  }

  @Override
  public void resume() {
    agent.resume();
  }

  @Override
  public PluginLogger log() {
    return log;
  }

  @Override
  public ApiClient.Builder http() {
    return ApiClient.builder().clock(clock).listener(pauses).log(log).stats(requestStats);
  }

}
