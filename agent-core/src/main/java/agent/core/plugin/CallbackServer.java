package agent.core.plugin;

import agent.rpcdef.internal.Agent;
import agent.rpcdef.internal.grpc.AgentService;
import agent.rpcdef.internal.grpc.Loopback;
import io.grpc.Server;
import java.io.IOException;
import java.io.UncheckedIOException;
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
      return new CallbackServer(Loopback.server(new AgentService(agent), token));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1 for plugin callbacks: " + e.getMessage(), e);
    }
  }

  /** host:port to give the plugin in Init. */
  public String address() {
    return "127.0.0.1:" + Loopback.port(server);
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
