package agent.rpcdef.internal.grpc;

import agent.proto.v1.InitRequest;
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
import agent.rpcdef.internal.Agent;
import agent.rpcdef.internal.CancelClock;
import agent.rpcdef.internal.RequestCounters;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The {@link ExportContext} of one Export call inside a plugin. */
final class PluginExportContext implements ExportContext, RequestCounters.Hook {
  private final InitRequest init;
  private final String exportId;
  private final Config config;
  private final boolean reprocessHistorical;
  private final Agent agent;
  private final PluginLogger log;
  private final CancelClock clock;
  private final Sessions sessions;
  private volatile Supplier<Map<String, Long>> requestStats;

  /** @param clock cancelled by the caller when the host cancels the Export call */
  PluginExportContext(InitRequest init, String exportId, Config config, boolean reprocessHistorical, Agent agent,
      PluginLogger log, CancelClock clock) {
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

  @Override
  public void requestStats(Supplier<Map<String, Long>> snapshot) {
    this.requestStats = snapshot;
  }

  /**
   * The registered request counters as they are now; empty when none were registered. Counting is a
   * side channel: a failing snapshot is logged and never fails the export.
   */
  Map<String, Long> requestStatsSnapshot() {
    Supplier<Map<String, Long>> s = requestStats;
    if (s == null) {
      return Map.of();
    }
    try {
      Map<String, Long> snapshot = s.get();
      return snapshot == null ? Map.of() : snapshot;
    } catch (RuntimeException e) {
      log.warn("cannot read the request counters; the export reports none", "error", e.toString());
      return Map.of();
    }
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
}
