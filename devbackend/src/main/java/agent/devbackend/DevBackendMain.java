package agent.devbackend;

import agent.devbackend.store.DataDir;
import agent.devbackend.store.DeviceStore;
import agent.devbackend.store.Ids;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the devbackend from a command line:
 *
 * <pre>
 * devbackend --data-dir DIR [--port N] [--admin-token T] [--max-wait-seconds N]
 * devbackend --data-dir DIR --mint-code [--customer-id C]
 * </pre>
 *
 * <p>The first stdout line is {@code listening on http://127.0.0.1:<port>} (a parent process reads
 * the port from it); logs go to stderr. Exit codes: 0 stopped by a signal or a code minted, 2 bad
 * arguments, 1 could not start.
 */
public final class DevBackendMain {
  private DevBackendMain() {}

  public static void main(String[] args) {
    // Our own logback file, so that this jar beside the agent's on one classpath cannot clash.
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "devbackend-logback.xml");
    }
    int code = run(args, System.out, System.err);
    if (code >= 0) {
      System.exit(code);
    }
  }

  /**
   * Parses {@code args} and runs; returns an exit code, or -1 when a server was started (it runs
   * until the JVM is stopped).
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    Integer port = 8080;
    Path dataDir = null;
    String adminToken = null;
    String customerId = "dev";
    long maxWaitSeconds = 60;
    boolean mintCode = false;
    try {
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--port" -> port = Integer.parseInt(value(args, ++i, arg));
          case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg));
          case "--admin-token" -> adminToken = value(args, ++i, arg);
          case "--customer-id" -> customerId = value(args, ++i, arg);
          case "--max-wait-seconds" -> maxWaitSeconds = Long.parseLong(value(args, ++i, arg));
          case "--mint-code" -> mintCode = true;
          case "--help", "-h" -> {
            out.println(usage());
            return 0;
          }
          default -> throw new IllegalArgumentException("unknown argument " + arg);
        }
      }
      if (dataDir == null) {
        throw new IllegalArgumentException("--data-dir is required");
      }
    } catch (IllegalArgumentException e) {
      err.println("devbackend: " + e.getMessage());
      err.println(usage());
      return 2;
    }
    try {
      if (mintCode) {
        out.println(new DeviceStore(new DataDir(dataDir)).mintCode(customerId).code());
        return 0;
      }
      if (adminToken == null) {
        adminToken = Ids.randomHex(16);
        err.println("devbackend: admin token " + adminToken);
      }
      DevBackendOptions defaults = DevBackendOptions.defaults(port, dataDir, adminToken);
      DevBackendServer server =
          DevBackendServer.start(
              new DevBackendOptions(
                  port,
                  dataDir,
                  adminToken,
                  Duration.ofSeconds(maxWaitSeconds),
                  defaults.redelivery(),
                  defaults.maxFileBytes()));
      out.println("listening on " + server.baseUri());
      out.flush();
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    server.close();
                    stopped.countDown();
                  },
                  "devbackend-shutdown"));
      awaitQuietly(stopped);
      return -1;
    } catch (IOException | RuntimeException e) {
      err.println("devbackend: cannot start: " + e.getMessage());
      return 1;
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[i];
  }

  static String usage() {
    return String.join(
        "\n",
        "devbackend: the agent's reference backend, for tests and trying the agent out.",
        "It serves the backend API (_docs/backend-api.md) under /api/v1, on 127.0.0.1",
        "only, and an admin API under /admin that stands in for a real backend's UI.",
        "",
        "usage: devbackend --data-dir DIR [--port N] [--admin-token T]",
        "                  [--max-wait-seconds N]",
        "       devbackend --data-dir DIR --mint-code [--customer-id C]",
        "",
        "  --data-dir DIR          where devices, commands, exports and logs are kept",
        "  --port N                default 8080; 0 picks a free port. The first line",
        "                          on stdout is \"listening on http://127.0.0.1:<port>\"",
        "  --admin-token T         required on /admin as 'Authorization: Bearer T';",
        "                          default: a random one, printed on stderr",
        "  --max-wait-seconds N    the longest long-poll of GET /commands (default 60)",
        "  --mint-code             print a one-time enrollment code and exit",
        "  --customer-id C         the customer of the minted code (default dev)",
        "",
        "Admin API (Authorization: Bearer T):",
        "  POST   /admin/enrollment-codes         {\"customer_id\"} -> {\"code\"}",
        "  GET    /admin/devices                  devices and their last heartbeat",
        "  GET    /admin/devices/{id}/heartbeats  a device's heartbeats",
        "  POST   /admin/commands                 {\"device_id\",\"type\",\"parameters\"}",
        "  GET    /admin/commands/{id}            a command, its state and its events",
        "  GET    /admin/exports/{id}             an export's files and manifest",
        "  GET    /admin/logs?device_id=D         a device's log batches",
        "  PUT    /admin/oauth/{provider}         the token /oauth/{provider}/token gives",
        "  GET|POST|DELETE /admin/failures        injected API failures",
        "",
        "Exit codes: 0 stopped by a signal or a code minted, 1 could not start, 2 bad",
        "arguments.");
  }
}
