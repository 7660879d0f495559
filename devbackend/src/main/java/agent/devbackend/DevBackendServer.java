package agent.devbackend;

import agent.devbackend.admin.AdminAuth;
import agent.devbackend.admin.AdminHandler;
import agent.devbackend.api.ApiAuth;
import agent.devbackend.api.CommandsHandler;
import agent.devbackend.api.EnrollHandler;
import agent.devbackend.api.ExportsHandler;
import agent.devbackend.api.HeartbeatHandler;
import agent.devbackend.api.LogsHandler;
import agent.devbackend.api.OAuthHandler;
import agent.devbackend.fault.FailureInjector;
import agent.devbackend.http.Router;
import agent.devbackend.store.CommandStore;
import agent.devbackend.store.DataDir;
import agent.devbackend.store.DeviceStore;
import agent.devbackend.store.ExportStore;
import agent.devbackend.store.LogStore;
import agent.devbackend.store.OAuthStore;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reference backend: the API of {@code _docs/backend-api.md} under {@code /api/v1}, the admin
 * API under {@code /admin}, on 127.0.0.1 only, with its state in {@link DevBackendOptions#dataDir}.
 *
 * <p>{@link #start} binds and returns once requests are served; {@link #close} wakes held long
 * polls and stops. Requests run on an unbounded pool of daemon threads, since a long poll holds its
 * thread for its whole wait.
 */
public final class DevBackendServer implements AutoCloseable {
  /** The value of {@code X-Agent-Api-Version} on every API response. */
  public static final String API_VERSION = "1";

  private final HttpServer server;
  private final ExecutorService executor;
  private final CommandStore commands;
  private final DeviceStore devices;
  private final FailureInjector failures = new FailureInjector();

  private DevBackendServer(DevBackendOptions options) throws IOException {
    DataDir dir = new DataDir(options.dataDir());
    devices = new DeviceStore(dir);
    commands = new CommandStore(dir, options.redelivery());
    ExportStore exports = new ExportStore(dir, options.maxFileBytes());
    LogStore logs = new LogStore(dir);
    OAuthStore oauth = new OAuthStore(dir);
    ApiAuth auth = new ApiAuth(devices);

    EnrollHandler enroll = new EnrollHandler(devices);
    HeartbeatHandler heartbeat = new HeartbeatHandler(auth, devices);
    CommandsHandler polls = new CommandsHandler(auth, commands, options.maxWait());
    ExportsHandler uploads = new ExportsHandler(auth, exports);
    LogsHandler logsHandler = new LogsHandler(auth, logs);
    OAuthHandler oauthHandler = new OAuthHandler(auth, oauth);

    Router api =
        new Router("/api/v1", Map.of("X-Agent-Api-Version", API_VERSION))
            .filter(failures)
            .route("POST", "/enroll", enroll::enroll)
            .route("POST", "/heartbeat", heartbeat::heartbeat)
            .route("GET", "/commands", polls::poll)
            .route("POST", "/commands/([^/]+)/events", polls::event)
            .route("GET", "/exports/([^/]+)", uploads::describe)
            .route("PUT", "/exports/([^/]+)/files/(.+)", uploads::putFile)
            .route("HEAD", "/exports/([^/]+)/files/(.+)", uploads::headFile)
            .route("POST", "/exports/([^/]+)/complete", uploads::complete)
            .route("POST", "/logs", logsHandler::post)
            .route("POST", "/oauth/([^/]+)/token", oauthHandler::token);
    Router admin =
        new AdminHandler(devices, commands, exports, logs, oauth, failures)
            .routes(new Router("/admin", Map.of()).filter(new AdminAuth(options.adminToken())));

    AtomicInteger threads = new AtomicInteger();
    executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "devbackend-http-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 0);
    server.createContext("/api/v1/", api);
    server.createContext("/admin/", admin);
    server.setExecutor(executor);
  }

  /** Binds 127.0.0.1:{@code options.port()} and serves until {@link #close}. */
  public static DevBackendServer start(DevBackendOptions options) throws IOException {
    DevBackendServer s = new DevBackendServer(options);
    s.server.start();
    return s;
  }

  /** The port bound (the chosen one when started with port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:<port>}: the backend URL an agent is given. */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** The failure switches, for tests in the same JVM (the admin API does the same over HTTP). */
  public FailureInjector failures() {
    return failures;
  }

  /** The stores, for tests in the same JVM that assert on what was recorded. */
  public DeviceStore devices() {
    return devices;
  }

  /** Wakes held polls (they answer 204) and stops; requests still running are cut off. */
  @Override
  public void close() {
    commands.close();
    server.stop(0);
    executor.shutdownNow();
  }
}
