package agent.rpcdef.internal.grpc;

import agent.proto.v1.ExportRequest;
import agent.proto.v1.ExportResponse;
import agent.proto.v1.InitRequest;
import agent.proto.v1.InitResponse;
import agent.proto.v1.IntegrationGrpc;
import agent.proto.v1.OnboardExportRequest;
import agent.proto.v1.OnboardExportResponse;
import agent.proto.v1.ShutdownRequest;
import agent.proto.v1.ShutdownResponse;
import agent.proto.v1.ValidateConfigRequest;
import agent.proto.v1.ValidateConfigResponse;
import agent.rpcdef.Config;
import agent.rpcdef.ConfigException;
import agent.rpcdef.ConfigSpec;
import agent.rpcdef.Integration;
import agent.rpcdef.IntegrationException;
import agent.rpcdef.Json;
import agent.rpcdef.PluginLogger;
import agent.rpcdef.ValidationResult;
import agent.rpcdef.internal.Agent;
import agent.rpcdef.internal.CallClock;
import agent.rpcdef.internal.CancelClock;
import agent.rpcdef.internal.CancellableClock;
import agent.rpcdef.internal.ConfigSpecJson;
import com.google.protobuf.ByteString;
import io.grpc.Context;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The plugin side of the Integration service: serves an {@link Integration} over gRPC. Init connects
 * back to the host's Agent service through {@code agentConnector} and tells the host the
 * integration's {@link ConfigSpec}. Every config is checked against that spec before the
 * integration sees it: a misfit fails Export and OnboardExport as a config error and ValidateConfig
 * as a failed validation.
 */
public final class IntegrationService extends IntegrationGrpc.IntegrationImplBase {
  private final Integration integration;
  private final Function<String, Agent> agentConnector;
  private final Runnable onShutdown;
  private final PluginLogger log;
  private volatile InitRequest init;
  private volatile Agent agent;
  private volatile ConfigSpec spec;
  private final Supplier<? extends CancellableClock> clocks;

  /**
   * @param agentConnector opens the Agent API for the address the host sends in Init
   * @param onShutdown runs once the answer to the Shutdown call has been sent (or the host went away
   *     before it could be): nothing more is owed to the host
   */
  public IntegrationService(
      Integration integration, Function<String, Agent> agentConnector, Runnable onShutdown, PluginLogger log) {
    this(integration, agentConnector, onShutdown, log, CancelClock::new);
  }

  /** @param clocks a fresh clock per call; the real one, or a test's fake ({@code FakeClock}) */
  public IntegrationService(Integration integration, Function<String, Agent> agentConnector, Runnable onShutdown,
      PluginLogger log, Supplier<? extends CancellableClock> clocks) {
    this.clocks = clocks;
    this.integration = integration;
    this.agentConnector = agentConnector;
    this.onShutdown = onShutdown;
    this.log = log;
  }

  @Override
  public void init(InitRequest req, StreamObserver<InitResponse> resp) {
    AgentService.unary(resp, () -> {
      this.agent = agentConnector.apply(req.getAgentAddress());
      this.init = req;
      Package p = integration.getClass().getPackage();
      String version = p == null || p.getImplementationVersion() == null ? "dev" : p.getImplementationVersion();
      return InitResponse.newBuilder()
          .setPluginVersion(version)
          .setConfigSpecJson(ByteString.copyFrom(ConfigSpecJson.write(spec())))
          .build();
    });
  }

  @Override
  public void export(ExportRequest req, StreamObserver<ExportResponse> resp) {
    serve(resp, () -> {
      InitRequest in = requireInit();
      Config config = spec().check(Config.parse(req.getConfigJson().toByteArray()));
      // The host cancels by cancelling this call (deadline, shutdown, an operator's cancel): that
      // ends every wait on the export's clock at once.
      CancellableClock clock = clocks.get();
      PluginExportContext ctx =
          new PluginExportContext(in, req.getExportId(), config, req.getReprocessHistorical(), agent, log, clock);
      CallClock.run(clock, () -> {
        ctx.run(integration);
        return null;
      });
      ExportResponse.Builder out = ExportResponse.newBuilder();
      ctx.requestStatsSnapshot().forEach((name, count) -> {
        if (name != null && count != null) {
          out.putRequestStats(name, count);
        }
      });
      return out.build();
    });
  }

  @Override
  public void validateConfig(ValidateConfigRequest req, StreamObserver<ValidateConfigResponse> resp) {
    serve(resp, () -> {
      Config parsed;
      List<String> problems;
      try {
        parsed = Config.parse(req.getConfigJson().toByteArray());
        problems = spec().problems(parsed);
      } catch (ConfigException e) {
        parsed = null;
        problems = List.of(e.getMessage());
      }
      Config config = problems.isEmpty() ? spec().check(parsed) : null;
      // A config that does not fit the spec is a failed validation with a sentence per key, not an error.
      ValidationResult r = config == null
          ? ValidationResult.failed(problems)
          : CallClock.run(clocks.get(), () -> call("ValidateConfig", log, () -> integration.validate(config)));
      return ValidateConfigResponse.newBuilder()
          .setSuccess(r.success())
          .addAllErrors(r.errors())
          .setAccount(r.account())
          .build();
    });
  }

  @Override
  public void onboardExport(OnboardExportRequest req, StreamObserver<OnboardExportResponse> resp) {
    serve(resp, () -> {
      String customerId = requireInit().getCustomerId();
      Config config = spec().check(Config.parse(req.getConfigJson().toByteArray()));
      List<?> records = CallClock.run(clocks.get(),
          () -> call("OnboardExport", log, () -> integration.onboard(config, req.getObjectType(), customerId)));
      return OnboardExportResponse.newBuilder()
          .setRecordsJson(ByteString.copyFrom(Json.bytes(records == null ? List.of() : records)))
          .build();
    });
  }

  @Override
  public void shutdown(ShutdownRequest req, StreamObserver<ShutdownResponse> resp) {
    AtomicBoolean once = new AtomicBoolean();
    Runnable leave = () -> {
      if (once.compareAndSet(false, true)) {
        onShutdown.run();
      }
    };
    if (resp instanceof ServerCallStreamObserver<ShutdownResponse> call) {
      // After the answer's last byte went out, not before: the host then sees an answer and an exit.
      call.setOnCloseHandler(leave);
      call.setOnCancelHandler(leave);
      resp.onNext(ShutdownResponse.getDefaultInstance());
      resp.onCompleted();
    } else {
      resp.onNext(ShutdownResponse.getDefaultInstance());
      resp.onCompleted();
      leave.run();
    }
  }

  /** The integration's spec, asked once: a spec that cannot be built is the author's bug, reported at Init. */
  private ConfigSpec spec() {
    ConfigSpec s = spec;
    if (s == null) {
      s = call("configSpec", log, integration::configSpec);
      if (s == null) {
        throw new IllegalStateException(integration.getClass().getName() + ".configSpec() returned null; "
            + "return ConfigSpec.empty() for an integration without config keys");
      }
      spec = s;
    }
    return s;
  }

  private InitRequest requireInit() {
    InitRequest in = init;
    if (in == null) {
      throw new IllegalStateException("Init must be called before Export");
    }
    return in;
  }

  interface Call<T> {
    T run() throws Exception;
  }

  /** Answers a call into the integration, classifying its failure as the plugin side does. */
  private static <T> void serve(StreamObserver<T> resp, Supplier<T> body) {
    AgentService.unary(resp, body, Errors::fromIntegration);
  }

  /**
   * Runs an integration's method. What it throws other than an {@link IntegrationException} is
   * unexpected: it is logged with its stack trace (the host only gets class and message), and a
   * checked exception is wrapped as {@code "<SimpleName>: <message>"}.
   */
  static <T> T call(String name, PluginLogger log, Call<T> c) {
    try {
      return c.run();
    } catch (IntegrationException e) {
      throw e;
    } catch (RuntimeException e) {
      logUnexpected(name, log, e);
      throw e;
    } catch (Exception e) {
      logUnexpected(name, log, e);
      throw new IntegrationException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  private static void logUnexpected(String name, PluginLogger log, Exception e) {
    StringWriter stack = new StringWriter();
    e.printStackTrace(new PrintWriter(stack));
    log.error(name + " failed", "error", e.toString(), "stack", stack.toString());
  }
}
