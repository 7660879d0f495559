package agent.rpcdef.internal.grpc;

import agent.rpcdef.Integration;
import agent.rpcdef.PluginLogger;
import agent.rpcdef.testing.RecordingAgent;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;

/**
 * An integration served in process by the plugin-side adapter, with the host-side client to call it,
 * for tests of the adapters themselves (deadlines, error mapping) rather than of an integration.
 */
final class InProcessPlugin implements AutoCloseable {
  private final Server server;
  private final ManagedChannel channel;
  final IntegrationClient client;

  InProcessPlugin(Integration integration, PluginLogger log) throws IOException {
    String name = "plugin-" + UUID.randomUUID();
    server = InProcessServerBuilder.forName(name)
        .addService(new IntegrationService(integration, address -> new RecordingAgent("mock"), () -> {}, log))
        .build()
        .start();
    channel = InProcessChannelBuilder.forName(name).build();
    client = new IntegrationClient(channel);
    client.init("agent", "mock", "mock", "c", "test", Duration.ofSeconds(10));
  }

  @Override
  public void close() {
    channel.shutdownNow();
    server.shutdownNow();
  }
}
