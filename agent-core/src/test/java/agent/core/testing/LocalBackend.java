package agent.core.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import agent.core.backend.BackendClient;
import agent.core.backend.BackendException;
import agent.core.backend.EnrollRequest;
import agent.core.backend.Enrollment;
import agent.devbackend.DevBackendOptions;
import agent.devbackend.DevBackendServer;
import agent.devbackend.fault.FailureRule;
import agent.rpcdef.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The reference backend (devbackend) in this JVM on 127.0.0.1 and an ephemeral port, with its data in
 * a temporary folder: what agent-core tests talk to over a real socket instead of mocking the client.
 *
 * <p>Register it per test: {@code @RegisterExtension final LocalBackend backend = LocalBackend.enrolled();}
 * starts a backend before each test (and, for {@link #enrolled()}, enrolls one device whose
 * {@link #client()} is ready), and closes it and deletes its folder after. A test may {@link #close()}
 * it early to see a backend gone (the folder stays until after the test). Outside JUnit, call {@link
 * #start()} and {@link #close()}, and delete {@link #dataDir()} yourself. Not thread-safe to start and
 * close; the accessors may be used from any thread once started.
 */
public final class LocalBackend implements BeforeEachCallback, AfterEachCallback, AutoCloseable {
  public static final String ADMIN_TOKEN = "admin-token";
  public static final String AGENT_VERSION = "0.1.0-test";

  private final boolean enroll;
  private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(30)).build();
  private Path dataDir;
  private DevBackendServer server;
  private URI uri;
  private Enrollment enrollment;
  private BackendClient client;
  private boolean closed;

  private LocalBackend(boolean enroll) {
    this.enroll = enroll;
  }

  /** A backend with no device: for tests of enrolling itself. */
  public static LocalBackend started() {
    return new LocalBackend(false);
  }

  /** A backend with one device enrolled (customer {@code acme}) and its {@link #client()}. */
  public static LocalBackend enrolled() {
    return new LocalBackend(true);
  }

  /** Starts the backend (and enrolls, for {@link #enrolled()}); returns once it serves requests. */
  public LocalBackend start() throws IOException, BackendException {
    dataDir = Files.createTempDirectory("local-backend-");
    server = DevBackendServer.start(DevBackendOptions.defaults(0, dataDir, ADMIN_TOKEN));
    uri = server.baseUri();
    if (enroll) {
      enrollment = enroll();
      client = client(enrollment.apiKey());
    }
    return this;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    start();
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    close();
    if (dataDir == null) {
      return; // start() failed before making the folder
    }
    try (Stream<Path> files = Files.walk(dataDir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** {@code http://127.0.0.1:<port>}; still the same after {@link #close()}, so a client sees it gone. */
  public URI uri() {
    return uri;
  }

  /** Where the backend keeps its state, e.g. {@code exports/<id>/} and {@code devices/<id>/}. */
  public Path dataDir() {
    return dataDir;
  }

  /** The server itself, for its in-JVM stores (e.g. {@code devices().heartbeats(id)}). */
  public DevBackendServer server() {
    return server;
  }

  /** A fresh enrollment code of customer {@code acme}. */
  public String mintCode() {
    return server.devices().mintCode("acme").code();
  }

  /** Enrolls one more device with a fresh code, as {@code agent enroll} would. */
  public Enrollment enroll() throws BackendException {
    return client(null).enroll(
        new EnrollRequest(mintCode(), UUID.randomUUID().toString(), "h", "linux", "amd64", AGENT_VERSION, "dev"));
  }

  /** The device enrolled at start; only for {@link #enrolled()}. */
  public Enrollment enrollment() {
    return Objects.requireNonNull(enrollment, "LocalBackend.started() enrolls no device");
  }

  /** A client with the API key of {@link #enrollment()}; only for {@link #enrolled()}. */
  public BackendClient client() {
    return Objects.requireNonNull(client, "LocalBackend.started() enrolls no device");
  }

  /** A client of this backend with {@code apiKey}; none (as for enrolling) when null. */
  public BackendClient client(String apiKey) {
    return new BackendClient(http, uri(), apiKey, AGENT_VERSION);
  }

  /**
   * A call of the admin API ({@code path} under {@code /admin}, {@code body} as JSON, none when null),
   * asserted to succeed.
   *
   * @return the answer's JSON; null when it had no body
   */
  public JsonNode admin(String method, String path, Object body) throws IOException {
    RequestBody requestBody = body == null ? null : RequestBody.create(Json.bytes(body), MediaType.get("application/json"));
    Request request = new Request.Builder().url(uri() + "/admin" + path).header("Authorization", "Bearer " + ADMIN_TOKEN)
        .method(method, requestBody).build();
    try (Response response = http.newCall(request).execute()) {
      String text = response.body().string();
      assertTrue(response.isSuccessful(), method + " /admin" + path + ": " + response.code() + " " + text);
      return text.isEmpty() ? null : Json.mapper().readTree(text);
    }
  }

  /** Adds {@code rule} after the rules already there (a request is taken by the first it matches). */
  public FailureRule inject(FailureRule rule) {
    server.failures().add(rule);
    return rule;
  }

  /**
   * Counts the API requests whose path matches {@code pathRegex} and that no rule injected before took;
   * read it with {@link #taken}. Requests are served as usual, 1 ms late.
   */
  public FailureRule countRequests(String pathRegex) {
    return inject(new FailureRule(pathRegex, null, Integer.MAX_VALUE, 0, 0, 1));
  }

  /** How many requests {@code rule} (as given to {@link #inject}) has taken so far. */
  public int taken(FailureRule rule) {
    int left = server.failures().pending().stream()
        .filter(r -> r.pathRegex().equals(rule.pathRegex()) && Objects.equals(r.method(), rule.method())
            && r.status() == rule.status() && r.retryAfterSeconds() == rule.retryAfterSeconds()
            && r.delayMs() == rule.delayMs())
        .mapToInt(FailureRule::count)
        .findFirst()
        .orElse(0);
    return rule.count() - left;
  }

  /** Stops the backend: a client then gets connection errors. Closing again does nothing. */
  @Override
  public void close() {
    if (server != null && !closed) {
      closed = true;
      server.close();
    }
  }
}
