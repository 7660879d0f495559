package agent.rpcdef;

import agent.rpcdef.internal.Agent;
import agent.rpcdef.internal.Protocol;
import agent.rpcdef.internal.StdinWatch;
import agent.rpcdef.internal.grpc.AgentClient;
import agent.rpcdef.internal.grpc.IntegrationService;
import agent.rpcdef.internal.grpc.Loopback;
import io.grpc.Server;
import java.io.IOException;
import java.io.PrintStream;

/**
 * The {@code main} of a Java plugin: {@code public static void main(String[] a) {
 * PluginMain.serve(new MyIntegration()); }}.
 *
 * <p>It sends {@code System.out} to stderr before anything else runs, so that no stray print can
 * corrupt the protocol; refuses to run without the host's cookie; listens on 127.0.0.1 on a free
 * port; prints the handshake line on the real stdout; and exits when the host calls Shutdown or
 * when stdin closes (the host died). It never returns normally.
 */
public final class PluginMain {
  private PluginMain() {}

  public static void serve(Integration integration) {
    // Stdout is the protocol channel. Take it away from everything else first, before any library
    // (a logging framework finding no config, say) gets a chance to print there.
    PrintStream stdout = System.out;
    System.setOut(System.err);
    PluginLogger log = PluginLogger.stderr();
    if (!Protocol.MAGIC_COOKIE_VALUE.equals(System.getenv(Protocol.MAGIC_COOKIE_ENV))) {
      System.err.println(Protocol.NOT_A_PROGRAM_MESSAGE);
      System.exit(1);
    }
    String token = System.getenv(Protocol.TOKEN_ENV);
    if (token == null || token.isEmpty()) {
      System.err.println("agent plugin: " + Protocol.TOKEN_ENV + " is not set; the host must pass a per-launch token.");
      System.exit(1);
    }
    Thread.setDefaultUncaughtExceptionHandler(
        (t, e) -> log.error("uncaught exception", "thread", t.getName(), "error", e.toString()));

    Server[] server = new Server[1];
    Runnable exit = () -> {
      // The answer to Shutdown is out, and the host asks only when its calls have returned or been
      // cancelled: nothing more is owed to it. A graceful server shutdown would wait for the host to
      // close the connection; exit at once instead, with stderr flushed and shutdown hooks run. Not
      // on a gRPC thread, which System.exit would block while the hooks run.
      Thread t = new Thread(() -> {
        System.err.flush();
        stdout.flush();
        System.exit(0);
      }, "plugin-shutdown");
      t.setDaemon(true);
      t.start();
    };
    IntegrationService service = new IntegrationService(integration, address -> connect(address, token), exit, log);
    try {
      server[0] = Loopback.server(service, token);
    } catch (IOException e) {
      System.err.println("agent plugin: cannot listen on 127.0.0.1: " + e.getMessage());
      System.exit(1);
    }
    int port = Loopback.port(server[0]);
    stdout.println(Protocol.Handshake.forPort(port).line());
    stdout.flush();

    watchStdin(log);
    try {
      server[0].awaitTermination();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    System.exit(0);
  }

  private static Agent connect(String address, String token) {
    return new AgentClient(Loopback.channelOnFirstCall(address, token));
  }

  /** Exits when stdin reaches EOF: the host is gone and nobody will ever call Shutdown. */
  private static void watchStdin(PluginLogger log) {
    StdinWatch.start("plugin-stdin-watch", () -> {
      log.warn("stdin closed: the agent is gone, exiting");
      Runtime.getRuntime().halt(2);
    });
  }
}
