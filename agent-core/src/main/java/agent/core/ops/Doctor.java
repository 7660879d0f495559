package agent.core.ops;

import agent.core.config.Enrollment;
import agent.core.config.InputException;
import agent.core.fs.PinpointRoot;
import agent.rpcdef.internal.net.Network;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code agent doctor}: checks what the agent needs from the machine and the network, each check one
 * {@link Check} with what to do when it is not OK. It works before enrollment: without a backend URL
 * the network checks say so and the local ones still run. It changes nothing and sends one request.
 */
public final class Doctor {
  static final long DISK_FAIL_BYTES = 100L << 20;
  static final long DISK_WARN_BYTES = 1L << 30;
  static final Duration SKEW_WARN = Duration.ofSeconds(30);
  static final Duration SKEW_FAIL = Duration.ofMinutes(5);

  public enum Level { OK, WARN, FAIL }

  /** One check: its verdict, what was found, and (unless OK) what to do. */
  public record Check(Level level, String name, String detail, String fix) {
    public String line() {
      return String.format("%-4s %s: %s", level, name, detail);
    }
  }

  /**
   * What the checks look at.
   *
   * @param backendUrl from config.json or {@code --backend-url}; null when neither
   * @param apiKey the enrolled key, or null
   * @param caFile the configured CA file, or null
   * @param proxy the proxy in use and its source
   * @param timeout the bound of each network step
   */
  public record Inputs(Path root, String backendUrl, String apiKey, Path caFile, EffectiveProxy proxy, Duration timeout) {}

  private final List<Check> checks = new ArrayList<>();

  private Doctor() {}

  /** Runs every check, in order. */
  public static List<Check> run(Inputs in) {
    Doctor d = new Doctor();
    d.root(in.root());
    d.config(in.root());
    d.disk(in.root());
    d.network(in);
    d.git();
    return List.copyOf(d.checks);
  }

  /** The verdict of a list of checks: the worst level. */
  public static Level worst(List<Check> checks) {
    return checks.stream().map(Check::level).max(Enum::compareTo).orElse(Level.OK);
  }

  private void add(Level l, String name, String detail, String fix) {
    checks.add(new Check(l, name, detail, l == Level.OK ? null : fix));
  }

  private void root(Path root) {
    if (!Files.exists(root)) {
      Path parent = existingAncestor(root);
      boolean canCreate = parent != null && Files.isWritable(parent);
      add(canCreate ? Level.WARN : Level.FAIL, "pinpoint root", root + " does not exist yet",
          canCreate ? "it is created by agent enroll" : "create it for the agent's account: mkdir -p " + root
              + " && chown <user> " + root);
      return;
    }
    if (!Files.isDirectory(root)) {
      add(Level.FAIL, "pinpoint root", root + " is not a folder", "move it away or choose another --pinpoint-root");
      return;
    }
    List<String> notWritable = new ArrayList<>();
    PinpointRoot pr = PinpointRoot.of(root);
    for (Path p : List.of(root, pr.stateDir(), pr.exportsDir(), pr.logsDir())) {
      if (Files.exists(p) && !Files.isWritable(p)) {
        notWritable.add(p.toString());
      }
    }
    if (notWritable.isEmpty()) {
      add(Level.OK, "pinpoint root", root + " is writable by " + System.getProperty("user.name"), null);
    } else {
      add(Level.FAIL, "pinpoint root", "not writable by " + System.getProperty("user.name") + ": "
          + String.join(", ", notWritable), "give the agent's account the root: chown -R <user> " + root);
    }
  }

  private void config(Path root) {
    Path f = PinpointRoot.of(root).configFile();
    if (!Files.exists(f)) {
      add(Level.WARN, "enrollment", "not enrolled (no " + f + ")", "agent enroll <CODE> --backend-url <URL>");
      return;
    }
    try {
      Enrollment e = Enrollment.read(root).orElseThrow();
      add(Level.OK, "enrollment", "device " + e.deviceId() + " of customer " + e.customerId(), null);
    } catch (InputException e) {
      add(Level.FAIL, "enrollment", e.getMessage(), "re-enroll: agent enroll <CODE> --force");
      return;
    }
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(f);
      Set<PosixFilePermission> loose = new java.util.HashSet<>(perms);
      loose.removeAll(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
      if (!loose.isEmpty()) {
        add(Level.FAIL, "config.json permissions", f + " is readable by others ("
            + java.nio.file.attribute.PosixFilePermissions.toString(perms) + "): it holds the API key", "chmod 600 " + f);
      } else {
        add(Level.OK, "config.json permissions", "0600", null);
      }
    } catch (UnsupportedOperationException | IOException e) {
      // Windows: enroll sets an owner-only ACL; nothing to compare here.
    }
  }

  private void disk(Path root) {
    Path p = existingAncestor(root);
    if (p == null) {
      return;
    }
    try {
      long free = Files.getFileStore(p).getUsableSpace();
      Level l = free < DISK_FAIL_BYTES ? Level.FAIL : free < DISK_WARN_BYTES ? Level.WARN : Level.OK;
      add(l, "disk space", mib(free) + " free on " + p, "free space on " + p + " (an export needs room for its"
          + " gzipped objects), or choose a --pinpoint-root on a larger disk");
    } catch (IOException e) {
      add(Level.WARN, "disk space", "cannot tell for " + p + ": " + e.getMessage(), "check the disk by hand (df -h " + p + ")");
    }
  }

  private void network(Inputs in) {
    if (in.backendUrl() == null) {
      add(Level.WARN, "backend", "no backend URL (not enrolled and no --backend-url or AGENT_BACKEND_URL)",
          "give --backend-url https://... to check the network before enrolling");
      return;
    }
    URI url;
    try {
      url = URI.create(in.backendUrl());
      if (url.getHost() == null) {
        throw new IllegalArgumentException("no host");
      }
    } catch (IllegalArgumentException e) {
      add(Level.FAIL, "backend", "unusable URL " + in.backendUrl() + ": " + e.getMessage(), "re-enroll with the right --backend-url");
      return;
    }
    Map<String, String> env = new HashMap<>();
    if (in.proxy().url() != null) {
      env.put("HTTPS_PROXY", in.proxy().url());
    }
    if (in.proxy().noProxy() != null) {
      env.put("NO_PROXY", in.proxy().noProxy());
    }
    ProxySelector selector;
    try {
      selector = Network.proxySelector(env);
    } catch (IllegalArgumentException e) {
      add(Level.FAIL, "proxy", in.proxy().display() + " (from " + in.proxy().source() + ") is unusable: " + e.getMessage(),
          "fix the proxy URL in " + in.proxy().source());
      return;
    }
    boolean viaProxy = selector != null && !selector.select(url).isEmpty()
        && selector.select(url).get(0).type() != java.net.Proxy.Type.DIRECT;
    if (in.proxy().url() == null) {
      add(Level.OK, "proxy", "none (direct connections)", null);
    } else if (!viaProxy) {
      add(Level.OK, "proxy", in.proxy().display() + " (from " + in.proxy().source() + "), bypassed for "
          + url.getHost() + " by NO_PROXY", null);
    } else {
      proxyReachable(in, (InetSocketAddress) selector.select(url).get(0).address());
    }
    dns(url.getHost(), viaProxy);
    BackendProbe.Result r = BackendProbe.probe(url, in.apiKey(), in.caFile(), in.timeout(),
        selector == null ? ProxySelector.of(null) : selector);
    if (viaProxy) {
      if (r.outcome() == BackendProbe.Outcome.PROXY_AUTH) {
        add(Level.FAIL, "proxy authentication", "the proxy refused the request (407)", in.proxy().credentials() == null
            ? "put the proxy's user and password in its URL: http://user:password@proxy:port"
            : "the proxy refused the user in its URL: check the user and password (URL-encode special characters)");
      } else if (r.status() != 0 || r.outcome() == BackendProbe.Outcome.TLS) {
        add(Level.OK, "proxy authentication", in.proxy().credentials() == null ? "none needed" : "accepted", null);
      }
    }
    backend(url, in, r);
  }

  private void proxyReachable(Inputs in, InetSocketAddress proxy) {
    String where = proxy.getHostString() + ":" + proxy.getPort();
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(proxy.getHostString(), proxy.getPort()), (int) in.timeout().toMillis());
      add(Level.OK, "proxy", in.proxy().display() + " (from " + in.proxy().source() + ") accepts connections", null);
    } catch (UnknownHostException e) {
      add(Level.FAIL, "proxy", "the proxy host " + proxy.getHostString() + " does not resolve", "fix the proxy URL in "
          + in.proxy().source() + ", or this machine's DNS");
    } catch (IOException e) {
      add(Level.FAIL, "proxy", "cannot connect to " + where + ": " + e.getMessage(), "check that the proxy runs and that"
          + " a firewall lets this machine reach it; or fix the proxy URL in " + in.proxy().source());
    }
  }

  private void dns(String host, boolean viaProxy) {
    try {
      InetAddress[] a = InetAddress.getAllByName(host);
      add(Level.OK, "DNS", host + " is " + a[0].getHostAddress(), null);
    } catch (UnknownHostException e) {
      add(viaProxy ? Level.WARN : Level.FAIL, "DNS", host + " does not resolve on this machine"
          + (viaProxy ? " (the proxy resolves it, so this may be fine)" : ""),
          "check the backend URL's host name and this machine's DNS (resolv.conf), or set HTTPS_PROXY if the way out is a proxy");
    }
  }

  private void backend(URI url, Inputs in, BackendProbe.Result r) {
    boolean https = "https".equalsIgnoreCase(url.getScheme());
    String trust = in.caFile() == null ? "the JDK's trust store" : "the JDK's trust store and " + in.caFile();
    switch (r.outcome()) {
      case ANSWERED -> add(Level.OK, "backend", url + " answers (" + r.detail() + " in " + r.took().toMillis() + " ms)"
          + (in.apiKey() == null ? "" : ", the API key is accepted"), null);
      case KEY_REFUSED -> add(Level.FAIL, "backend", url + " refuses this agent's API key (" + r.detail() + ")",
          "re-enroll with a new code: agent enroll <CODE> --force");
      case SERVER_ERROR -> add(Level.WARN, "backend", url + " answers with an error (" + r.detail() + ")",
          "the backend is unwell; the agent retries by itself. If it lasts, tell its operator");
      case PROXY_AUTH -> add(Level.FAIL, "backend", "not reached: the proxy wants credentials", "see proxy authentication");
      case TLS -> add(Level.FAIL, "backend", "TLS to " + url.getHost() + " failed: " + r.detail(), "see TLS");
      case DNS -> add(Level.FAIL, "backend", "not reached: " + r.detail(), "see DNS");
      case CONNECT -> add(Level.FAIL, "backend", "cannot connect to " + url.getHost() + ":" + port(url) + ": " + r.detail(),
          "check that the backend runs and that a firewall lets this machine reach it (or set HTTPS_PROXY)");
      case TIMEOUT -> add(Level.FAIL, "backend", "no answer within " + in.timeout().toSeconds() + " s: " + r.detail(),
          "a firewall may drop the traffic; check the route to " + url.getHost() + " or the proxy");
      default -> add(Level.FAIL, "backend", "failed: " + r.detail(), "check the backend URL and the network");
    }
    if (https) {
      if (r.outcome() == BackendProbe.Outcome.TLS) {
        add(Level.FAIL, "TLS", "the certificate of " + url.getHost() + " is not trusted by " + trust + ": " + r.detail(),
            "set ca_file to the PEM file of the certificate authority that signed the backend's (or the TLS-inspecting"
                + " proxy's) certificate: agent enroll ... --agent-config-json '{\"ca_file\":\"/path/ca.pem\"}'");
      } else if (r.status() != 0) {
        add(Level.OK, "TLS", "the certificate of " + url.getHost() + " is trusted by " + trust, null);
      }
    } else {
      add(Level.OK, "TLS", "none: plain http to " + url.getHost() + " (allowed to this machine only)", null);
    }
    if (r.skew() != null) {
      Duration abs = r.skew().abs();
      Level l = abs.compareTo(SKEW_FAIL) > 0 ? Level.FAIL : abs.compareTo(SKEW_WARN) > 0 ? Level.WARN : Level.OK;
      add(l, "clock", "this machine is " + abs.toSeconds() + " s " + (r.skew().isNegative() ? "ahead of" : "behind")
          + " the backend's Date", "synchronise the clock (timedatectl set-ntp true, or the OS's time service)");
    } else if (r.reachable()) {
      add(Level.WARN, "clock", "the backend sent no Date header: cannot compare", "nothing to do unless timestamps look wrong");
    }
  }

  private void git() {
    add(Level.OK, "git", "built in (JGit): the git, GitHub and GitLab integrations need no git binary", null);
  }

  private static int port(URI u) {
    return u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  private static Path existingAncestor(Path p) {
    Path a = p.toAbsolutePath();
    while (a != null && !Files.exists(a)) {
      a = a.getParent();
    }
    return a;
  }

  private static String mib(long bytes) {
    return bytes >= 10L << 30 ? (bytes >> 30) + " GiB" : (bytes >> 20) + " MiB";
  }
}
