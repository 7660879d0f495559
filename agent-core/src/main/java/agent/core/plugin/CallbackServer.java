package agent.core.plugin;

import agent.rpcdef.Agent;
import agent.rpcdef.grpc.AgentService;
import agent.rpcdef.grpc.TokenAuth;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The Agent service for one plugin, on 127.0.0.1 at a free port, accepting only calls that carry
 * that plugin's token. One per plugin, so a call always knows which integration it belongs to.
 */
public final class CallbackServer implements AutoCloseable {
  private final Server server;

  private CallbackServer(Server server) {
    this.server = server;
  }

  public static CallbackServer start(Agent agent, String token) {
    try {
      Server s = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
          .addService(ServerInterceptors.intercept(new AgentService(agent), TokenAuth.server(token)))
          .maxInboundMessageSize(PluginProcess.MAX_MESSAGE_BYTES)
          .build()
          .start();
      return new CallbackServer(s);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1 for plugin callbacks: " + e.getMessage(), e);
    }
  }

  /** host:port to give the plugin in Init. */
  public String address() {
    return "127.0.0.1:" + ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
