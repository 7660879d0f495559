package agent.rpcdef.testing;

import agent.rpcdef.ConfigException;
import agent.rpcdef.ConfigSpec;
import agent.rpcdef.ExportCancelledException;
import agent.rpcdef.Integration;
import agent.rpcdef.IntegrationException;
import agent.rpcdef.Json;
import agent.rpcdef.PluginLogger;
import agent.rpcdef.ValidationResult;
import agent.rpcdef.internal.CancelClock;
import agent.rpcdef.internal.CancellableClock;
import agent.rpcdef.internal.grpc.AgentClient;
import agent.rpcdef.internal.grpc.AgentService;
import agent.rpcdef.internal.grpc.IntegrationClient;
import agent.rpcdef.internal.grpc.IntegrationService;
import agent.rpcdef.internal.grpc.PluginCallException;
import agent.rpcdef.internal.grpc.TokenAuth;
import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs an {@link Integration} against a fake host, in process but through the real protocol: the
 * integration is served by the same gRPC adapter as in a plugin process, and it calls back into a
 * {@link RecordingAgent} over gRPC, token checks included. The go-plugin {@code TestPluginGRPCConn}
 * of this SDK.
 *
 * <pre>{@code
 * try (IntegrationHarness h = IntegrationHarness.start(new MyIntegration(), "my")) {
 *   IntegrationHarness.Result r = h.export("{\"token\":\"x\"}");
 *   assertEquals(10, r.objects("sourcecode.Repo").size());
 * }
 * }</pre>
 */
public final class IntegrationHarness implements AutoCloseable {
  private static final Duration CALL_DEADLINE = Duration.ofMinutes(5);

  private final RecordingAgent agent;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "harness-grpc");
    t.setDaemon(true);
    return t;
  });
  private final Server agentServer;
  private final Server pluginServer;
  private final ManagedChannel pluginChannel;
  private final List<ManagedChannel> agentChannels = new ArrayList<>();
  private final IntegrationClient client;
  private final ConfigSpec configSpec;
  private int exports;

  private IntegrationHarness(Integration integration, String integrationId, String customerId,
      Supplier<? extends CancellableClock> clocks) throws IOException {
    String token = UUID.randomUUID().toString();
    String agentName = "harness-agent-" + UUID.randomUUID();
    String pluginName = "harness-plugin-" + UUID.randomUUID();
    this.agent = new RecordingAgent(integrationId);
    this.agentServer = InProcessServerBuilder.forName(agentName)
        .executor(executor)
        .addService(ServerInterceptors.intercept(new AgentService(agent), TokenAuth.server(token)))
        .build()
        .start();
    IntegrationService service = new IntegrationService(integration, address -> {
      ManagedChannel ch = InProcessChannelBuilder.forName(address).executor(executor)
          .intercept(TokenAuth.client(token)).build();
      synchronized (agentChannels) {
        agentChannels.add(ch);
      }
      return new AgentClient(ch);
    }, () -> {}, PluginLogger.stderr(), clocks);
    this.pluginServer = InProcessServerBuilder.forName(pluginName)
        .executor(executor)
        .addService(ServerInterceptors.intercept(service, TokenAuth.server(token)))
        .build()
        .start();
    this.pluginChannel = InProcessChannelBuilder.forName(pluginName).executor(executor)
        .intercept(TokenAuth.client(token)).build();
    this.client = new IntegrationClient(pluginChannel);
    this.configSpec = client.init(agentName, integrationId, integrationId, customerId, "harness", CALL_DEADLINE).configSpec();
  }

  /** Starts the harness with customer id {@code test-customer}. */
  public static IntegrationHarness start(Integration integration, String integrationId) {
    return start(integration, integrationId, CancelClock::new);
  }

  /**
   * Starts the harness with every call on {@code clock}: the integration's waits (a backoff, a
   * rate-limit pause of its HTTP client) advance virtual time instead of sleeping, and {@link
   * FakeClock#sleeps()} shows them. {@link FakeClock#cancel()} cancels the call in progress and every
   * later one, as the host's cancel would.
   */
  public static IntegrationHarness start(Integration integration, String integrationId, FakeClock clock) {
    return start(integration, integrationId, () -> clock);
  }

  private static IntegrationHarness start(Integration integration, String integrationId,
      Supplier<? extends CancellableClock> clocks) {
    try {
      return new IntegrationHarness(integration, integrationId, "test-customer", clocks);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The config spec as the host received it at Init (through its JSON form). */
  public ConfigSpec configSpec() {
    return configSpec;
  }

  /** The fake host, to inspect or to tune (write delay, OAuth token). */
  public RecordingAgent agent() {
    return agent;
  }

  /**
   * Runs one export. On success the staged tokens are committed, as a finished local export does, so
   * the next call is incremental. On failure nothing is committed and the failure surfaces as the
   * host would classify it: a {@link ConfigException} for a config the user must fix (one that does
   * not fit the integration's {@link ConfigSpec}, or one the integration rejects), an {@link
   * ExportCancelledException} for a cancel or deadline, an {@link IntegrationException} for anything
   * else, each with the message an operator would read.
   */
  public Result export(String configJson) {
    return export(configJson, false);
  }

  public Result export(String configJson, boolean reprocessHistorical) {
    agent.reset();
    agent.setReprocessHistorical(reprocessHistorical);
    String exportId = "harness-" + (++exports);
    Map<String, Long> requestStats =
        sdk(() -> client.export(configJson.getBytes(StandardCharsets.UTF_8), reprocessHistorical, exportId, CALL_DEADLINE));
    agent.commitStaged();
    return new Result(agent.sessions(), requestStats);
  }

  public ValidationResult validate(String configJson) {
    return sdk(() -> client.validate(configJson.getBytes(StandardCharsets.UTF_8), CALL_DEADLINE));
  }

  public JsonNode onboard(String configJson, String objectType) {
    byte[] json = sdk(() -> client.onboard(configJson.getBytes(StandardCharsets.UTF_8), objectType, CALL_DEADLINE));
    try {
      return Json.mapper().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs a call into the plugin and turns the protocol's failure into the SDK exception an author knows. */
  private static <T> T sdk(java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (PluginCallException e) {
      throw switch (e.kind()) {
        case CONFIG -> new ConfigException(e.getMessage(), e);
        case CANCELLED, DEADLINE -> new ExportCancelledException(e.getMessage(), e);
        default -> new IntegrationException(e.getMessage(), e);
      };
    }
  }

  private static void sdk(Runnable call) {
    sdk(() -> {
      call.run();
      return null;
    });
  }

  @Override
  public void close() {
    pluginChannel.shutdownNow();
    synchronized (agentChannels) {
      agentChannels.forEach(ManagedChannel::shutdownNow);
    }
    pluginServer.shutdownNow();
    agentServer.shutdownNow();
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What one export sent. */
  public static final class Result {
    private final List<RecordingAgent.Recorded> sessions;
    private final Map<String, Long> requestStats;

    Result(List<RecordingAgent.Recorded> sessions, Map<String, Long> requestStats) {
      this.sessions = sessions;
      this.requestStats = requestStats;
    }

    /**
     * The HTTP request counters the export reported to the host ({@code requests}, {@code
     * not_modified}, ...), as the host receives them; empty when it made no counted requests.
     */
    public Map<String, Long> requestStats() {
      return requestStats;
    }

    public List<RecordingAgent.Recorded> sessions() {
      return sessions;
    }

    /** Every object of a model type, parsed, in the order received per session. */
    public List<JsonNode> objects(String modelType) {
      List<JsonNode> out = new ArrayList<>();
      for (RecordingAgent.Recorded s : sessions) {
        if (s.isModel() && s.name.equals(modelType)) {
          for (String line : s.objects()) {
            try {
              out.add(Json.mapper().readTree(line));
            } catch (IOException e) {
              throw new UncheckedIOException("not JSON: " + line, e);
            }
          }
        }
      }
      return out;
    }

    /** Objects per model type. */
    public Map<String, Integer> counts() {
      Map<String, Integer> out = new LinkedHashMap<>();
      for (RecordingAgent.Recorded s : sessions) {
        if (s.isModel()) {
          out.merge(s.name, s.objects().size(), Integer::sum);
        }
      }
      return out;
    }

    /** The tokens staged by sessions that ended with one, by key. */
    public Map<String, String> stagedTokens() {
      Map<String, String> out = new LinkedHashMap<>();
      for (RecordingAgent.Recorded s : sessions) {
        s.token().ifPresent(t -> out.put(s.key, t));
      }
      return out;
    }

    /** The session with this key, or an exception naming the keys there are. */
    public RecordingAgent.Recorded session(String key) {
      for (RecordingAgent.Recorded s : sessions) {
        if (s.key.equals(key)) {
          return s;
        }
      }
      throw new IllegalArgumentException("no session " + key + "; sessions: " + sessions.stream().map(s -> s.key).toList());
    }
  }
}
