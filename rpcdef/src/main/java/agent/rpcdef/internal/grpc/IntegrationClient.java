package agent.rpcdef.internal.grpc;

import agent.proto.v1.ExportRequest;
import agent.proto.v1.ExportResponse;
import agent.proto.v1.InitRequest;
import agent.proto.v1.InitResponse;
import agent.proto.v1.IntegrationGrpc;
import agent.proto.v1.OnboardExportRequest;
import agent.proto.v1.ShutdownRequest;
import agent.proto.v1.ValidateConfigRequest;
import agent.proto.v1.ValidateConfigResponse;
import agent.rpcdef.ConfigSpec;
import agent.rpcdef.ValidationResult;
import agent.rpcdef.internal.ConfigSpecJson;
import agent.rpcdef.internal.RequestCounters;
import com.google.protobuf.ByteString;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The host side of the Integration service: calls into a plugin. Every call takes a deadline; a
 * failure surfaces as {@link PluginCallException} with its {@link PluginCallException.Kind}.
 */
public final class IntegrationClient {
  private final IntegrationGrpc.IntegrationBlockingStub stub;

  /** {@code channel} must already carry the token (see {@link TokenAuth#client}). */
  public IntegrationClient(Channel channel) {
    this.stub = IntegrationGrpc.newBlockingStub(channel);
  }

  /**
   * What a plugin says about itself at Init.
   *
   * @param configSpec the config keys it declared, or null when it declared none (a plugin not built
   *     on the Java SDK may leave them out)
   */
  public record InitResult(String pluginVersion, ConfigSpec configSpec) {}

  /** Returns the plugin's version and config spec; a spec that cannot be read fails Init. */
  public InitResult init(String agentAddress, String integrationId, String integrationName, String customerId,
      String agentVersion, Duration deadline) {
    InitResponse r;
    try {
      r = with(deadline)
          .init(InitRequest.newBuilder()
              .setAgentAddress(agentAddress)
              .setIntegrationId(integrationId)
              .setIntegrationName(integrationName)
              .setCustomerId(customerId)
              .setAgentVersion(agentVersion)
              .build());
    } catch (StatusRuntimeException e) {
      throw PluginCallException.of("Init", e.getStatus(), e);
    }
    try {
      return new InitResult(r.getPluginVersion(), ConfigSpecJson.read(r.getConfigSpecJson().toByteArray()));
    } catch (IllegalArgumentException e) {
      throw new PluginCallException(PluginCallException.Kind.FAILED, "the plugin's Init answer is broken: " + e.getMessage(), e);
    }
  }

  /**
   * Runs the export; returns when the plugin is done.
   *
   * @return the request counters the plugin's HTTP client kept ({@link RequestCounters}),
   *     in display order; empty when it reported none
   */
  public Map<String, Long> export(byte[] configJson, boolean reprocessHistorical, String exportId, Duration deadline) {
    try {
      ExportResponse r = with(deadline).export(ExportRequest.newBuilder()
          .setConfigJson(ByteString.copyFrom(configJson))
          .setReprocessHistorical(reprocessHistorical)
          .setExportId(exportId)
          .build());
      return RequestCounters.ordered(r.getRequestStatsMap());
    } catch (StatusRuntimeException e) {
      throw PluginCallException.of("Export", e.getStatus(), e);
    }
  }

  public ValidationResult validate(byte[] configJson, Duration deadline) {
    try {
      ValidateConfigResponse r = with(deadline)
          .validateConfig(ValidateConfigRequest.newBuilder().setConfigJson(ByteString.copyFrom(configJson)).build());
      return new ValidationResult(r.getSuccess(), r.getErrorsList(), r.getAccount());
    } catch (StatusRuntimeException e) {
      throw PluginCallException.of("ValidateConfig", e.getStatus(), e);
    }
  }

  /** Returns the records as a UTF-8 JSON array. */
  public byte[] onboard(byte[] configJson, String objectType, Duration deadline) {
    try {
      return with(deadline)
          .onboardExport(OnboardExportRequest.newBuilder()
              .setConfigJson(ByteString.copyFrom(configJson))
              .setObjectType(objectType)
              .build())
          .getRecordsJson()
          .toByteArray();
    } catch (StatusRuntimeException e) {
      throw PluginCallException.of("OnboardExport", e.getStatus(), e);
    }
  }

  public void shutdown(Duration deadline) {
    try {
      with(deadline).shutdown(ShutdownRequest.getDefaultInstance());
    } catch (StatusRuntimeException e) {
      throw PluginCallException.of("Shutdown", e.getStatus(), e);
    }
  }

  private IntegrationGrpc.IntegrationBlockingStub with(Duration deadline) {
    return stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }
}
