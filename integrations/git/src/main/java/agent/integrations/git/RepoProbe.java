package agent.integrations.git;

import agent.rpcdef.http.ApiClient;
import agent.rpcdef.http.ApiRequest;
import agent.rpcdef.http.Auth;
import agent.rpcdef.http.CredentialsException;
import agent.rpcdef.http.HttpException;
import agent.rpcdef.http.NotFoundException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Checks that a repository can be reached, without cloning it: a local folder must be a git
 * repository; an http(s) URL must answer git's smart-HTTP discovery ({@code info/refs}) with the
 * given credentials, through the SDK's HTTP toolkit and so through the agent's proxy and with its
 * extra certificate authorities. ssh and git URLs cannot be checked without a git client and are
 * reported as such, not as errors.
 */
final class RepoProbe {
  private final String username;
  private final String password;

  RepoProbe(String username, String password) {
    this.username = username;
    this.password = password;
  }

  /** A client for one repository's URL. */
  private ApiClient client(String base) {
    // One attempt: validate-config is a question an operator waits for, not an export to see through.
    return ApiClient.builder()
        .baseUrl(base)
        .auth(username.isEmpty() ? Auth.none() : Auth.basic(username, password))
        .credentialsHint("\"username\" and \"password\"")
        .retries(1, Duration.ofSeconds(20))
        .maxRateLimitWait(Duration.ofSeconds(20))
        .userAgent("agent-git-plugin")
        .build();
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
    try {
      client(base).send(ApiRequest.get("info/refs").query("service", "git-upload-pack"));
      return null;
    } catch (CredentialsException e) {
      return url + " answered " + e.status() + ": the credentials were "
          + (username.isEmpty() ? "missing; set \"username\" and \"password\"" : "rejected; check \"username\" and \"password\"");
    } catch (NotFoundException e) {
      return url + " answered " + e.status() + ": no such repository (or no access with these credentials)";
    } catch (HttpException e) {
      return e.status() == 0
          ? url + " cannot be reached: " + e.getMessage()
          : url + " answered " + e.status() + " to git's discovery request";
    }
  }
}
