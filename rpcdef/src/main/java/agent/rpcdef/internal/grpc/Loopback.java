package agent.rpcdef.internal.grpc;

import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The plugin protocol's connections, for host and plugin alike: servers on 127.0.0.1 at a free port
 * and channels to them, plaintext, carrying the per-launch token, never through a proxy, and with
 * room for one large object per message.
 */
public final class Loopback {
  /** Objects arrive in batches of up to 256 KiB; a single large object may be bigger, up to this. */
  public static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

  private Loopback() {}

  /** A started server for {@code service} that refuses calls without {@code token}. */
  public static Server server(BindableService service, String token) throws IOException {
    return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(ServerInterceptors.intercept(service, TokenAuth.server(token)))
        .maxInboundMessageSize(MAX_MESSAGE_BYTES)
        .build()
        .start();
  }

  /** The port a {@link #server} listens on. */
  public static int port(Server server) {
    return ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
  }

  /** A channel to {@code host:port} whose every call carries {@code token}. */
  public static ManagedChannel channel(String address, String token) {
    int colon = address.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("address must be host:port, got " + address);
    }
    return NettyChannelBuilder.forAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)))
        .usePlaintext()
        // The protocol runs on loopback: an HTTPS_PROXY meant for the internet must never see it.
        .proxyDetector(target -> null)
        .intercept(TokenAuth.client(token))
        .maxInboundMessageSize(MAX_MESSAGE_BYTES)
        .build();
  }
}
