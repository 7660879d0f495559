package agent.rpcdef.internal.grpc;

import io.grpc.BindableService;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The plugin protocol's connections, for host and plugin alike: servers on 127.0.0.1 at a free port
 * and channels to them, plaintext, carrying the per-launch token, never through a proxy, and with
 * room for one large object per message.
 *
 * <p>All of them run on one event loop group of this process, with the JDK's own selector (NIO), which
 * a shutdown hook closes. gRPC's default groups would linger a second after their last user, their
 * threads waiting inside the kernel for I/O; a JVM asked to exit waits about 0.3 s for any such
 * thread before it gives up and exits anyway, and a short command has two JVMs that exit. NIO also
 * spares each start the copy of netty's native epoll library to the temporary folder.
 */
public final class Loopback {
  /** Objects arrive in batches of up to 256 KiB; a single large object may be bigger, up to this. */
  public static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

  private Loopback() {}

  /** The event loops of every server and channel here; made on first use, closed at the JVM's exit. */
  private static final class Loops {
    static final EventLoopGroup GROUP = start();

    private static EventLoopGroup start() {
      // As many loops as gRPC's default (twice the cores); each one's thread starts on its first channel.
      NioEventLoopGroup group = new NioEventLoopGroup(0, r -> {
        Thread t = new Thread(r, "loopback-io");
        t.setDaemon(true);
        return t;
      });
      Runtime.getRuntime().addShutdownHook(new Thread(
          () -> group.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS).awaitUninterruptibly(1, TimeUnit.SECONDS),
          "loopback-io-close"));
      return group;
    }
  }

  /** A started server for {@code service} that refuses calls without {@code token}. */
  public static Server server(BindableService service, String token) throws IOException {
    return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .channelType(NioServerSocketChannel.class)
        .bossEventLoopGroup(Loops.GROUP)
        .workerEventLoopGroup(Loops.GROUP)
        .addService(ServerInterceptors.intercept(service, TokenAuth.server(token)))
        .maxInboundMessageSize(MAX_MESSAGE_BYTES)
        .build()
        .start();
  }

  /** The port a {@link #server} listens on. */
  public static int port(Server server) {
    return ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
  }

  /**
   * Fails with {@link IllegalArgumentException} unless {@code address} is {@code host:port} with a
   * numeric port; returns the index of the colon.
   */
  public static int checkAddress(String address) {
    int colon = address.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("address must be host:port, got " + address);
    }
    try {
      Integer.parseInt(address.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("address must be host:port, got " + address, e);
    }
    return colon;
  }

  /** A channel to {@code host:port} whose every call carries {@code token}. */
  public static ManagedChannel channel(String address, String token) {
    int colon = checkAddress(address);
    return NettyChannelBuilder.forAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)))
        .channelType(NioSocketChannel.class)
        .eventLoopGroup(Loops.GROUP)
        .usePlaintext()
        // The protocol runs on loopback: an HTTPS_PROXY meant for the internet must never see it.
        .proxyDetector(target -> null)
        .intercept(TokenAuth.client(token))
        .maxInboundMessageSize(MAX_MESSAGE_BYTES)
        .build();
  }

  /**
   * A {@link #channel} made on its first call, for a connection that may never be used: a plugin's
   * way back to the host, which only an Export calls. Making one loads and sets up gRPC's client
   * side (name resolvers, load balancers, netty's bootstrap): a tenth of a second of a plugin's
   * start that a ValidateConfig or an OnboardExport would spend for nothing. The address is checked
   * at once; the channel is never shut down, as it lives as long as the plugin.
   */
  public static Channel channelOnFirstCall(String address, String token) {
    checkAddress(address);
    return new OnFirstCall(address, token);
  }

  private static final class OnFirstCall extends Channel {
    private final String address;
    private final String token;
    private volatile ManagedChannel channel;

    OnFirstCall(String address, String token) {
      this.address = address;
      this.token = token;
    }

    private ManagedChannel channel() {
      ManagedChannel c = channel;
      if (c == null) {
        synchronized (this) {
          c = channel;
          if (c == null) {
            c = Loopback.channel(address, token);
            channel = c;
          }
        }
      }
      return c;
    }

    @Override
    public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
      return channel().newCall(method, options);
    }

    @Override
    public String authority() {
      return channel().authority();
    }
  }
}
