package agent.integrations.git;

import agent.rpcdef.internal.net.Network;
import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

/**
 * Checks that a repository can be reached, without cloning it: a local folder must be a git
 * repository; an http(s) URL must answer git's smart-HTTP discovery ({@code info/refs}) with the
 * given credentials, through the agent's proxy and with its extra certificate authorities. ssh and git URLs cannot be checked without a git client and are reported as
 * such, not as errors.
 */
final class RepoProbe {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private final String username;
  private final String password;
  private final HttpClient http;

  RepoProbe(String username, String password) {
    this.username = username;
    this.password = password;
    // The proxy and extra CAs the host passed in the environment: the agent's network settings.
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL)
        .sslContext(Network.sslContext(System.getenv()));
    ProxySelector proxy = Network.proxySelectorFromEnvironment();
    if (proxy != null) {
      b.proxy(proxy);
    }
    this.http = b.build();
  }

  /** Null when the repository looks reachable; otherwise what is wrong, in words. */
  String check(RepoLocation r) {
    if (r.local()) {
      return checkFolder(Path.of(r.refId()));
    }
    if (r.isHttp()) {
      return checkHttp(r.refId());
    }
    if (r.refId().startsWith("file://")) {
      return checkFolder(Path.of(URI.create(r.refId())));
    }
    return null; // ssh and git URLs: the export reports a failure if they cannot be cloned.
  }

  static String checkFolder(Path p) {
    if (!Files.exists(p)) {
      return p + " does not exist";
    }
    if (!Files.isDirectory(p)) {
      return p + " is not a folder";
    }
    boolean worktree = Files.exists(p.resolve(".git"));
    boolean bare = Files.isRegularFile(p.resolve("HEAD")) && Files.isDirectory(p.resolve("objects"));
    if (!worktree && !bare) {
      return p + " is not a git repository (no .git folder, and not a bare repository)";
    }
    return null;
  }

  private String checkHttp(String url) {
    String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + "/info/refs?service=git-upload-pack"))
        .timeout(TIMEOUT)
        .header("User-Agent", "agent-git-plugin")
        .GET();
    if (!username.isEmpty()) {
      req.header("Authorization", "Basic "
          + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    HttpResponse<Void> resp;
    try {
      resp = http.send(req.build(), HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      return url + " cannot be reached: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return url + ": interrupted";
    }
    int s = resp.statusCode();
    if (s == 200) {
      return null;
    }
    if (s == 401 || s == 403) {
      return url + " answered " + s + ": the credentials were " + (username.isEmpty() ? "missing; set \"username\" and \"password\"" : "rejected; check \"username\" and \"password\"");
    }
    if (s == 404) {
      return url + " answered 404: no such repository (or no access with these credentials)";
    }
    return url + " answered " + s + " to git's discovery request";
  }
}
